"""Certificate PDFs with xhtml2pdf: our own font, no outside resources, nothing personal logged."""

import base64
import hashlib
import logging
from io import BytesIO
from pathlib import Path

import segno
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from reportlab import rl_config
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from certificates.models import Certificate
from content.links import absolute_reverse

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
CACHE_SECONDS = 24 * 60 * 60


class PdfRenderError(RuntimeError):
    """xhtml2pdf failed, or warned where warnings are errors (PDF_STRICT)."""


def _policy() -> ResourceAccessPolicy:
    # Only the bundled fonts may be read; images arrive inline as data: URIs; no network.
    return ResourceAccessPolicy.server(base_dir=FONT_DIR, allow_remote=False)


def html_to_pdf(html: str) -> bytes:
    """Render HTML we wrote ourselves to PDF bytes, refusing silent fallbacks."""
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
    return output.getvalue()


def _logo_data_uri(site_settings) -> str | None:
    logo = getattr(site_settings, "logo", None)
    if logo is None:
        return None
    rendition = logo.get_rendition("max-400x160|format-png")
    with rendition.file.open("rb") as image:
        return "data:image/png;base64," + base64.b64encode(image.read()).decode("ascii")


def verification_url(certificate: Certificate) -> str:
    return absolute_reverse("certificates:verify", certificate.display_code)


def certificate_html(certificate: Certificate, *, site_settings) -> str:
    url = verification_url(certificate)
    qr = segno.make(url, error="m").png_data_uri(scale=4, border=2)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "certificates/certificate_pdf.html",
            {
                "certificate": certificate,
                "organisation_name": getattr(site_settings, "organisation_name", ""),
                "logo": _logo_data_uri(site_settings),
                "qr": qr,
                "verification_url": url,
                "font_dir": FONT_DIR.as_posix(),
            },
        )


def certificate_pdf(certificate: Certificate, *, site_settings) -> bytes:
    """The certificate as PDF, cached by its content: same content, same bytes."""
    html = certificate_html(certificate, site_settings=site_settings)
    key = "certificate-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
