"""Reminders: who gets what, never twice a day, never to someone who is done."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from courses.compliance import recompute_compliance
from courses.dates import add_months
from courses.models import AssignmentRule, ComplianceStatus, ReminderLog
from courses.reminders import send_employee_reminders, send_manager_digests, send_reminders
from courses.services import record_module_completion
from people.models import Employee
from tests.factories import CoursePageFactory, EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(course, roles, settings):
    """A rule due 30 days after start, and people whose due dates we place exactly."""
    settings.REMINDER_DAYS_BEFORE = [14, 3]
    unit = OrgUnitFactory(kind="avdelning")
    rule = AssignmentRule.objects.create(
        name="Alla", course=course, due_days=30,
        active_from=timezone.localdate() - timedelta(days=1000),
    )  # fmt: skip
    manager = EmployeeFactory(org_unit=unit, manages=[unit], roles=[roles["chef"]])
    return {"unit": unit, "rule": rule, "manager": manager, "course": course}


def person_due_in(setup, days: int, **fields):
    start = timezone.localdate() + timedelta(days=days - 30)
    return EmployeeFactory(
        org_unit=setup["unit"], start_date=min(start, timezone.localdate()), **fields
    )


SWEDISH_MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()


def swedish(day) -> str:
    """A date as the mails write it ("j F Y" in Swedish), spelled out here independently."""
    return f"{day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}"


def second_course(setup, title="Mutor och gåvor"):
    """Another live course, assigned to everyone with the same 30 days."""
    course = CoursePageFactory(parent=setup["course"].get_parent(), title=title)
    AssignmentRule.objects.create(
        name="Alla, mutor", course=course, due_days=30, active_from=setup["rule"].active_from
    )
    return course


def logged(*, digests=False):
    """What the log says was sent: the reminders to employees, or the managers' digests."""
    rows = ReminderLog.objects.filter(course__isnull=digests)
    return set(rows.values_list("employee", "course", "kind", "days_before", "sent_on"))


def test_reminders_go_before_on_and_weekly_after_the_due_date(setup):
    today = timezone.localdate()
    people = {days: person_due_in(setup, days) for days in (14, 3, 0, -7, -14, 5, -3)}
    recompute_compliance()
    for days, person in people.items():
        assert ComplianceStatus.objects.get(employee=person).due_date == today + timedelta(days)
    result = send_reminders(today=today)
    reminded = {message.to[0] for message in mail.outbox}
    expected = {people[d].user.email for d in (14, 3, 0, -7, -14)}
    assert expected <= reminded
    assert people[5].user.email not in reminded and people[-3].user.email not in reminded
    assert result["employees"] == len(reminded - {setup["manager"].user.email})


def test_running_twice_on_one_day_sends_nothing_twice(setup):
    person_due_in(setup, 3)
    recompute_compliance()
    send_reminders()
    first = len(mail.outbox)
    assert first >= 1
    call_command("send_reminders", verbosity=0)
    assert len(mail.outbox) == first
    assert ReminderLog.objects.count() == first


def test_nobody_who_is_done_gets_a_reminder(setup, settings):
    """A person who has completed the course is not reminded, even on a reminder day.

    With a short expiring window, a valid completion ends on a reminder day (14 days ahead)
    and is still "Klar": the date alone would send a reminder, only the status stops it.
    """
    settings.COMPLIANCE_EXPIRING_DAYS = 10
    today = timezone.localdate()
    course = setup["course"]
    valid_until = today + timedelta(days=14)
    passed_on = add_months(valid_until, -course.validity_months)
    assert add_months(passed_on, course.validity_months) == valid_until
    passed_at = timezone.make_aware(datetime.combine(passed_on, time(12)))
    done, waiting = person_due_in(setup, 100), person_due_in(setup, 14)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=done, module=module, completed_at=passed_at)
    send_reminders(today=today)
    row = ComplianceStatus.objects.get(employee=done)
    assert (row.status, row.due_date) == (ComplianceStatus.Status.COMPLETED, valid_until)
    reminded = {m.to[0] for m in mail.outbox}
    assert waiting.user.email in reminded  # the same day reminds whoever is not done
    assert done.user.email not in reminded


def test_managers_weekly_digest_lists_their_subtree_only(setup, settings):
    settings.REMINDER_DIGEST_WEEKDAY = timezone.localdate().weekday()
    late = person_due_in(setup, -40)
    outsider = EmployeeFactory(org_unit=OrgUnitFactory(kind="avdelning"),
                               start_date=timezone.localdate() - timedelta(days=100))  # fmt: skip
    send_reminders()
    digest = next(m for m in mail.outbox if m.to == [setup["manager"].user.email])
    assert "Veckosammanställning" in digest.subject
    assert late.full_name in digest.body
    assert outsider.full_name not in digest.body
    mail.outbox.clear()
    send_reminders()
    assert not [m for m in mail.outbox if m.to == [setup["manager"].user.email]]


def test_reminder_mails_are_swedish_text_and_html(setup):
    person = person_due_in(setup, 3)
    send_reminders()
    message = next(m for m in mail.outbox if m.to == [person.user.email])
    assert "Påminnelse" in message.subject
    assert "ska vara klar senast" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="sv"' in html


def refuse_mail_to(monkeypatch, address):
    """The mail server refuses one address; returns the real sender, to put back."""
    from courses import reminders

    real_send = reminders._send

    def refused_for_one(to, *args, **kwargs):
        if to == address:
            raise OSError("mail server refused")
        return real_send(to, *args, **kwargs)

    monkeypatch.setattr(reminders, "_send", refused_for_one)
    return real_send


def test_one_failing_address_does_not_stop_the_others(setup, monkeypatch):
    from courses import reminders

    first, second = person_due_in(setup, 3), person_due_in(setup, 3)
    real_send, calls = reminders._send, []

    def flaky(to, *args, **kwargs):
        calls.append(to)
        if len(calls) == 1:
            raise OSError("mail server refused")
        return real_send(to, *args, **kwargs)

    monkeypatch.setattr(reminders, "_send", flaky)
    send_reminders()
    assert len(mail.outbox) == 1
    # The failed one is not logged as sent, so tomorrow's run can try again.
    failed = first if calls[0] == first.user.email else second
    assert not ReminderLog.objects.filter(employee=failed).exists()


def test_each_mail_names_the_person_the_course_and_the_swedish_date_and_links_my_courses(
    setup, settings
):
    """Text and HTML part alike: the reader sees their name, the course, what the day means
    for them, and a full link to Mina kurser (mails are read far from the site)."""
    settings.BASE_URL = "https://vaksam.example.se/"
    today = timezone.localdate()
    course = setup["course"].title
    people = {days: person_due_in(setup, days) for days in (3, 0, -7)}
    for person in people.values():
        person.user.first_name = "Åsa"
        person.user.save()
    send_reminders(today=today)
    link = "https://vaksam.example.se" + reverse("my_courses")
    in_three_days, a_week_ago = swedish(today + timedelta(3)), swedish(today - timedelta(7))
    expected = {
        3: (f"Påminnelse: {course}", f"Kursen {course} ska vara klar senast {in_three_days}."),
        0: (f"Påminnelse: {course}", f"I dag är sista dagen att bli klar med kursen {course}."),
        -7: (f"Försenad: {course}", f"Kursen {course} skulle ha varit klar {a_week_ago}."),
    }
    for days, (subject, sentence) in expected.items():
        (message,) = [m for m in mail.outbox if m.to == [people[days].user.email]]
        assert message.subject == subject
        html, _ = message.alternatives[0]
        for part in (message.body, html):
            assert "Hej Åsa!" in part
            assert sentence in part
        assert f"Mina kurser: {link}" in message.body
        assert f'<a href="{link}">' in html
        assert f"<title>{course}</title>" in html


def test_every_reminder_is_logged_with_its_course_kind_and_days(setup, settings):
    """Someone due in two courses on the same day gets both reminders; the log says which
    course, which kind and how many days before, for each."""
    today = timezone.localdate()
    other = second_course(setup)
    both, due, late = person_due_in(setup, 3), person_due_in(setup, 0), person_due_in(setup, -14)
    assert send_reminders(today=today)["employees"] == 6  # three people, two courses each
    assert len([m for m in mail.outbox if m.to == [both.user.email]]) == 2
    course = setup["course"]
    assert logged() == {
        (person.pk, c.pk, kind, days, today)
        for person, kind, days in (
            (both, ReminderLog.Kind.BEFORE, 3),
            (due, ReminderLog.Kind.DUE, 0),
            (late, ReminderLog.Kind.OVERDUE, -14),
        )
        for c in (course, other)
    }


@pytest.mark.parametrize("fails", [0, 1, 2])
def test_a_second_run_the_same_day_sends_what_failed_and_nothing_twice(setup, monkeypatch, fails):
    """Each of three people in turn is the one whose mail fails: the rows come in no set
    order, and the rerun must go past those already sent, wherever they come."""
    from courses import reminders

    people = [person_due_in(setup, 3) for _ in range(3)]
    failing = people[fails]
    real_send = refuse_mail_to(monkeypatch, failing.user.email)
    assert send_reminders()["employees"] == 2
    monkeypatch.setattr(reminders, "_send", real_send)
    mail.outbox.clear()
    assert send_reminders()["employees"] == 1
    assert [m.to for m in mail.outbox] == [[failing.user.email]]
    assert {row[0] for row in logged()} == {person.pk for person in people}


def test_leavers_and_unpublished_courses_get_nothing_from_statuses_not_yet_recomputed(setup):
    """The stored statuses are rebuilt nightly; someone who left today, or a course
    unpublished today, must not get mail from a row computed before that."""
    today = timezone.localdate()
    withdrawn = second_course(setup)
    stays, leaves = person_due_in(setup, 3), person_due_in(setup, -7)
    recompute_compliance(today=today)
    Employee.objects.filter(pk=leaves.pk).deactivate()
    withdrawn.unpublish()
    assert send_employee_reminders(today) == 1
    assert logged() == {(stays.pk, setup["course"].pk, ReminderLog.Kind.BEFORE, 3, today)}
    assert [m.to for m in mail.outbox] == [[stays.user.email]]


def manager_of_someone_late(last_name, *, email=True, late=True):
    unit = OrgUnitFactory(kind="enhet")
    manager = EmployeeFactory(
        org_unit=OrgUnitFactory(kind="enhet"),
        manages=[unit],
        user__last_name=last_name,
        user__email=f"{last_name.lower()}@example.org" if email else "",
    )
    if late:
        EmployeeFactory(org_unit=unit, start_date=timezone.localdate() - timedelta(days=100))
    return manager


def test_every_manager_with_an_address_and_someone_to_list_gets_one_digest(setup):
    """Managers come in name order: one without an address or without anyone late must not
    stop the digests of those after them, and a second run the same day sends only what
    could not go out before."""
    today = timezone.localdate()
    setup["manager"].user.email = ""  # the fixture's manager: not part of this
    setup["manager"].user.save()
    manager_of_someone_late("Andersson", email=False)
    manager_of_someone_late("Berg", late=False)
    first, second = manager_of_someone_late("Carlsson"), manager_of_someone_late("Dahl")
    address_later = manager_of_someone_late("Ek", email=False)
    recompute_compliance(today=today)
    assert send_manager_digests(today) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [first.user.email, second.user.email]
    assert logged(digests=True) == {
        (manager.pk, None, ReminderLog.Kind.DIGEST, None, today) for manager in (first, second)
    }
    # The directory now has Ek's address; the same day's second run sends Ek's digest only.
    address_later.user.email = "ek@example.org"
    address_later.user.save()
    mail.outbox.clear()
    assert send_manager_digests(today) == 1
    assert [m.to for m in mail.outbox] == [["ek@example.org"]]
    # Andersson (no address) and Berg (nobody late) are never logged as sent.
    assert {row[0] for row in logged(digests=True)} == {first.pk, second.pk, address_later.pk}


def test_the_digest_greets_the_manager_and_lists_unit_course_status_and_date(setup):
    """Text and HTML part alike; rows computed before a course was unpublished are left out."""
    today = timezone.localdate()
    manager = setup["manager"].user
    manager.first_name = "Bodil"
    manager.save()
    setup["unit"].name = "Vård & omsorg"
    setup["unit"].save()
    withdrawn = second_course(setup, title="Gammal kurs")
    late = person_due_in(setup, -40)
    recompute_compliance(today=today)
    withdrawn.unpublish()
    assert send_manager_digests(today) == 1
    (digest,) = mail.outbox
    html, _ = digest.alternatives[0]
    name, unit, course = late.full_name, setup["unit"].name, setup["course"].title
    due = swedish(today - timedelta(40))
    assert f"- {name}, {unit}: {course} – Försenad ({due})" in digest.body
    # The HTML part escapes what it shows: "Vård &amp; omsorg".
    cells = [escape(value) for value in (name, unit, course, "Försenad", due)]
    assert "".join(f"<td>{cell}</td>" for cell in cells) in html
    for part in (digest.body, html):
        assert "Hej Bodil!" in part
        assert "Gammal kurs" not in part


def test_one_failing_manager_address_does_not_stop_the_other_digests(setup, monkeypatch):
    """As for employees: the failed digest is not logged (a rerun tries again), and the
    managers after it in name order still get theirs."""
    today = timezone.localdate()
    setup["manager"].user.email = ""  # the fixture's manager: not part of this
    setup["manager"].user.save()
    failing, after = manager_of_someone_late("Andersson"), manager_of_someone_late("Berg")
    recompute_compliance(today=today)
    refuse_mail_to(monkeypatch, failing.user.email)
    assert send_manager_digests(today) == 1
    assert [m.to for m in mail.outbox] == [[after.user.email]]
    assert {row[0] for row in logged(digests=True)} == {after.pk}


@pytest.mark.parametrize(("late_people", "courses"), [(1, 2), (2, 1)])
def test_the_digest_subject_counts_people_not_people_times_courses(
    setup, settings, late_people, courses
):
    """One person late with two courses is "1 medarbetare", not "2"; the courses are a list."""
    settings.REMINDER_DIGEST_WEEKDAY = timezone.localdate().weekday()
    for _ in range(courses - 1):
        second_course(setup)
    for _ in range(late_people):
        person_due_in(setup, -40)
    send_reminders()
    digest = next(m for m in mail.outbox if m.to == [setup["manager"].user.email])
    assert digest.subject == (
        f"Veckosammanställning: kurser att göra för {late_people} medarbetare i din verksamhet"
    )
