"""Leavers: once gone longer than the retention period, a person keeps no name in Vaksam.

Pseudonymisation replaces the name, e-mail and employee number, removes the account (and with
it every way to sign in) and the records that only served the person while employed. What the
follow-up of past periods counts stays on the employee row, now called "Slutat 7F3K2Q": course
and module completions, quiz attempts (with the unit and roles at the time), attendance and
bookings of sessions that have taken place, the unit and roles. Certificates still verify,
saying "Personen har slutat" instead of a name.

`pseudonymise_leavers` is the daily step (the retention job runs it; so does the
`pseudonymise_leavers` command); `pseudonymise` is also offered in the admin, where an employee
with history cannot be deleted.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from courses.dates import add_months
from courses.models import CourseCompletion, ModuleCompletion, ModuleProgress, ReminderLog
from identity.models import ScimUser
from people.models import (
    PSEUDONYM_PREFIX,
    Employee,
    PersonalDataAccess,
    PersonalDataAccessPerson,
    protected_accounts,
)
from people.services import employees_changed, remove_account
from quizzes.models import QuizAttempt
from sessions.booking import promote_from_waiting_list
from sessions.models import Attendance, Booking, CourseSession

ACTION = "privacy.pseudonymised"
# Unambiguous when read aloud or typed (no 0/O, 1/I/L); 32^6 codes.
PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PSEUDONYM_LENGTH = 6


@dataclass(frozen=True)
class Fate:
    """One kind of record and what pseudonymisation does to it, as the admin page says it."""

    label: str
    then: str


# What goes, and why it may: none of it is needed for the figures of past periods.
REMOVED = [
    Fate(_("Namn och e-post"), _("Finns bara på användarkontot, som tas bort.")),
    Fate(
        _("Användarkonto och inloggning"),
        _(
            "Kontot tas bort med lösenord, kopplingar till organisationens inloggning (SSO), "
            "tvåstegsverifiering och pågående inloggningar."
        ),
    ),
    Fate(
        _("Anställningsnummer"),
        _("Ersätts med ett nytt nummer (X-…) som inte pekar ut personen."),
    ),
    Fate(
        _("SCIM-kopplingar"),
        _("Användarnamn, e-postadresser och befattning från katalogen tas bort."),
    ),
    Fate(
        _("Läsning av moduler"),
        _("Visar bara var personen slutade läsa; ingen uppföljning räknar den."),
    ),
    Fate(
        _("Bokningar av kommande kurstillfällen"),
        _("Platsen går till den som står först i kön."),
    ),
    Fate(_("Skickade påminnelser"), _("Fanns för att ingen påminnelse skulle skickas två gånger.")),
    Fate(_("Chefsuppdrag"), _("Vilka enheter personen var chef för.")),
    Fate(
        _("Namnet på intyg, i händelseloggen och i loggen över vem som sett vems uppgifter"),
        _(
            "Intygen och loggposterna finns kvar men visar pseudonymen i stället för namnet, "
            "också där personen själv har sett andras uppgifter."
        ),
    ),
]
# What stays, because the follow-up of past periods counts it.
KEPT = [
    Fate(
        _("Genomförda kurser och moduler"),
        _("Räknas i uppföljningen av de perioder då de gjordes."),
    ),
    Fate(
        _("Försök på kunskapstest"),
        _("Med enhet och roller vid försöket; gallras efter sin egen tid."),
    ),
    Fate(
        _("Närvaro och bokningar av genomförda kurstillfällen"),
        _("Räknas i Kurstillfällen och Utveckling."),
    ),
    Fate(
        _("Intyg"),
        _("Går fortfarande att kontrollera, med kurs, datum och ”Personen har slutat”."),
    ),
    Fate(
        _("Enhet, roller och anställningsdatum"),
        _("Uppföljningen delar upp siffrorna per enhet och roll."),
    ),
]


def retention_cutoff(today: date) -> date:
    """Leavers whose last day (deactivation or end date) is on or before this day are due."""
    return add_months(today, -settings.RETENTION_MONTHS["leavers"])


def leavers(today: date | None = None) -> QuerySet[Employee]:
    """People who have left and still have a name, due or not: deactivated, or past their end
    date. Accounts only an administrator may change are left to an administrator."""
    today = today or timezone.localdate()
    return (
        Employee.objects.not_pseudonymised()
        .filter(Q(is_active=False) | Q(end_date__lt=today))
        .exclude(user__in=protected_accounts())
    )


def due_leavers(today: date | None = None, *, cutoff: date | None = None) -> QuerySet[Employee]:
    """Leavers gone longer than RETENTION_MONTHS["leavers"], counted from the later of their
    deactivation and their end date.

    Someone deactivated without a recorded day is not due yet: `pseudonymise_leavers` dates
    them first, so a path that forgot the day delays them, never hurries them.
    """
    today = today or timezone.localdate()
    cutoff = cutoff or retention_cutoff(today)
    ended = Q(end_date__isnull=True) | Q(end_date__lte=cutoff)
    switched_off = Q(is_active=False, deactivated_at__lte=cutoff) & ended
    # Still marked active but employed no longer: the end date alone counts.
    past_end = Q(is_active=True, end_date__lte=cutoff)
    return leavers(today).filter(switched_off | past_end)


def protected_leavers(today: date | None = None) -> QuerySet[Employee]:
    """Due leavers whose account has admin access: an administrator removes those powers first."""
    today = today or timezone.localdate()
    cutoff = retention_cutoff(today)
    return (
        Employee.objects.not_pseudonymised()
        .filter(user__in=protected_accounts())
        .filter(
            Q(is_active=False, deactivated_at__lte=cutoff)
            & (Q(end_date__isnull=True) | Q(end_date__lte=cutoff))
            | Q(is_active=True, end_date__lte=cutoff)
        )
    )


def _new_number() -> str:
    while True:
        code = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(PSEUDONYM_LENGTH))
        number = f"{PSEUDONYM_PREFIX}{code}"
        if not Employee.objects.filter(employee_number=number).exists():
            return number


def _replacer(replacements: dict[str, str]):
    """Replace whole words only: a number "2026" must not change the year in "2026-01-05"."""
    olds = sorted((old for old in replacements if old), key=len, reverse=True)
    if not olds:
        return lambda text: text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(old) for old in olds) + r")(?![\w-])")
    return lambda text: pattern.sub(lambda match: replacements[match.group(1)], text)


def _scrub(value, replace):
    """The value with the person's name, e-mail and number replaced, through JSON."""
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_scrub(item, replace) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, replace) for key, item in value.items()}
    return value


def _scrub_log(employee: Employee, user, replacements: dict[str, str]) -> None:
    """Log entries about the person or their records keep what happened, without the name.

    Entries name their object in `label` (an attendance is "Anna Svensson (E1) – Kurs …") and
    sometimes in `data`; only entries about this person's own records are touched, so another
    person of the same name keeps theirs. Entries the person made keep the account id, which
    Wagtail shows as a removed user.
    """
    objects = [(Employee, [employee.pk])]
    if user is not None:
        objects.append((get_user_model(), [user.pk]))
    for model, field in (
        (Attendance, "employee"),
        (Booking, "employee"),
        (Certificate, "employee"),
        (CourseCompletion, "employee"),
        (ModuleCompletion, "employee"),
        (QuizAttempt, "employee"),
    ):
        ids = model.objects.filter(**{field: employee}).values_list("pk", flat=True)
        objects.append((model, list(ids)))
    condition = Q(pk__in=[])
    for model, ids in objects:
        if ids:
            ids = [str(pk) for pk in ids]
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            condition |= Q(content_type=content_type, object_id__in=ids)
    replace = _replacer(replacements)
    entries = list(ModelLogEntry.objects.filter(condition))
    for entry in entries:
        entry.label = _scrub(entry.label, replace)
        entry.data = _scrub(entry.data, replace)
    ModelLogEntry.objects.bulk_update(entries, ["label", "data"], batch_size=500)


def _scrub_access_log(employee: Employee, user, replacements: dict[str, str]) -> None:
    """Who saw whom keeps who, when and why, without the person's name: in the accesses that
    showed them (their records stay linked to the pseudonym), and as the viewer where the
    person themselves looked at others' data."""
    shown = PersonalDataAccessPerson.objects.filter(employee=employee).values("access")
    condition = Q(pk__in=shown)
    if user is not None:
        condition |= Q(viewer=user)
    replace = _replacer(replacements)
    accesses = list(PersonalDataAccess.objects.filter(condition))
    for access in accesses:
        access.description = replace(access.description)
        access.path = replace(access.path)
        access.data = _scrub(access.data, replace)
        if user is not None and access.viewer_id == user.pk:
            access.viewer_name, access.viewer_username = employee.pseudonym, ""
    PersonalDataAccess.objects.bulk_update(
        accesses, ["description", "path", "data", "viewer_name", "viewer_username"], batch_size=500
    )


def end_sessions(user_ids: set[int]) -> int:
    """Remove the signed-in sessions of these accounts, where sessions are stored in the
    database; with cookie or cache sessions the removed account signs nobody in anyway."""
    if not user_ids:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    wanted = {str(pk) for pk in user_ids}
    ended = 0
    for session in store.get_model_class().objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get(SESSION_KEY)) in wanted:
            store(session.session_key).delete()
            ended += 1
    return ended


def _pseudonymise(employee: Employee, *, actor=None, now=None) -> tuple[bool, int | None]:
    """The work of `pseudonymise` inside the caller's transaction: whether it was done now,
    and the removed account's id."""
    now = now or timezone.now()
    # Locked, so two runs (the job and an administrator) cannot both pseudonymise the person.
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.is_pseudonymised:
        return False, None
    user = employee.user
    old = {
        "label": str(employee),
        "name": employee.full_name,
        "number": employee.employee_number,
        "email": user.email if user else "",
        "username": user.get_username() if user else "",
    }

    # Removed: nothing here is counted by the follow-up (see REMOVED).
    ModuleProgress.objects.filter(employee=employee).delete()
    ReminderLog.objects.filter(employee=employee).delete()
    ScimUser.objects.filter(employee=employee).delete()
    employee.manages.clear()
    # Bookings of sessions still to come: the seat goes to the waiting list. Bookings of
    # sessions held stay, as Kurstillfällen counts who booked and who did not come.
    upcoming = Booking.objects.filter(employee=employee, session__starts_at__gt=now)
    session_ids = set(upcoming.values_list("session_id", flat=True))
    upcoming.delete()
    for session in CourseSession.objects.select_for_update().filter(pk__in=session_ids):
        promote_from_waiting_list(session)

    employee.employee_number = _new_number()
    employee.user = None
    if employee.is_active or employee.deactivated_at is None:
        employee.deactivated_at = timezone.localdate(now)
    employee.is_active = False
    employee.pseudonymised_at = now
    employee.save(
        update_fields=["employee_number", "user", "is_active", "deactivated_at", "pseudonymised_at"]
    )
    Certificate.objects.filter(employee=employee).update(holder_name="")
    replacements = {
        old["label"]: str(employee),
        old["name"]: employee.pseudonym,
        old["email"]: employee.pseudonym,
        old["number"]: employee.employee_number,
        old["username"]: employee.employee_number,
    }
    _scrub_log(employee, user, replacements)
    _scrub_access_log(employee, user, replacements)
    user_id = user.pk if user is not None else None
    if user is not None:
        remove_account(user)
    # Compliance and other apps built on people forget the person's current obligations.
    employees_changed(employee_ids={employee.pk})
    log(instance=employee, action=ACTION, user=actor)
    return True, user_id


def pseudonymise(employee: Employee, *, actor=None) -> bool:
    """Pseudonymise one person now (the admin's alternative to deleting); False if already done.

    All or nothing: the person keeps their name unless every step succeeds.
    """
    with transaction.atomic():
        done, user_id = _pseudonymise(employee, actor=actor)
    end_sessions({user_id} - {None})
    return done


def pseudonymise_leavers(
    today: date | None = None, dry_run: bool = False, *, cutoff: date | None = None
) -> int:
    """Pseudonymise every due leaver (see `due_leavers`); the number done, or due with dry_run.

    Each person in a transaction of their own, so one failure leaves the others done. Leavers
    switched off without a recorded day are dated today first (not in a dry run). `cutoff`,
    the last day of leaving that is due, is the retention job's (it runs for a given day).
    """
    today = today or timezone.localdate()
    if dry_run:
        return due_leavers(today, cutoff=cutoff).count()
    Employee.objects.not_pseudonymised().filter(
        is_active=False, deactivated_at__isnull=True
    ).update(deactivated_at=today)
    removed_accounts, done = set(), 0
    for employee in due_leavers(today, cutoff=cutoff).order_by("pk").iterator():
        with transaction.atomic():
            pseudonymised, user_id = _pseudonymise(employee)
        done += pseudonymised
        if user_id is not None:
            removed_accounts.add(user_id)
    end_sessions(removed_accounts)
    return done
