"""Issuing and revoking certificates."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from certificates import codes
from certificates.models import Certificate
from content.models import SiteSettings
from courses.models import CourseCompletion
from courses.services import required_modules, revoke_completion


def issue_certificate(*, completion: CourseCompletion) -> Certificate:
    """The completion's certificate, issued now if it has none. Safe to call repeatedly."""
    existing = Certificate.objects.filter(completion=completion).first()
    if existing is not None:
        return existing
    employee, course = completion.employee, completion.course
    modules = required_modules(employee=employee, course=course).order_by("path")
    fields = {
        "completion": completion,
        "employee": employee,
        "course": course,
        "holder_name": employee.full_name,
        "course_title": course.title,
        "module_titles": [module.title for module in modules],
        "issued_at": completion.completed_at,
        "valid_until": completion.valid_until,
        **_signer(),
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(code=codes.generate(), **fields)
        except IntegrityError:
            # Either a code collision (astronomically rare: draw again) or a concurrent issue.
            concurrent = Certificate.objects.filter(completion=completion).first()
            if concurrent is not None:
                return concurrent
    raise RuntimeError("Could not draw a unique certificate code")


def _signer() -> dict[str, str]:
    """Who signs certificates issued now, from the default site's settings."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {}
    site_settings = SiteSettings.for_site(site)
    return {"signer_name": site_settings.signer_name, "signer_title": site_settings.signer_title}


def revoke_certificate(*, certificate: Certificate, reason: str, user) -> Certificate:
    """Revoke with a reason; written to Wagtail's audit log with who and why."""
    with transaction.atomic():
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()
        certificate.revoked_by = user
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        revoke_completion(completion=certificate.completion)
        log(
            instance=certificate,
            action="certificates.revoke",
            user=user,
            data={"reason": certificate.revoked_reason, "code": certificate.display_code},
        )
        return certificate
