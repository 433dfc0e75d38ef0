"""The scanned signature: a private file (no URL, not in the image library), only real PNG or
JPEG images accepted, and read once per ZIP of certificates."""

import copy
import zlib
from io import BytesIO
from unittest import mock

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from certificates import pdf
from certificates.bundles import stream_zip, write_zip
from content.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_signature_is_a_private_file_without_a_url(signed_settings, private_root):
    signature = signed_settings.signature
    assert (private_root / signature.name).is_file()
    assert not signature.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no URL"):
        signature.url  # noqa: B018


def test_the_settings_page_names_the_signature_without_linking_it(client, signed_settings):
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtailsettings:edit", args=["content", "sitesettings", signed_settings.site_id])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert signed_settings.signature.name in page
    assert 'enctype="multipart/form-data"' in page  # a new scan can be uploaded
    assert f'href="{settings.MEDIA_URL}signatures' not in page


class SignatureForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = ["signature"]


def _image(kind: str, size=(300, 100)) -> bytes:
    output = BytesIO()
    Image.new("RGB", size, "white").save(output, format=kind)
    return output.getvalue()


def _errors(name: str, content: bytes) -> list[str]:
    form = SignatureForm(
        files={"signature": SimpleUploadedFile(name, content)}, instance=SiteSettings()
    )
    form.is_valid()
    return [str(error) for error in form.errors.get("signature", [])]


@pytest.mark.parametrize("name, kind", [("scan.png", "PNG"), ("scan.JPG", "JPEG")])
def test_a_png_or_jpeg_scan_is_accepted(name, kind):
    assert _errors(name, _image(kind)) == []


NOT_PNG_OR_JPEG = "Namnteckningen ska vara en PNG- eller JPEG-bild."
UNREADABLE = "Filen går inte att läsa som en bild."


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("scan.gif", _image("GIF"), NOT_PNG_OR_JPEG),
        ("scan.png", _image("GIF"), NOT_PNG_OR_JPEG),  # named .png, but a GIF
        ("scan.pdf", b"%PDF-1.4", NOT_PNG_OR_JPEG),
        ("scan.png", b"not an image at all", UNREADABLE),
        ("scan.png", _image("PNG")[:200], UNREADABLE),  # cut short
        ("scan.png", b"\x89PNG" + bytes(1024 * 1024), "Namnteckningen får vara högst 1 MB."),
    ],
)
def test_anything_but_a_readable_png_or_jpeg_of_at_most_1_mb_is_refused(name, content, error):
    assert _errors(name, content) == [error]


def _claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims another size (with a valid checksum)."""
    png = bytearray(_image("PNG", (10, 10)))
    png[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    png[29:33] = zlib.crc32(bytes(png[12:29])).to_bytes(4, "big")
    return bytes(png)


@pytest.mark.parametrize(
    "content", [_image("PNG", (4001, 10)), _claiming(60_000, 60_000)], ids=["wide", "bomb"]
)
def test_a_scan_larger_than_any_signature_is_refused_before_it_is_decoded(content):
    """Every certificate decodes the scan: a vast canvas in a small file must not get in."""
    assert _errors("scan.png", content) == [
        "Namnteckningen får vara högst 4000 × 4000 bildpunkter."
    ]


@pytest.mark.parametrize("bundle", ["stream", "write"])
def test_a_zip_of_certificates_reads_the_logo_and_the_signature_once(
    signed_settings, completed, bundle
):
    many = [copy.copy(completed.certificate) for _ in range(3)]
    for number, certificate in enumerate(many):
        certificate.code = f"{number:012d}"  # a name of its own in the ZIP
    with (
        mock.patch("certificates.pdf.image_data_uri", wraps=pdf.image_data_uri) as logo,
        mock.patch("certificates.pdf.file_data_uri", wraps=pdf.file_data_uri) as signature,
    ):
        if bundle == "stream":
            data = b"".join(stream_zip(many, site_settings=signed_settings))
        else:
            output = BytesIO()
            write_zip(many, output, site_settings=signed_settings)
            data = output.getvalue()
    assert data
    assert (logo.call_count, signature.call_count) == (1, 1)
