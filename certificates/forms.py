from django import forms
from django.utils.translation import gettext_lazy as _

from certificates import codes


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Intygets verifieringskod"),
        help_text=_("12 tecken, till exempel 7K3M-Q9XD-2HVB. Små eller stora bokstäver går bra."),
        max_length=codes.MAX_INPUT_LENGTH,
        error_messages={
            "required": _("Skriv in koden som står på intyget."),
            "max_length": _("Koden är för lång. En intygskod har 12 tecken."),
        },
    )

    def clean_code(self):
        try:
            return codes.normalise(self.cleaned_data["code"])
        except codes.MalformedCode as error:
            raise forms.ValidationError(str(error)) from error


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till återkallelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Ange varför intyget återkallas.")},
    )
