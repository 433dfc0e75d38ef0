"""The learner's certificates, downloads with a scope check, and public verification."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit
from wagtail.log_actions import log
from wagtail.models import Site

from certificates import codes
from certificates.forms import VerifyForm
from certificates.models import Certificate
from certificates.pdf import certificate_pdf
from content.models import SiteSettings
from people.access_log import Kind, Purpose, record_access
from people.models import Employee


def _verify_rate(group, request):
    return settings.CERTIFICATE_VERIFY_RATE


def can_download(user, certificate: Certificate) -> bool:
    """The holder, a manager above them, or someone allowed to see every certificate."""
    if user.has_perm("certificates.view_certificate"):
        return True
    employee = getattr(user, "employee", None)
    if employee is None:
        return False
    if certificate.employee_id == employee.pk:
        return True
    return Employee.objects.managed_by(employee).filter(pk=certificate.employee_id).exists()


@login_required
def my_certificates(request):
    employee = getattr(request.user, "employee", None)
    certificates = (
        Certificate.objects.filter(employee=employee).order_by("-issued_at") if employee else []
    )
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@login_required
def download(request, code: str):
    try:
        normalised = codes.normalise(code)
    except codes.MalformedCode as error:
        raise Http404 from error
    certificate = get_object_or_404(Certificate, code=normalised)
    if not can_download(request.user, certificate):
        # Not found rather than forbidden: others' certificates are not confirmed to exist.
        raise Http404
    if certificate.revoked_at is not None:
        messages.error(request, _("Intyget är återkallat och kan inte laddas ner."))
        return redirect("certificates:mine")
    if certificate.employee.user_id != request.user.pk:
        # Someone else's personal data: who looked is recorded.
        log(instance=certificate, action="certificates.download", user=request.user)
        record_access(
            request,
            action="certificates.download",
            description=_("Intyg som PDF"),
            purpose=Purpose.CERTIFICATES,
            kind=Kind.EXPORT,
            employees=[certificate.employee_id],
        )
    site_settings = SiteSettings.for_site(Site.find_for_request(request))
    response = HttpResponse(
        certificate_pdf(certificate, site_settings=site_settings), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="intyg-{certificate.display_code}.pdf"'
    return response


@ratelimit(group="certificate-verification", key="ip", rate=_verify_rate, block=True)
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=codes.display(form.cleaned_data["code"]))
    return render(request, "certificates/verify_form.html", {"form": form})


def _lookup(code: str) -> tuple[Certificate | None, str | None]:
    try:
        return Certificate.objects.filter(code=codes.normalise(code)).first(), None
    except codes.MalformedCode as error:
        return None, str(error)


@ratelimit(group="certificate-verification", key="ip", rate=_verify_rate, block=True)
def verify(request, code: str):
    certificate, problem = _lookup(code)
    if certificate is None:
        form = VerifyForm(initial={"code": code[: codes.MAX_INPUT_LENGTH]})
        message = problem or _(
            "Vi hittade inget intyg med den koden. Kontrollera koden på intyget."
        )
        return render(
            request,
            "certificates/verify_form.html",
            {"form": form, "not_found": message},
            status=404 if problem is None else 400,
        )
    _record_verification(request, certificate)
    return render(request, "certificates/verify_result.html", {"certificate": certificate})


def _record_verification(request, certificate: Certificate) -> None:
    """The public check shows the holder's name to whoever has the code: the holder may ask
    who checked their certificate, so it is recorded like any other access."""
    record_access(
        request,
        action="certificates.verify",
        description=_("Kontroll av intyg %(code)s") % {"code": certificate.display_code},
        purpose=Purpose.VERIFICATION,
        employees=[certificate.employee_id],
    )


@ratelimit(group="certificate-verification", key="ip", rate=_verify_rate, block=True)
def verify_json(request, code: str):
    certificate, problem = _lookup(code)
    if certificate is None:
        error = problem or _("Inget intyg med den koden.")
        return JsonResponse({"error": error}, status=404 if problem is None else 400)
    # The least a verifier needs (README, "Kontroll av intyg"): who, what, when, and whether it
    # holds; a holder who has left is named by nobody.
    _record_verification(request, certificate)
    return JsonResponse(
        {
            "code": certificate.display_code,
            "status": certificate.status(),
            "status_text": certificate.get_status_display(),
            "holder": certificate.holder_name or None,
            "holder_has_left": certificate.holder_has_left,
            "course": certificate.course_title,
            "issued_at": timezone.localdate(certificate.issued_at).isoformat(),
            "valid_until": certificate.valid_until.isoformat(),
        }
    )
