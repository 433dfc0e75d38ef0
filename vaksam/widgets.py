"""Form widgets shared by the apps."""

from datetime import datetime

from django import forms
from django.utils import formats


def parsed_date(text: str):
    """The date in `text` by the active language's DATE_INPUT_FORMATS, as a date field reads
    it; None when it is no date."""
    for input_format in formats.get_format("DATE_INPUT_FORMATS"):
        try:
            return datetime.strptime(text.strip(), input_format).date()
        except ValueError:
            continue
    return None


class DateInput(forms.DateInput):
    """An HTML date input, which takes ISO dates only. A date typed in another accepted form
    (30/11/2026 in the address) is shown as ISO; text that is no date ("nej") is left out rather
    than echoed: the browser would drop it anyway, and value="nej" is invalid HTML; the field's
    error message still says what was wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            value = parsed_date(value)
        if value is None:
            return None
        return super().format_value(value)
