"""Reminders: who gets what, never twice a day, never to someone who is done."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from courses.compliance import recompute_compliance
from courses.dates import add_months
from courses.models import AssignmentRule, ComplianceStatus, ReminderLog
from courses.reminders import send_reminders
from courses.services import record_module_completion
from tests.factories import EmployeeFactory, OrgUnitFactory

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


def person_due_in(setup, days: int):
    start = timezone.localdate() + timedelta(days=days - 30)
    return EmployeeFactory(org_unit=setup["unit"], start_date=min(start, timezone.localdate()))


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
