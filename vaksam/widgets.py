"""Form widgets shared by the apps."""

import re
from datetime import date

from django import forms

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateInput(forms.DateInput):
    """An HTML date input. A value typed wrong ("nej" in the address) is left out rather than
    echoed: the browser would drop it anyway, and value="nej" is invalid HTML; the field's
    error message still says what was wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def format_value(self, value):
        value = super().format_value(value)
        if value is None or not ISO_DATE.fullmatch(value):
            return None
        try:
            date.fromisoformat(value)
        except ValueError:
            return None
        return value
