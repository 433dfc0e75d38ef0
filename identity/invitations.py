"""Invitations: an e-mail in the person's language with a one-time link to set a first password."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from content.links import absolute_url, site_url
from identity.tokens import invitation_token_generator
from people.groups import ADMINISTRATOR
from people.models import Employee
from vaksam.i18n import language_for

logger = logging.getLogger(__name__)


@dataclass
class InvitationResult:
    sent: list[Employee] = field(default_factory=list)
    skipped: list[tuple[Employee, str]] = field(default_factory=list)


def invitable(employees=None):
    """Active employees with an e-mail address and no usable password: those who cannot log in."""
    employees = Employee.objects.all() if employees is None else employees
    return (
        employees.active()
        .filter(user__is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(user__email="")
    )


def may_invite_protected(user) -> bool:
    """Administrators may invite accounts with admin powers; HR may not (see people.models)."""
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()


def refusals(employees, invited_by) -> dict[int, str]:
    """Why each of these employees cannot be invited by this person, by employee id.

    invited_by is None for the command line, whose operator already holds the server.
    """
    ready = set(invitable(employees).values_list("pk", flat=True))
    protected = set()
    if invited_by is not None and not may_invite_protected(invited_by):
        protected = set(employees.with_protected_account().values_list("pk", flat=True))
    reasons = {}
    for employee in employees.select_related("user"):
        user = employee.user
        if user is None:
            reasons[employee.pk] = _("Personen har slutat och är pseudonymiserad.")
        elif employee.pk in protected:
            reasons[employee.pk] = _("Kontot har behörigheter som bara en administratör får ändra.")
        elif employee.pk in ready:
            continue
        elif not user.email:
            reasons[employee.pk] = _("Personen saknar e-postadress.")
        elif user.has_usable_password():
            reasons[employee.pk] = _(
                "Personen har redan ett lösenord och kan använda ”Glömt lösenordet?”."
            )
        else:
            reasons[employee.pk] = _("Personen är inte aktiv.")
    return reasons


def invitation_url(employee: Employee) -> str:
    user = employee.user
    path = reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def send_invitation(*, employee: Employee, invited_by=None) -> None:
    """E-mail one employee their link, and record who invited whom in the audit log.

    In the employee's own language; select_related("user__wagtail_userprofile") spares a query.
    """
    user = employee.user
    with translation.override(language_for(user)):
        context = {
            "employee": employee,
            "url": invitation_url(employee),
            "valid_days": settings.INVITATION_VALID_DAYS,
            "username": user.get_username(),
            "site_url": site_url(),
        }
        message = EmailMultiAlternatives(
            subject=_("Välkommen till Vaksam: välj ditt lösenord"),
            body=render_to_string("identity/email/invitation.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("identity/email/invitation.html", context), "text/html"
        )
        message.send()
    log(instance=employee, action="identity.invite", user=invited_by, data={"email": user.email})


def invite(*, employees, invited_by=None, dry_run: bool = False) -> InvitationResult:
    """Invite each employee who may be invited by this person; report the rest with a reason.

    A failed mail is reported as skipped and does not stop the others.
    """
    result = InvitationResult()
    reasons = refusals(employees, invited_by)
    # With each profile: the language of each mail, without a query per person.
    people = employees.select_related("user__wagtail_userprofile").order_by("employee_number")
    for employee in people:
        if reason := reasons.get(employee.pk):
            result.skipped.append((employee, reason))
            continue
        if not dry_run:
            try:
                send_invitation(employee=employee, invited_by=invited_by)
            except OSError:  # smtplib's errors are OSErrors
                logger.exception("Invitation to employee %s could not be sent", employee.pk)
                result.skipped.append((employee, _("E-postmeddelandet kunde inte skickas.")))
                continue
        result.sent.append(employee)
    return result
