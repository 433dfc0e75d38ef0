"""The PDF: real text with å, ä and ö in an embedded font, the issuer from the site settings and
the signer stored at issue, correct document info, and no silent fallback."""

import logging
from io import BytesIO

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import Site

from certificates.pdf import PdfRenderError, certificate_pdf, html_to_pdf
from content.models import SiteSettings
from tests.certificates.conftest import LOGO_SIZE, SIGNATURE_SIZE

pytestmark = pytest.mark.django_db


def _settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def _image_sizes(reader: PdfReader) -> list[tuple[int, int]]:
    return sorted(image.image.size for image in reader.pages[0].images)


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


def test_the_certificate_names_the_issuer_and_the_signer(signed_certificate, signed_settings):
    certificate = signed_certificate
    text = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=signed_settings)))
    text = text.pages[0].extract_text()
    assert "NORRDALENS STADSDELSFÖRVALTNING" in text  # set in capitals, as a letterhead
    assert "Leila Haddad" in text
    assert "Säkerhetssamordnare" in text


def test_the_logo_and_the_signature_are_in_the_pdf_when_set(signed_certificate, signed_settings):
    reader = PdfReader(BytesIO(certificate_pdf(signed_certificate, site_settings=signed_settings)))
    sizes = _image_sizes(reader)
    assert LOGO_SIZE in sizes and SIGNATURE_SIZE in sizes
    assert len(sizes) == 3  # and the QR code


def test_a_new_signer_does_not_sign_earlier_certificates(signed_certificate, signed_settings):
    """The signer is the one named at issue; the scan shows only under its owner's name."""
    signed_settings.signer_name, signed_settings.signer_title = "Per Andersson", "HR-chef"
    signed_settings.save()
    reader = PdfReader(BytesIO(certificate_pdf(signed_certificate, site_settings=signed_settings)))
    text = reader.pages[0].extract_text()
    assert "Leila Haddad" in text and "Säkerhetssamordnare" in text
    assert "Per Andersson" not in text and "HR-chef" not in text
    assert SIGNATURE_SIZE not in _image_sizes(reader)  # Per Andersson's scan, not hers


def test_a_certificate_issued_before_signers_were_stored_names_no_signer(
    certificate, signed_settings
):
    assert certificate.signer_name == ""  # issued while the settings named nobody
    reader = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=signed_settings)))
    text = reader.pages[0].extract_text()
    assert "Leila Haddad" not in text and "Säkerhetssamordnare" not in text
    assert SIGNATURE_SIZE not in _image_sizes(reader)
    assert LOGO_SIZE in _image_sizes(reader)


def _lose_logo(site_settings):
    logo = site_settings.logo
    for rendition in logo.renditions.all():
        rendition.file.storage.delete(rendition.file.name)
    logo.file.storage.delete(logo.file.name)


def _lose_signature(site_settings):
    site_settings.signature.storage.delete(site_settings.signature.name)


@pytest.mark.parametrize(
    "lose, lost, kept",
    [(_lose_logo, LOGO_SIZE, SIGNATURE_SIZE), (_lose_signature, SIGNATURE_SIZE, LOGO_SIZE)],
)
def test_an_image_lost_from_storage_leaves_it_out_with_a_warning(
    signed_certificate, signed_settings, caplog, lose, lost, kept
):
    """A restore without the media files must not make every certificate a server error."""
    from django.core.cache import cache

    certificate_pdf(signed_certificate, site_settings=signed_settings)  # renditions exist
    lose(signed_settings)
    cache.clear()
    with caplog.at_level(logging.WARNING, logger="certificates.pdf"):
        pdf = certificate_pdf(signed_certificate, site_settings=signed_settings)
    sizes = _image_sizes(PdfReader(BytesIO(pdf)))
    assert lost not in sizes and kept in sizes
    [warning] = [r for r in caplog.records if r.name == "certificates.pdf"]
    assert "rendered without it" in warning.getMessage()
    assert "Haddad" not in warning.getMessage()


@pytest.mark.parametrize("signer", ["", "Leila Haddad"])
def test_without_logo_or_signature_image_the_certificate_still_renders(certificate, signer):
    """Both images are optional, with or without a signer named."""
    site_settings = _settings()
    site_settings.signer_name = certificate.signer_name = signer
    assert site_settings.logo is None and not site_settings.signature
    reader = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=site_settings)))
    assert len(reader.pages) == 1
    [(width, height)] = _image_sizes(reader)  # only the QR code
    assert width == height
    assert signer in reader.pages[0].extract_text()


def test_the_document_info_names_the_certificate_its_issuer_and_its_date(
    certificate, signed_settings
):
    reader = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=signed_settings)))
    info = reader.metadata
    assert info.title == f"Intyg: {certificate.course_title} – Åsa Öberg-Lindgärd"
    assert info.author == "Norrdalens stadsdelsförvaltning"
    assert info.subject == (
        f"Intyg om genomförd kurs {certificate.course_title}, "
        f"verifieringskod {certificate.display_code}"
    )
    # The date of the certificate, not the moment the file happened to be rendered.
    issued = certificate.issued_at.replace(microsecond=0)
    assert info.creation_date == issued
    assert info.creation_date.utcoffset() == timezone.localtime(issued).utcoffset()
    assert info.modification_date == issued


def test_a_course_with_many_modules_still_fits_one_page(certificate, signed_settings):
    certificate.module_titles = [
        f"Modul {n} om något som tar en lång rad att säga" for n in range(40)
    ]
    reader = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=signed_settings)))
    assert len(reader.pages) == 1
    assert "Modul 39" in reader.pages[0].extract_text()


def test_regenerating_gives_the_same_bytes(certificate):
    from django.core.cache import cache

    first = certificate_pdf(certificate, site_settings=_settings())
    cache.clear()
    assert certificate_pdf(certificate, site_settings=_settings()) == first


def test_a_warning_from_xhtml2pdf_is_an_error_in_tests():
    """A resource outside the allowed font folder is refused; strict mode makes that loud."""
    html = '<html><body><img src="/etc/passwd"><p>Hej</p></body></html>'
    with pytest.raises(PdfRenderError, match="warning"):
        html_to_pdf(html, created=timezone.now())


def test_xhtml2pdf_writes_nothing_to_the_log(caplog):
    """Its warnings quote the document, which holds personal data; they must not be logged."""
    html = '<html><body><img src="/etc/hostname"><p>Personnummer 19800101-1234</p></body></html>'
    with pytest.raises(PdfRenderError):
        html_to_pdf(html, created=timezone.now())
    assert [r for r in caplog.records if r.name.startswith("xhtml2pdf")] == []


def test_the_pdf_heading_is_one_certificate_not_the_menus_certificates(
    certificate, settings, english_entries
):
    """ "Intyg" is "Certificates" in the admin menu and "Certificate" on the document itself."""
    from certificates.pdf import certificate_html
    from certificates.wagtail_hooks import CertificateViewSet

    english_entries(
        {"Intyg": "Certificates", "the heading of one certificate\x04Intyg": "Certificate"}
    )
    settings.LANGUAGE_CODE = "en"
    html = certificate_html(certificate, site_settings=_settings())
    assert "<h1>Certificate</h1>" in html
    assert "<title>Certificate: " in html
    with translation.override("en"):
        assert str(CertificateViewSet.menu_label) == "Certificates"
