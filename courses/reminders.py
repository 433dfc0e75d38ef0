"""Daily reminders to employees before and after a due date, and managers' weekly digest."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from content.links import site_url
from courses.compliance import recompute_compliance
from courses.models import ComplianceStatus, ReminderLog
from people.models import Employee
from vaksam.i18n import language_for

Status = ComplianceStatus.Status
NEEDS_ACTION = [Status.OVERDUE, Status.EXPIRED, Status.EXPIRING]


def reminder_for(row: ComplianceStatus, today: date) -> tuple[str, int] | None:
    """(kind, days before) if this status gets a reminder today; None for anyone who is done."""
    if row.status == Status.COMPLETED or row.due_date is None:
        return None
    days = (row.due_date - today).days
    if days in settings.REMINDER_DAYS_BEFORE:
        return ReminderLog.Kind.BEFORE, days
    if days == 0:
        return ReminderLog.Kind.DUE, 0
    if days < 0 and -days % 7 == 0:
        return ReminderLog.Kind.OVERDUE, days
    return None


def _send(to: str, subject: str, template: str, context: dict) -> None:
    """Send a mail; the caller has activated the recipient's language (language_for)."""
    context = {**context, "site_url": site_url()}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # no line breaks from titles in a header
        body=render_to_string(f"{template}.txt", context),
        to=[to],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


logger = logging.getLogger(__name__)


def _log_once(**fields) -> bool:
    """Record the mail about to be sent; False if it was already sent today."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(**fields)
    except IntegrityError:
        return False
    return True


def send_employee_reminders(today: date) -> int:
    dates = [today + timedelta(days=d) for d in settings.REMINDER_DAYS_BEFORE] + [today]
    rows = (
        ComplianceStatus.objects.exclude(status=Status.COMPLETED)
        .filter(employee__is_active=True, course__live=True)
        .filter(Q(due_date__in=dates) | Q(due_date__lt=today))
        # With each profile: each mail in its recipient's language, no query per person.
        .select_related("employee__user__wagtail_userprofile", "course")
    )
    sent = 0
    for row in rows.iterator():
        reminder = reminder_for(row, today)
        email = row.employee.user.email
        if reminder is None or not email:
            continue
        kind, days = reminder
        try:
            with transaction.atomic(), translation.override(language_for(row.employee.user)):
                if not _log_once(
                    employee=row.employee,
                    course=row.course,
                    kind=kind,
                    days_before=days,
                    sent_on=today,
                ):
                    continue
                # Sending inside the transaction: if the mail fails, the log row goes too and
                # the next run tries again.
                _send(
                    email,
                    _("Påminnelse: %(course)s") % {"course": row.course.title}
                    if kind != ReminderLog.Kind.OVERDUE
                    else _("Försenad: %(course)s") % {"course": row.course.title},
                    "courses/email/reminder",
                    {"row": row, "kind": kind, "days": days, "my_courses": reverse("my_courses")},
                )
        except Exception:
            # One bad address must not stop everyone else's reminder; no personal data logged.
            logger.exception("Reminder for status %s could not be sent", row.pk)
            continue
        sent += 1
    return sent


def send_manager_digests(today: date) -> int:
    """Each manager gets the people in their subtree who are late or about to expire."""
    managers = (
        Employee.objects.active()
        .filter(manages__isnull=False)
        .distinct()
        .select_related("user__wagtail_userprofile")
        .prefetch_related("manages")
    )
    sent = 0
    for manager in managers:
        if not manager.user.email:
            continue
        rows = list(
            ComplianceStatus.objects.filter(
                employee__in=Employee.objects.active().managed_by(manager),
                status__in=NEEDS_ACTION,
                course__live=True,
            )
            .select_related("employee__user", "employee__org_unit", "course")
            .order_by("due_date")
        )
        if not rows:
            continue
        try:
            with transaction.atomic(), translation.override(language_for(manager.user)):
                if not _log_once(employee=manager, kind=ReminderLog.Kind.DIGEST, sent_on=today):
                    continue
                _send(
                    manager.user.email,
                    _("Veckosammanställning: %(count)d i din verksamhet behöver göra kursen")
                    % {"count": len(rows)},
                    "courses/email/digest",
                    {"manager": manager, "rows": rows},
                )
        except Exception:
            # As for employees: one bad address must not stop the other managers' digests,
            # and the log row goes with the failed mail so a rerun tries again.
            logger.exception("Digest for manager %s could not be sent", manager.pk)
            continue
        sent += 1
    return sent


def send_reminders(*, today: date | None = None) -> dict[str, int]:
    """The daily run: bring date-based states up to date, then remind. Safe to run twice."""
    today = today or timezone.localdate()
    recompute_compliance(today=today)
    result = {"employees": send_employee_reminders(today), "managers": 0}
    if today.weekday() == settings.REMINDER_DIGEST_WEEKDAY:
        result["managers"] = send_manager_digests(today)
    return result
