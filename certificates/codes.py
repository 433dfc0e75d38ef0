"""Verification codes: unguessable, easy to read aloud and to type back.

Twelve characters from Crockford's base32 alphabet (no I, L, O or U) give 60 bits of
randomness. Input is forgiving: case, spaces and dashes are ignored, and the look-alikes
O, I and L are read as 0, 1 and 1.
"""

import re
import secrets

from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
MAX_INPUT_LENGTH = 40

_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-–_.]+")


class MalformedCode(ValueError):
    """The text cannot be a verification code; the message says why, in Swedish."""


def generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """The stored form of a typed code, or MalformedCode."""
    if len(text) > MAX_INPUT_LENGTH:
        raise MalformedCode(
            _("Koden är för lång. En intygskod har 12 tecken, till exempel 7K3M-Q9XD-2HVB.")
        )
    code = _SEPARATORS.sub("", text).upper().translate(_LOOK_ALIKES)
    if not code:
        raise MalformedCode(_("Skriv in koden som står på intyget."))
    if any(char not in ALPHABET for char in code):
        raise MalformedCode(_("Koden innehåller tecken som inte finns i intygskoder."))
    if len(code) != LENGTH:
        raise MalformedCode(
            _("En intygskod har %(length)d tecken; du skrev %(typed)d. Kontrollera koden.")
            % {"length": LENGTH, "typed": len(code)}
        )
    return code


def display(code: str) -> str:
    """Grouped for reading: 7K3MQ9XD2HVB → 7K3M-Q9XD-2HVB."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
