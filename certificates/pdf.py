"""Certificate PDFs with xhtml2pdf: our own font, no outside resources, nothing personal logged."""

import base64
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

import segno
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfWriter
from reportlab import rl_config
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from certificates.models import Certificate
from content.links import absolute_reverse
from vaksam.i18n import language_for

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
CACHE_SECONDS = 24 * 60 * 60


class PdfRenderError(RuntimeError):
    """xhtml2pdf failed, or warned where warnings are errors (PDF_STRICT)."""


def _policy() -> ResourceAccessPolicy:
    # Only the bundled fonts may be read; images (the logo, the signature, the QR code) arrive
    # inline as data: URIs read from our own storage; no network.
    return ResourceAccessPolicy.server(base_dir=FONT_DIR, allow_remote=False)


def html_to_pdf(html: str, *, created: datetime) -> bytes:
    """Render HTML we wrote ourselves to PDF bytes, refusing silent fallbacks.

    Title, author and subject come from the document's <title> and <meta> elements; `created`
    is the date the document speaks for (a certificate's issue, a report's cut-off).
    """
    # Repeatable output: no timestamps or random ids, so the same content gives the same file.
    rl_config.invariant = 1
    output = BytesIO()
    result = pisa.pisaDocument(html, dest=output, encoding="utf-8", resource_policy=_policy())
    if result.err:
        raise PdfRenderError(f"xhtml2pdf reported {result.err} error(s)")
    if result.warn:
        # The warnings themselves are silenced (they quote the document); the count is not.
        if settings.PDF_STRICT:
            raise PdfRenderError(f"xhtml2pdf reported {result.warn} warning(s)")
        logger.warning("Certificate PDF rendered with %d xhtml2pdf warning(s)", result.warn)
    return _with_dates(output.getvalue(), created=created)


def _with_dates(pdf: bytes, *, created: datetime) -> bytes:
    # ReportLab's invariant mode dates every file 1 January 2000; the real date is set here,
    # from the content rather than the clock, so the output stays repeatable.
    stamp = timezone.localtime(created).strftime("D:%Y%m%d%H%M%S%z")
    stamp = f"{stamp[:-2]}'{stamp[-2:]}'"  # +0100 -> +01'00', as PDF dates are written
    writer = PdfWriter(clone_from=BytesIO(pdf))
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp, "/Creator": "Vaksam"})
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def image_data_uri(image, spec: str) -> str | None:
    """A Wagtail image's rendition, inline: read from our own storage, never fetched by URL.

    A file lost from storage (a restore, a move between stores) costs the document its image,
    not the whole document: None, and a warning.
    """
    if image is None:
        return None
    try:
        rendition = image.get_rendition(f"{spec}|format-png")
        with rendition.file.open("rb") as data:
            encoded = base64.b64encode(data.read()).decode("ascii")
    except OSError:  # also Wagtail's SourceImageIOError: the original is gone
        logger.warning("Image %s could not be read from storage; rendered without it", image.pk)
        return None
    return "data:image/png;base64," + encoded


def file_data_uri(field_file, size: tuple[int, int]) -> str | None:
    """An image file of ours (the scanned signature on the private store), scaled to fit `size`,
    inline as PNG; None if it cannot be read."""
    if not field_file:
        return None
    try:
        with field_file.storage.open(field_file.name, "rb") as stored, Image.open(stored) as image:
            # A CMYK JPEG (as some scanners write) cannot be saved as PNG.
            scaled = (
                image
                if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA")
                else image.convert("RGB")
            )
            scaled.thumbnail(size)
            output = BytesIO()
            scaled.save(output, format="PNG")
    except OSError:  # also Pillow's UnidentifiedImageError
        logger.warning("A signature file could not be read from storage; rendered without it")
        return None
    return "data:image/png;base64," + base64.b64encode(output.getvalue()).decode("ascii")


@dataclass(frozen=True)
class Letterhead:
    """What every document of a batch shares, read from storage once per batch (a ZIP of
    thousands of certificates reads the logo and the signature once, not once each)."""

    organisation_name: str = ""
    logo: str | None = None
    # The current signer and their scan; a certificate shows the scan only if it names the
    # same signer (certificate_html).
    signer_name: str = ""
    signature: str | None = None


def letterhead(site_settings, *, signature: bool = True) -> Letterhead:
    """The letterhead from the site settings (None: a plain one); `signature=False` for
    documents nobody signs (the follow-up report), so the scan is not even read."""
    if site_settings is None:
        return Letterhead()
    return Letterhead(
        organisation_name=site_settings.organisation_name,
        logo=image_data_uri(site_settings.logo, "max-600x240"),
        signer_name=site_settings.signer_name,
        signature=file_data_uri(site_settings.signature, (600, 200)) if signature else None,
    )


def verification_url(certificate: Certificate) -> str:
    return absolute_reverse("certificates:verify", certificate.display_code)


def certificate_html(
    certificate: Certificate, *, site_settings=None, head: Letterhead | None = None
) -> str:
    """The certificate's HTML, in its holder's language (whoever downloads it); pass `head`
    when rendering many, else it is read here."""
    if head is None:
        head = letterhead(site_settings)
    url = verification_url(certificate)
    qr = segno.make(url, error="m").png_data_uri(scale=4, border=2)
    # The signer is the one stored at issue. The scan is not stored with each certificate: it
    # is shown only while the same person is still the signer (the scan is theirs, a better
    # scan of the same hand may replace it), and never under another signer's name; after a
    # change of signer, earlier certificates keep the name and title without the scan.
    same_signer = bool(certificate.signer_name) and certificate.signer_name == head.signer_name
    with translation.override(language_for(certificate.employee.user)):
        return render_to_string(
            "certificates/certificate_pdf.html",
            {
                "certificate": certificate,
                "organisation_name": head.organisation_name,
                "logo": head.logo,
                "signer_name": certificate.signer_name,
                "signer_title": certificate.signer_title,
                "signature": head.signature if same_signer else None,
                "qr": qr,
                "verification_url": url,
                "font_dir": FONT_DIR.as_posix(),
            },
        )


def certificate_pdf(
    certificate: Certificate, *, site_settings=None, head: Letterhead | None = None
) -> bytes:
    """The certificate as PDF, cached by its content: same content, same bytes."""
    html = certificate_html(certificate, site_settings=site_settings, head=head)
    created = certificate.issued_at
    key = "certificate-pdf:" + hashlib.sha256(f"{created.isoformat()}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html, created=created)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
