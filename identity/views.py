"""Signing in and out, setting a password from an invitation or a reset, and the second factor."""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from django.views.i18n import set_language
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.decorators import ratelimit
from wagtail.log_actions import log

from identity.forms import EmployeePasswordResetForm
from identity.limits import normalise_username
from identity.tasks import send_password_reset
from identity.tokens import invitation_token_generator
from vaksam.i18n import remember, supported


class LoginView(auth_views.LoginView):
    """Local passwords; guessing is limited for every login view (see identity.limits)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@require_POST
def choose_language(request):
    """The language switcher: Django's set_language (the cookie, back to a safe `next` only),
    and for a signed-in person their profile too, so the choice follows them to another device
    and into Wagtail's admin."""
    response = set_language(request)
    language = supported(request.POST.get("language"))
    if not language:
        # set_language stores any language Django itself has a catalogue for (`de`).
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    elif request.user.is_authenticated:
        remember(request.user, language)
    return response


def _reset_rate(group, request):
    # Read at request time so tests can override the settings.
    return settings.PASSWORD_RESET_RATE


def _reset_client_rate(group, request):
    return settings.PASSWORD_RESET_RATE_PER_CLIENT


def _reset_address(group, request):
    return normalise_username(request.POST.get("email", ""))


# Separate groups, so an IP address typed as the e-mail address never shares a counter with it.
@method_decorator(
    ratelimit(group="identity.reset.ip", key="ip", rate=_reset_client_rate, method="POST"),
    name="post",
)
@method_decorator(
    ratelimit(group="identity.reset.email", key=_reset_address, rate=_reset_rate, method="POST"),
    name="post",
)
class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an e-mail address and always answers the same page, whether anyone has it or not.

    The lookup and the mail happen in the worker, so the answer takes the same time either way.
    """

    form_class = EmployeePasswordResetForm
    template_name = "identity/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        send_password_reset.enqueue(form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "identity/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "identity/password_set.html"
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"heading": _("Välj ett nytt lösenord")}


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a first password; the link then stops working."""

    token_generator = invitation_token_generator
    template_name = "identity/password_set.html"
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"heading": _("Välkommen! Välj ditt lösenord"), "invitation": True}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "identity/password_reset_complete.html"


class TokenForm(forms.Form):
    code = forms.CharField(
        label=_("Sexsiffrig kod från appen"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Ange de sex siffrorna som appen visar just nu."))
        return code


class _SecondFactorView(LoginRequiredMixin, FormView):
    form_class = TokenForm

    def next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("wagtailadmin_home")

    def redirect_to(self, name: str):
        return redirect(f"{reverse(name)}?{urlencode({'next': self.next_url()})}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def verify(self, form, device: TOTPDevice) -> bool:
        """Check the code; django-otp slows down each device after every wrong code."""
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "code", _("För många felaktiga koder. Vänta en stund och försök sedan igen.")
            )
            return False
        if not device.verify_token(form.cleaned_data["code"]):
            form.add_error(
                "code", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
            )
            return False
        otp_login(self.request, device)
        return True


class SecondFactorVerifyView(_SecondFactorView):
    """An administrator with an enrolled app types its current code before using the admin."""

    template_name = "identity/totp_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.device() is None:
            return self.redirect_to("totp_enrol")
        return super().dispatch(request, *args, **kwargs)

    def device(self) -> TOTPDevice | None:
        return TOTPDevice.objects.filter(user=self.request.user, confirmed=True).first()

    def form_valid(self, form):
        if not self.verify(form, self.device()):
            return self.form_invalid(form)
        return redirect(self.next_url())


class SecondFactorEnrolView(_SecondFactorView):
    """First admin visit: scan the QR code (or type the key) and confirm with one code."""

    template_name = "identity/totp_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        ):
            return self.redirect_to("totp_verify")
        return super().dispatch(request, *args, **kwargs)

    def device(self) -> TOTPDevice:
        # The same unconfirmed key across reloads, so a scanned code stays valid.
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=self.request.user, name="Autentiseringsapp", confirmed=False
        )

    def get_context_data(self, **kwargs):
        device = self.device()
        secret = b32encode(device.bin_key).decode()
        qr = segno.make(device.config_url, error="m")
        return super().get_context_data(
            qr_svg=qr.svg_inline(scale=5, title=_("QR-kod för autentiseringsappen")),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        device = self.device()
        if not self.verify(form, device):
            return self.form_invalid(form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        log(instance=device, action="identity.totp_enrolled", user=self.request.user)
        return redirect(self.next_url())
