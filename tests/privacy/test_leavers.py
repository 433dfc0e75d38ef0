"""Leavers (issue 14, point 2): pseudonymised after the retention period, history kept."""

import re
import secrets
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.utils import get_deleted_user_display_name

from courses.dates import add_months
from courses.models import CourseCompletion, ModuleCompletion, ModuleProgress, ReminderLog
from courses.services import record_module_completion
from identity.models import OIDCIdentity, ScimUser
from people.groups import ADMINISTRATOR, HR, MEDARBETARE, ensure_groups
from people.importing import apply_plan, plan_import
from people.models import Employee, PersonalDataAccess, PersonalDataAccessPerson
from people.tabular import read_table
from privacy.leavers import (
    PSEUDONYM_ALPHABET,
    due_leavers,
    leavers,
    protected_leavers,
    pseudonymise,
    pseudonymise_leavers,
)
from sessions.models import Attendance, Booking, CourseSession
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
TODAY = date(2026, 6, 15)


def _at(day: date, hour: int = 9):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))


def _session(course, day: date, capacity: int = 10) -> CourseSession:
    return CourseSession.objects.create(
        course=course,
        starts_at=_at(day),
        ends_at=_at(day, 11),
        booking_deadline=_at(day - timedelta(days=2)),
        format=CourseSession.Format.ONLINE,
        capacity=capacity,
    )


def _import(rows: str, *, full: bool = False):
    header = "anställningsnummer;förnamn;efternamn;e-post;enhetskod\n"
    plan = plan_import(read_table("p.csv", (header + rows).encode()), full=full)
    return plan, (None if plan.has_errors else apply_plan(plan))


@pytest.fixture
def leaver(course, employee):
    """Åsa has completed the course, attended a session and holds a certificate."""
    employee.user.first_name, employee.user.last_name = "Åsa", "Öberg-Lindgärd"
    employee.user.email = "asa.oberg@kommun.se"
    employee.user.save()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, score=100)
    return employee


# When is someone a leaver -------------------------------------------------------------------


def test_the_import_records_the_deactivation_day_and_a_return_clears_it(unit):
    kept = EmployeeFactory(org_unit=unit, employee_number="K1")
    gone = EmployeeFactory(org_unit=unit, employee_number="G1")
    row = f"K1;Kim;Kvar;{kept.user.email};{unit.code}\n"
    _import(row, full=True)
    gone.refresh_from_db()
    assert not gone.is_active and gone.deactivated_at == timezone.localdate()
    _import(row + f"G1;Gun;Åter;{gone.user.email};{unit.code}\n")
    gone.refresh_from_db()
    assert gone.is_active and gone.deactivated_at is None


def test_the_admin_form_records_the_deactivation_day_and_reactivation_clears_it(
    client, unit, login_as_member
):
    login_as_member(ADMINISTRATOR)
    person = EmployeeFactory(org_unit=unit)
    url = reverse("employees:edit", args=[person.pk])
    data = {
        "first_name": person.user.first_name,
        "last_name": person.user.last_name,
        "email": person.user.email,
        "employee_number": person.employee_number,
        "org_unit": unit.pk,
        "start_date": person.start_date.isoformat(),
    }
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert not person.is_active and person.deactivated_at == timezone.localdate()
    assert client.post(url, {**data, "is_active": "on"}).status_code == 302
    person.refresh_from_db()
    assert person.is_active and person.deactivated_at is None


@override_settings(RETENTION_MONTHS={"leavers": 24})
def test_due_counts_from_the_later_of_deactivation_and_end_date(unit, groups_ready):
    cutoff = add_months(TODAY, -24)
    day_before = cutoff + timedelta(days=1)

    def person(**fields):
        return EmployeeFactory(org_unit=unit, start_date=date(2015, 1, 1), **fields)

    due = person(is_active=False, deactivated_at=cutoff)
    too_soon = person(is_active=False, deactivated_at=day_before)
    ended_later = person(is_active=False, deactivated_at=cutoff, end_date=day_before)
    ended_earlier = person(is_active=False, deactivated_at=cutoff, end_date=date(2020, 1, 1))
    still_marked_active = person(end_date=cutoff)
    active = person()
    undated = person(is_active=False)
    admin = person(is_active=False, deactivated_at=cutoff)
    admin.user.groups.add(groups_ready[ADMINISTRATOR])

    # Boundary days: the day before the cutoff is due too, the day after is not.
    day_earlier = cutoff - timedelta(days=1)
    earlier = person(is_active=False, deactivated_at=day_earlier)
    active_ended_earlier = person(end_date=day_earlier)
    active_ends_later = person(end_date=day_before)

    # Switched off recently, though the end date is long past: counted from the later day.
    deactivated_recently = person(is_active=False, deactivated_at=day_before, end_date=day_earlier)

    assert set(due_leavers(TODAY)) == {
        due, ended_earlier, still_marked_active, earlier, active_ended_earlier,
    }  # fmt: skip
    not_due = {too_soon, ended_later, active, undated, admin, active_ends_later}
    assert (not_due | {deactivated_recently}).isdisjoint(due_leavers(TODAY))


@override_settings(RETENTION_MONTHS={"leavers": 24})
def test_protected_leavers_are_the_due_ones_an_administrator_must_handle(unit, groups_ready):
    """The same days as for everyone, but only accounts with admin access: the command says
    how many wait for an administrator."""
    cutoff = add_months(TODAY, -24)
    day_after, day_before = cutoff + timedelta(days=1), cutoff - timedelta(days=1)

    def admin(**fields):
        person = EmployeeFactory(org_unit=unit, start_date=date(2015, 1, 1), **fields)
        person.user.groups.add(groups_ready[ADMINISTRATOR])
        return person

    due = {
        admin(is_active=False, deactivated_at=cutoff),
        admin(is_active=False, deactivated_at=day_before),
        admin(is_active=False, deactivated_at=cutoff, end_date=date(2020, 1, 1)),
        admin(end_date=cutoff),
        admin(end_date=day_before),
    }
    not_due = {
        admin(is_active=False, deactivated_at=day_after),
        admin(is_active=False, deactivated_at=cutoff, end_date=day_after),
        admin(end_date=day_after),
        admin(),
        admin(is_active=False),
        # Switched off recently (or undated) with an end date long past: the later day counts.
        admin(is_active=False, deactivated_at=day_after, end_date=date(2020, 1, 1)),
        admin(is_active=False, end_date=date(2020, 1, 1)),
        # Due, but an ordinary account: pseudonymise_leavers does them.
        EmployeeFactory(org_unit=unit, is_active=False, deactivated_at=cutoff),
    }

    assert set(protected_leavers(TODAY)) == due
    assert not_due.isdisjoint(protected_leavers(TODAY))


def test_leavers_are_the_deactivated_and_those_past_their_end_date(unit, groups_ready):
    yesterday = TODAY - timedelta(days=1)
    gone = {
        EmployeeFactory(org_unit=unit, is_active=False),
        EmployeeFactory(org_unit=unit, end_date=yesterday, start_date=date(2015, 1, 1)),
    }
    last_day_today = EmployeeFactory(org_unit=unit, end_date=TODAY, start_date=date(2015, 1, 1))
    admin = EmployeeFactory(org_unit=unit, is_active=False)
    admin.user.groups.add(groups_ready[ADMINISTRATOR])
    staying = EmployeeFactory(org_unit=unit)

    assert set(leavers(TODAY)) == gone
    assert {last_day_today, admin, staying}.isdisjoint(leavers(TODAY))


@pytest.fixture
def groups_ready(db):
    return ensure_groups()


# Pseudonymise -------------------------------------------------------------------------------


def test_pseudonymise_replaces_name_email_number_and_removes_the_account(leaver, course, client):
    user = leaver.user
    old_number = leaver.employee_number
    OIDCIdentity.objects.create(issuer="https://idp", subject="asa", user=user)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    ScimUser.objects.create(employee=leaver, user_name="asa@kommun.se", emails=[{"value": "x"}])
    client.force_login(user)
    assert Session.objects.count() == 1
    leaver.manages.add(leaver.org_unit)

    assert pseudonymise(leaver) is True
    leaver.refresh_from_db()
    assert leaver.user is None and leaver.is_pseudonymised and not leaver.is_active
    assert leaver.employee_number.startswith("X-") and leaver.employee_number != old_number
    assert leaver.full_name == f"Slutat {leaver.employee_number[2:]}"
    assert "Åsa" not in str(leaver)
    assert not User.objects.filter(pk=user.pk).exists()
    assert not OIDCIdentity.objects.exists() and not TOTPDevice.objects.exists()
    assert not ScimUser.objects.exists()
    assert Session.objects.count() == 0  # signed out everywhere
    assert not leaver.manages.exists()
    assert not User.objects.filter(email="asa.oberg@kommun.se").exists()
    # Doing it again changes nothing.
    number = leaver.employee_number
    assert pseudonymise(leaver) is False
    leaver.refresh_from_db()
    assert leaver.employee_number == number


def test_pseudonymise_keeps_what_figures_count_and_removes_the_rest(leaver, course):
    past, future = _session(course, date(2025, 3, 1)), _session(course, date(2099, 3, 1), 1)
    Booking.objects.create(session=past, employee=leaver, status=Booking.Status.CONFIRMED)
    Attendance.objects.create(session=past, employee=leaver, status=Attendance.Status.PRESENT)
    Booking.objects.create(session=future, employee=leaver, status=Booking.Status.CONFIRMED)
    waiting = Booking.objects.create(
        session=future, employee=EmployeeFactory(), status=Booking.Status.WAITLISTED
    )
    ModuleProgress.objects.create(employee=leaver, module=course.intro_module)
    ReminderLog.objects.create(
        employee=leaver, course=course, kind=ReminderLog.Kind.DUE, sent_on=TODAY
    )

    pseudonymise(leaver)

    assert CourseCompletion.objects.filter(employee=leaver).count() == 1
    assert ModuleCompletion.objects.filter(employee=leaver).count() == 2
    assert Attendance.objects.filter(employee=leaver).count() == 1
    assert list(Booking.objects.filter(employee=leaver).values_list("session", flat=True)) == [
        past.pk
    ]
    assert not ModuleProgress.objects.filter(employee=leaver).exists()
    assert not ReminderLog.objects.filter(employee=leaver).exists()
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED  # the freed seat went to the queue
    certificate = CourseCompletion.objects.get(employee=leaver).certificate
    assert certificate.holder_name == "" and certificate.holder == "Personen har slutat"


def test_log_entries_about_the_person_lose_the_name_but_not_others_of_the_same_name(leaver, unit):
    namesake = EmployeeFactory(org_unit=unit, user__first_name="Åsa")
    namesake.user.last_name = "Öberg-Lindgärd"
    namesake.user.save()
    log(
        instance=leaver,
        action="identity.invite",
        data={"email": "asa.oberg@kommun.se", "to": ["asa.oberg@kommun.se", 2]},
    )
    log(instance=namesake, action="identity.invite")
    certificate = CourseCompletion.objects.get(employee=leaver).certificate
    log(instance=certificate, action="certificates.download")

    pseudonymise(leaver)
    leaver.refresh_from_db()

    about_leaver = ModelLogEntry.objects.filter(object_id=str(leaver.pk), action="identity.invite")
    entry = about_leaver.get(content_type__model="employee")
    assert entry.label == str(leaver)
    assert entry.data == {"email": leaver.pseudonym, "to": [leaver.pseudonym, 2]}
    download = ModelLogEntry.objects.get(action="certificates.download")
    assert "Åsa" not in download.label
    namesakes = ModelLogEntry.objects.get(object_id=str(namesake.pk), action="identity.invite")
    assert "Åsa Öberg-Lindgärd" in namesakes.label
    assert ModelLogEntry.objects.filter(action="privacy.pseudonymised").count() == 1


def test_a_returning_person_is_a_new_employee_and_the_pseudonym_is_refused(leaver, unit):
    old_number = leaver.employee_number
    pseudonymise(leaver)
    leaver.refresh_from_db()
    _plan, result = _import(f"{old_number};Åsa;Åter;asa.oberg@kommun.se;{unit.code}\n")
    assert result.created == 1
    returning = Employee.objects.get(employee_number=old_number)
    assert returning.pk != leaver.pk and not returning.course_completions.exists()
    plan, _result = _import(f"{leaver.employee_number};Ny;Person;ny@kommun.se;{unit.code}\n")
    assert "pseudonymiserats" in plan.errors[0].message


@override_settings(RETENTION_MONTHS={"leavers": 24})
def test_pseudonymise_leavers_does_the_due_ones_and_a_dry_run_nothing(leaver, unit):
    long_gone = EmployeeFactory(org_unit=unit, start_date=date(2015, 1, 1), is_active=False)
    Employee.objects.filter(pk__in=[leaver.pk, long_gone.pk]).update(
        is_active=False, deactivated_at=date(2020, 1, 1)
    )
    recent = EmployeeFactory(org_unit=unit, is_active=False, deactivated_at=TODAY)
    undated = EmployeeFactory(org_unit=unit, is_active=False)

    assert pseudonymise_leavers(TODAY, dry_run=True) == 2
    assert not Employee.objects.filter(pseudonymised_at__isnull=False).exists()
    assert pseudonymise_leavers(TODAY) == 2
    assert set(Employee.objects.filter(pseudonymised_at__isnull=False)) == {leaver, long_gone}
    recent.refresh_from_db()
    undated.refresh_from_db()
    assert recent.user is not None
    # Switched off by a path that forgot the day: dated now, pseudonymised 24 months on.
    assert undated.deactivated_at == TODAY and undated.user is not None
    assert pseudonymise_leavers(TODAY) == 0


def test_the_daily_retention_job_pseudonymises_who_left_on_or_before_its_cutoff(leaver, unit):
    from privacy.retention import apply_retention

    cutoff = add_months(TODAY, -24)
    Employee.objects.filter(pk=leaver.pk).update(is_active=False, deactivated_at=cutoff)
    day_after = EmployeeFactory(
        org_unit=unit, is_active=False, deactivated_at=cutoff + timedelta(days=1)
    )

    assert apply_retention(TODAY, dry_run=True).removed["leavers"] == 1
    assert not Employee.objects.filter(pseudonymised_at__isnull=False).exists()
    run = apply_retention(TODAY)
    assert run.removed["leavers"] == 1
    assert run.cutoffs["leavers"].startswith(cutoff.isoformat())
    assert Employee.objects.get(pk=leaver.pk).is_pseudonymised
    assert not Employee.objects.get(pk=day_after.pk).is_pseudonymised


def test_the_command_reports_the_count(leaver):
    Employee.objects.filter(pk=leaver.pk).update(is_active=False, deactivated_at=date(2000, 1, 1))
    out = StringIO()
    call_command("pseudonymise_leavers", "--dry-run", stdout=out)
    assert "Skulle pseudonymiseras: 1" in out.getvalue()
    assert Employee.objects.get(pk=leaver.pk).user is not None
    call_command("pseudonymise_leavers", stdout=out)
    assert "Pseudonymiserade: 1" in out.getvalue()
    assert Employee.objects.get(pk=leaver.pk).is_pseudonymised


# Certificates -------------------------------------------------------------------------------


def test_a_leavers_certificate_verifies_without_a_name(client, leaver, home_page):
    certificate = CourseCompletion.objects.get(employee=leaver).certificate
    pseudonymise(leaver)
    leaver.refresh_from_db()
    page = client.get(reverse("certificates:verify", args=[certificate.display_code]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Personen har slutat" in content and "Giltigt" in content
    assert certificate.course_title in content
    assert "Åsa" not in content and "Öberg" not in content
    assert leaver.employee_number not in content and leaver.pseudonym not in content
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert data["holder"] is None and data["holder_has_left"] is True
    assert data["status"] == "valid" and data["course"] == certificate.course_title
    assert data["valid_until"] == certificate.valid_until.isoformat()


def test_a_normal_certificate_shows_only_name_course_dates_and_status(client, leaver, home_page):
    certificate = CourseCompletion.objects.get(employee=leaver).certificate
    content = client.get(
        reverse("certificates:verify", args=[certificate.display_code])
    ).content.decode()
    assert "Åsa Öberg-Lindgärd" in content
    for private in (
        leaver.employee_number,
        leaver.org_unit.name,
        leaver.user.email,
        *certificate.module_titles,
    ):
        assert private not in content
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert set(data) == {
        "code",
        "status",
        "status_text",
        "holder",
        "holder_has_left",
        "course",
        "issued_at",
        "valid_until",
    }


# Deleting in the admin ----------------------------------------------------------------------


def test_deleting_someone_with_history_explains_and_offers_pseudonymisation(
    client, leaver, login_as_member
):
    login_as_member(ADMINISTRATOR)
    page = client.get(reverse("employees:delete", args=[leaver.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "kan inte tas bort" in content and "Det här finns kvar" in content
    assert "genomförda kurser: 1" in content and "intyg: 1" in content
    url = reverse("privacy_pseudonymise", args=[leaver.pk])
    assert url in content
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Det här tas bort eller ersätts" in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert leaver.is_pseudonymised
    # Afterwards: the delete page explains, the edit form is not offered, nothing answers 500.
    page = client.get(reverse("employees:delete", args=[leaver.pk]))
    assert page.status_code == 200 and "redan pseudonymiserad" in page.content.decode()
    assert client.post(reverse("employees:delete", args=[leaver.pk])).status_code == 302
    assert client.get(reverse("employees:edit", args=[leaver.pk])).status_code == 302
    assert client.get(reverse("employees:index")).status_code == 200
    assert client.get(url).status_code == 302


def test_only_those_who_may_delete_may_pseudonymise(client, leaver, login_as_member):
    login_as_member(HR)  # HR changes employees but does not delete them
    url = reverse("privacy_pseudonymise", args=[leaver.pk])
    assert client.get(url).status_code == 302 and client.post(url).status_code == 302
    leaver.refresh_from_db()
    assert not leaver.is_pseudonymised
    assert url not in client.get(reverse("employees:delete", args=[leaver.pk])).content.decode()


def test_a_protected_account_is_pseudonymised_by_an_administrator_only(
    client, unit, login_as_member, groups_ready
):
    coordinator = EmployeeFactory(org_unit=unit)
    coordinator.user.groups.add(groups_ready[HR])
    hr = login_as_member(HR)
    hr.user.user_permissions.add(Permission.objects.get(codename="delete_employee"))
    url = reverse("privacy_pseudonymise", args=[coordinator.pk])
    client.post(url)
    coordinator.refresh_from_db()
    assert not coordinator.is_pseudonymised
    login_as_member(ADMINISTRATOR)
    assert client.post(url).status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.is_pseudonymised


def test_someone_without_history_goes_with_their_account(client, unit, login_as_member):
    login_as_member(ADMINISTRATOR)
    mistake = EmployeeFactory(org_unit=unit)
    page = client.get(reverse("employees:delete", args=[mistake.pk])).content.decode()
    assert "Det här tas bort" in page and "Användarkontot med namn" in page
    assert client.post(reverse("employees:delete", args=[mistake.pk])).status_code == 302
    assert not Employee.objects.filter(pk=mistake.pk).exists()
    assert not User.objects.filter(pk=mistake.user_id).exists()


def test_a_medarbetare_cannot_reach_pseudonymisation(client, leaver, login_as_member):
    login_as_member(MEDARBETARE)
    url = reverse("privacy_pseudonymise", args=[leaver.pk])
    assert client.post(url).status_code == 302
    leaver.refresh_from_db()
    assert not leaver.is_pseudonymised


def test_what_the_leaver_did_stays_in_the_log_as_a_removed_account(client, leaver, login_as_member):
    """Wagtail's log keeps the account id of whoever acted; the admin then names no one."""
    log(instance=leaver.org_unit, action="wagtail.edit", user=leaver.user)
    user_id = leaver.user_id
    pseudonymise(leaver)
    entry = ModelLogEntry.objects.get(action="wagtail.edit")
    assert entry.user_id == user_id
    login_as_member(ADMINISTRATOR)
    page = client.get(reverse("wagtailadmin_reports:site_history"))
    content = page.content.decode()
    assert page.status_code == 200 and escape(leaver.org_unit.name) in content
    assert get_deleted_user_display_name(user_id) in content
    assert "Öberg-Lindgärd" not in content


def test_the_daily_step_dates_only_the_switched_off_and_ends_the_leavers_sessions(
    client, leaver, unit, groups_ready
):
    """Undated leavers are dated, never someone still active; a pseudonymised leaver's
    signed-in sessions end."""
    still_here = EmployeeFactory(org_unit=unit)
    Employee.objects.filter(pk=leaver.pk).update(is_active=False, deactivated_at=date(2000, 1, 1))
    client.force_login(leaver.user)
    assert Session.objects.exists()

    assert pseudonymise_leavers() == 1

    still_here.refresh_from_db()
    assert still_here.deactivated_at is None
    assert not Session.objects.exists()


def test_an_administrators_pseudonymisation_is_logged_under_their_name(leaver, groups_ready):
    admin = get_user_model().objects.create_superuser("admin", "admin@kommun.se", "x" * 16)
    pseudonymise(leaver, actor=admin)
    entry = ModelLogEntry.objects.get(action="privacy.pseudonymised")
    assert entry.user_id == admin.pk


@override_settings(RETENTION_MONTHS={"leavers": 24})
def test_the_step_counts_from_the_day_it_is_given_not_from_the_clock(unit):
    """Someone whose employment ends years from now is due on a day 24 months after that."""
    later = date(2040, 6, 15)
    ends = EmployeeFactory(org_unit=unit, start_date=date(2015, 1, 1), end_date=date(2037, 1, 1))

    assert set(due_leavers(later)) == {ends}
    assert pseudonymise_leavers(later, dry_run=True) == 1
    assert pseudonymise_leavers(later) == 1
    ends.refresh_from_db()
    assert ends.is_pseudonymised


# What pseudonymisation writes, in detail ----------------------------------------------------


def test_the_new_number_is_x_and_six_unambiguous_characters_and_never_taken(
    leaver, unit, monkeypatch
):
    """A code already in use is drawn again (it would break the employee number's uniqueness
    and give two people one pseudonym)."""
    EmployeeFactory(org_unit=unit, employee_number="X-222222")
    codes = iter("222222" + "333333")
    real_choice = secrets.choice

    def choice(seq):
        return next(codes) if seq == PSEUDONYM_ALPHABET else real_choice(seq)

    monkeypatch.setattr(secrets, "choice", choice)
    pseudonymise(leaver)
    leaver.refresh_from_db()
    assert leaver.employee_number == "X-333333"
    assert leaver.full_name == "Slutat 333333"


def test_the_new_number_has_the_documented_form(leaver):
    pseudonymise(leaver)
    leaver.refresh_from_db()
    assert re.fullmatch(r"X-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}", leaver.employee_number)


def test_log_entries_about_the_account_lose_the_username_and_the_whole_address(leaver):
    """A username that begins the e-mail address ("asa.oberg" in "asa.oberg@kommun.se") must
    not leave the address's domain behind; entries about the account itself are scrubbed too;
    other words stay as they were."""
    user = leaver.user
    user.username = "asa.oberg"
    user.save()
    log(
        instance=user,
        action="identity.invite",
        data={"to": "asa.oberg@kommun.se", "by": "asa.oberg", "manager": "None"},
    )

    pseudonymise(leaver)
    leaver.refresh_from_db()

    entry = ModelLogEntry.objects.get(action="identity.invite")
    assert entry.data == {
        "to": leaver.pseudonym,
        "by": leaver.employee_number,
        "manager": "None",
    }
    assert "asa.oberg" not in entry.label


def _access(viewer, name: str, description: str, *, shows=(), **fields) -> PersonalDataAccess:
    access = PersonalDataAccess.objects.create(
        viewer=viewer,
        viewer_name=name,
        viewer_username=viewer.get_username(),
        action="employees.edit",
        description=description,
        purpose=PersonalDataAccess.Purpose.PERSONNEL,
        **fields,
    )
    for employee in shows:
        PersonalDataAccessPerson.objects.create(
            access=access, employee=employee, accessed_at=access.accessed_at
        )
    return access


def test_the_access_log_loses_the_name_where_the_person_was_shown_and_where_they_looked(
    leaver, unit
):
    """HR saw Åsa: the access keeps HR's name and loses Åsa's. Åsa saw Bo: the access keeps
    Bo's name and names Åsa by her pseudonym. HR saw a namesake: nothing changes."""
    hr = EmployeeFactory(org_unit=unit, user__first_name="Hedda")
    bo = EmployeeFactory(org_unit=unit, user__first_name="Bo")
    namesake = EmployeeFactory(org_unit=unit)
    hr_saw_asa = _access(
        hr.user,
        "Hedda HR",
        "Redigerade Åsa Öberg-Lindgärd",
        shows=[leaver, bo],
        path=f"/admin/employees/?q={leaver.employee_number}",
        data={"filter": ["Åsa Öberg-Lindgärd", "Bo"]},
    )
    asa_saw_bo = _access(
        leaver.user, "Åsa Öberg-Lindgärd", "Redigerade Bo", shows=[bo], data={"unit": "A"}
    )
    hr_saw_namesake = _access(
        hr.user, "Hedda HR", "Redigerade Åsa Öberg-Lindgärd", shows=[namesake]
    )
    number = leaver.employee_number

    pseudonymise(leaver)
    leaver.refresh_from_db()

    hr_saw_asa.refresh_from_db()
    assert hr_saw_asa.description == f"Redigerade {leaver.pseudonym}"
    assert hr_saw_asa.path == f"/admin/employees/?q={leaver.employee_number}"
    assert number not in hr_saw_asa.path
    assert hr_saw_asa.data == {"filter": [leaver.pseudonym, "Bo"]}
    assert (hr_saw_asa.viewer_name, hr_saw_asa.viewer_username) == ("Hedda HR", hr.user.username)
    asa_saw_bo.refresh_from_db()
    assert (asa_saw_bo.viewer_name, asa_saw_bo.viewer_username) == (leaver.pseudonym, "")
    assert asa_saw_bo.description == "Redigerade Bo" and asa_saw_bo.data == {"unit": "A"}
    hr_saw_namesake.refresh_from_db()
    assert hr_saw_namesake.description == "Redigerade Åsa Öberg-Lindgärd"


def test_pseudonymising_keeps_a_recorded_deactivation_day_and_dates_the_others(leaver, unit):
    """The day someone left is kept; an active person, or one switched off without a day,
    is dated today."""
    left = EmployeeFactory(org_unit=unit, is_active=False, deactivated_at=date(2020, 1, 1))
    undated = EmployeeFactory(org_unit=unit, is_active=False)

    for person in (leaver, left, undated):
        pseudonymise(person)
        person.refresh_from_db()

    assert left.deactivated_at == date(2020, 1, 1)
    assert leaver.deactivated_at == timezone.localdate() and not leaver.is_active
    assert undated.deactivated_at == timezone.localdate()


def test_each_freed_seat_goes_to_the_first_in_that_sessions_queue(leaver, course, unit):
    """The leaver's bookings of two full sessions to come: each session's queue moves up."""
    first, second = _session(course, date(2099, 3, 1), 1), _session(course, date(2099, 4, 1), 1)
    # Others' bookings first, so no booking shares its number with a session.
    waiting = [
        Booking.objects.create(
            session=session,
            employee=EmployeeFactory(org_unit=unit),
            status=Booking.Status.WAITLISTED,
        )
        for session in (first, second)
    ]
    for session in (second, first):
        Booking.objects.create(session=session, employee=leaver, status=Booking.Status.CONFIRMED)

    pseudonymise(leaver)

    for booking in waiting:
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CONFIRMED
