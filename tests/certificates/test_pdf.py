"""The PDF: real text with å, ä and ö in an embedded font, and no silent fallback."""

from io import BytesIO

import pytest
from pypdf import PdfReader
from wagtail.models import Site

from certificates.pdf import PdfRenderError, certificate_pdf, html_to_pdf
from content.models import SiteSettings

pytestmark = pytest.mark.django_db


def _settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Font names on the first page, and whether each carries an embedded font file."""
    fonts = reader.pages[0]["/Resources"]["/Font"]
    found = {}
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        embedded = bool(descriptor and "/FontFile2" in descriptor.get_object())
        found[str(font["/BaseFont"])] = embedded
    return found


def test_pdf_text_has_the_holder_course_and_code(certificate):
    pdf = certificate_pdf(certificate, site_settings=_settings())
    reader = PdfReader(BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "Åsa Öberg-Lindgärd" in text
    assert certificate.display_code in text
    assert certificate.course_title in text
    assert "Giltig till och med" in text


def test_pdf_is_a4_landscape_with_our_font_embedded(certificate):
    reader = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=_settings())))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    fonts = _fonts(reader)
    assert any("DejaVuSans" in name and embedded for name, embedded in fonts.items()), fonts


def test_regenerating_gives_the_same_bytes(certificate):
    from django.core.cache import cache

    first = certificate_pdf(certificate, site_settings=_settings())
    cache.clear()
    assert certificate_pdf(certificate, site_settings=_settings()) == first


def test_a_warning_from_xhtml2pdf_is_an_error_in_tests():
    """A resource outside the allowed font folder is refused; strict mode makes that loud."""
    html = '<html><body><img src="/etc/passwd"><p>Hej</p></body></html>'
    with pytest.raises(PdfRenderError, match="warning"):
        html_to_pdf(html)


def test_xhtml2pdf_writes_nothing_to_the_log(caplog):
    """Its warnings quote the document, which holds personal data; they must not be logged."""
    html = '<html><body><img src="/etc/hostname"><p>Personnummer 19800101-1234</p></body></html>'
    with pytest.raises(PdfRenderError):
        html_to_pdf(html)
    assert [r for r in caplog.records if r.name.startswith("xhtml2pdf")] == []
