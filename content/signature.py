"""The scanned signature on certificates: a file in the private store, never a public image.

A real official's handwritten signature must not sit in Wagtail's image library (public files
under /media/ with guessable names, and choosable for any page), so it is a plain file on the
private store (`files.storage`), read by the server when a certificate is rendered and shown
nowhere else.
"""

import uuid
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 1024 * 1024
# A few bytes of PNG can claim a vast canvas, which every certificate would then decode: a scan
# needs nothing near this.
MAX_SIDE = 4000
FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
EXTENSIONS = {".png", ".jpg", ".jpeg"}


def signature_file_name(instance, filename) -> str:
    # A random name: nobody can guess it, and a new upload never overwrites the previous scan.
    suffix = Path(filename).suffix.lower()
    return f"signatures/{uuid.uuid4().hex}{suffix if suffix in EXTENSIONS else '.png'}"


def validate_signature(value) -> None:
    """A PNG or JPEG of at most 1 MB that Pillow can read (it goes into every certificate)."""
    if Path(value.name).suffix.lower() not in EXTENSIONS:
        raise ValidationError(_("Namnteckningen ska vara en PNG- eller JPEG-bild."))
    if value.size > MAX_BYTES:
        raise ValidationError(_("Namnteckningen får vara högst 1 MB."))
    try:
        value.seek(0)
        with Image.open(value) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except Image.DecompressionBombError as error:
        raise ValidationError(_too_large()) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Filen går inte att läsa som en bild.")) from error
    finally:
        value.seek(0)
    if kind not in FORMATS:
        raise ValidationError(_("Namnteckningen ska vara en PNG- eller JPEG-bild."))
    if max(width, height) > MAX_SIDE:
        raise ValidationError(_too_large())


def _too_large():
    return _("Namnteckningen får vara högst %(side)d × %(side)d bildpunkter.") % {"side": MAX_SIDE}


class PrivateFileInput(forms.ClearableFileInput):
    """Django's file input without the link to the current file: a private file has no URL
    (its storage refuses one), so only its name is shown."""

    template_name = "content/widgets/private_file_input.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))
