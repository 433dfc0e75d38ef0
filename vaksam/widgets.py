"""Form widgets shared by the apps."""

from django import forms


class DateInput(forms.DateInput):
    """A date as text, written and shown as an ISO date (2026-11-30).

    Not `type="date"`: the browser draws that in its own language's format, not the page's, so
    an English-speaking browser shows 11/30/2026 on a Swedish page. A text input shows what it
    holds, the same for every visitor. Give the field a hint with the format (ÅÅÅÅ-MM-DD); a
    value typed wrong comes back as typed, beside the field's error, to be corrected.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        # No spelling marks under a date, and no stored entries offered from other forms.
        attrs = {"autocomplete": "off", "spellcheck": "false"} | (attrs or {})
        super().__init__(attrs=attrs, format="%Y-%m-%d")
