"""The course page and Mina kurser: the learner's own modules, the next step, the same words."""

import re
from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from courses.compliance import recompute_compliance
from courses.models import (
    AssignmentRule,
    ComplianceStatus,
    CourseCompletion,
    CoursePage,
    ModulePage,
    ModuleProgress,
)
from courses.services import record_module_completion
from sessions.booking import book
from tests.sessions.test_sessions import make_session

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'<span class="badge [^"]*">([^<]*)</span>')


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _block(html: str, css_class: str) -> str:
    """The first element with this class, up to its closing tag (the blocks here do not nest)."""
    match = re.search(rf'<(\w+) class="{css_class}[ "].*?</\1>', html, re.S)
    assert match, f"no .{css_class}"
    return match.group(0)


def _actions(client, course) -> list[tuple[str, str]]:
    """The course page's calls to action: each link's text and target, in order."""
    action = _block(client.get(course.url).content.decode(), "course-action")
    links = re.findall(r'<a class="btn[^"]*" href="([^"]*)">(.*?)</a>', action, re.S)
    return [(_text(text), href) for href, text in links]


def _action(client, course) -> tuple[str, str]:
    """The course page's one call to action: its link's text and target."""
    links = _actions(client, course)
    assert len(links) == 1, links
    return links[0]


def _module_badges(html: str, selector: str) -> dict[str, str]:
    """Module title → its state word, from the list items of a page."""
    badges = {}
    for item in re.findall(rf"<li class=\"{selector}.*?</li>", html, re.S):
        title = _text(re.search(r"<a [^>]*>(.*?)</a>", item, re.S).group(1))
        found = BADGE.findall(item)
        badges[title] = found[0] if found else None
    return badges


def _minutes(course, **minutes):
    for name, value in minutes.items():
        ModulePage.objects.filter(pk=getattr(course, name).pk).update(estimated_minutes=value)


def test_course_page_counts_only_the_learners_modules_and_minutes(client, course, employee):
    _minutes(course, intro_module=10, jav_module=20, recruitment_module=40)
    client.force_login(employee.user)
    content = _text(client.get(course.url).content.decode())
    assert "2 moduler för dig, cirka 30 minuter." in content
    assert "Rekryteringskontroller" not in content
    # The course's own estimate (all modules, every role) is not what this learner faces.
    assert f"{course.estimated_minutes} minuter" not in content


def test_course_page_counts_the_role_limited_module_for_a_learner_with_the_role(
    client, course, manager
):
    _minutes(course, intro_module=10, jav_module=20, recruitment_module=40)
    client.force_login(manager.user)
    content = _text(client.get(course.url).content.decode())
    assert "3 moduler för dig, cirka 70 minuter." in content
    assert "Rekryteringskontroller" in content


@pytest.mark.parametrize(
    ("minutes", "months", "said"),
    [
        (1, 1, ["cirka 1 minut.", "cirka 1 minut<", "Kursen gäller i 1 månad."]),
        (2, 2, ["cirka 2 minuter.", "cirka 2 minuter<", "Kursen gäller i 2 månader."]),
    ],
)
def test_course_page_says_minutes_and_months_in_the_right_number(
    client, course, employee, minutes, months, said
):
    """One module of one minute, in a course valid one month: "1 minut", "1 månad"."""
    _minutes(course, intro_module=minutes, jav_module=0, recruitment_module=0)
    CoursePage.objects.filter(pk=course.pk).update(validity_months=months)
    client.force_login(employee.user)
    content = client.get(course.url).content.decode()
    for words in said:
        assert words in content


def test_the_validity_help_text_agrees_in_gender():
    """ "kurs" is a common-gender noun: "en genomförd kurs", not "ett genomfört kurs"."""
    help_text = str(CoursePage._meta.get_field("validity_months").help_text)
    assert help_text.startswith("Hur länge en genomförd kurs gäller")


def test_button_starts_the_course_when_nothing_is_done(client, course, employee):
    client.force_login(employee.user)
    assert _action(client, course) == ("Börja kursen", course.intro_module.url)


def test_button_continues_with_the_first_module_not_yet_passed(client, course, employee):
    client.force_login(employee.user)
    record_module_completion(employee=employee, module=course.intro_module)
    assert _action(client, course) == ("Fortsätt: Jäv", course.jav_module.url)


def test_an_opened_module_counts_as_started_and_is_the_one_to_continue(client, course, employee):
    ModuleProgress.record_open(employee=employee, module=course.intro_module)
    client.force_login(employee.user)
    assert _action(client, course) == ("Fortsätt: Introduktion", course.intro_module.url)


def test_button_says_the_course_is_done_and_links_the_certificate(client, course, employee):
    client.force_login(employee.user)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    certificate = CourseCompletion.objects.get(employee=employee).certificate
    content = client.get(course.url).content.decode()
    assert "Kursen är klar." in _text(_block(content, "course-action"))
    assert _action(client, course) == (
        "Ladda ner intyget (PDF)",
        reverse("certificates:download", args=[certificate.display_code]),
    )


def test_an_expired_course_starts_again(client, course, employee):
    long_ago = timezone.now() - timedelta(days=900)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=long_ago)
    client.force_login(employee.user)
    assert _action(client, course) == ("Förnya kursen: Introduktion", course.intro_module.url)


def test_course_page_and_mina_kurser_use_the_same_word_for_each_state(client, course, employee):
    record_module_completion(employee=employee, module=course.intro_module)  # passed
    ModuleProgress.record_open(employee=employee, module=course.intro_module)
    ModuleProgress.record_open(employee=employee, module=course.jav_module)  # read
    client.force_login(employee.user)
    on_course_page = _module_badges(client.get(course.url).content.decode(), "card")
    on_my_courses = _module_badges(
        client.get(reverse("my_courses")).content.decode(), "list-group-item"
    )
    assert on_course_page == on_my_courses == {"Introduktion": "Godkänd", "Jäv": "Läst"}


def test_course_page_and_mina_kurser_show_the_same_course_state(client, course, employee):
    client.force_login(employee.user)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    course_page = client.get(course.url).content.decode()
    my_courses = client.get(reverse("my_courses")).content.decode()
    assert BADGE.findall(_block(course_page, "course-facts")) == ["Klar"]
    assert BADGE.findall(_block(my_courses, "course-status")) == ["Klar"]


def _course_card_badges(client) -> list[str]:
    """The badges of the one course on Mina kurser, above its list of modules."""
    content = client.get(reverse("my_courses")).content.decode()
    card = re.search(r'<section class="card.*?<ol class="list-group', content, re.S).group(0)
    return BADGE.findall(card)


def test_mina_kurser_shows_one_badge_for_a_completed_assigned_course(client, course, employee):
    AssignmentRule.objects.create(
        name="Alla", course=course, due_days=30, active_from=timezone.localdate()
    )
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    recompute_compliance(employee_ids=[employee.pk])
    client.force_login(employee.user)
    assert _course_card_badges(client) == ["Klar"]


def test_mina_kurser_shows_one_badge_for_an_expired_assigned_course(client, course, employee):
    AssignmentRule.objects.create(
        name="Alla",
        course=course,
        due_days=30,
        active_from=timezone.localdate() - timedelta(days=1000),
    )
    long_ago = timezone.now() - timedelta(days=900)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=long_ago)
    recompute_compliance(employee_ids=[employee.pk])
    client.force_login(employee.user)
    assert _course_card_badges(client) == ["Har gått ut"]


def test_reading_the_last_module_without_a_quiz_says_the_course_is_done(client, course, employee):
    client.force_login(employee.user)
    first = client.get(course.intro_module.url).content.decode()
    assert "course-complete" not in first
    last = client.get(course.jav_module.url).content.decode()
    certificate = CourseCompletion.objects.get(employee=employee).certificate
    message = _block(last, "course-complete alert")
    assert "Kursen är klar" in message and "Otillåten påverkan" in message
    assert reverse("certificates:download", args=[certificate.display_code]) in message
    # The module passed earlier did not complete the course: no message there.
    assert "course-complete" not in client.get(course.intro_module.url).content.decode()


def test_a_module_passed_by_reading_shows_its_date_without_a_score(client, course, employee):
    client.force_login(employee.user)
    client.get(course.intro_module.url)  # no quiz: read is passed, with no score
    for url in (course.url, reverse("my_courses")):
        content = client.get(url).content.decode()
        state = re.search(r'class="module-state.*?</li>', content, re.S).group(0)
        assert "Godkänd" in state
        assert "None" not in state and "%" not in state


def _assign(course, **fields):
    fields.setdefault("active_from", timezone.localdate() - timedelta(days=1000))
    return AssignmentRule.objects.create(name="Alla", course=course, due_days=30, **fields)


def _complete_days_ago(employee, course, days: int) -> CourseCompletion:
    when = timezone.now() - timedelta(days=days)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=when)
    return CourseCompletion.objects.get(employee=employee)


@pytest.mark.parametrize(
    ("rule", "days_ago", "badge"),
    [
        # The last weeks of a 24-month course: every renewal passes through them.
        ({}, 730 - 30, "Går ut snart"),
        # The rule asks for the course again after 12 months; the completion is good for 24.
        ({"recertify_months": 12}, 400, "Har gått ut"),
    ],
)
def test_a_course_due_again_offers_the_new_round_and_the_current_certificate(
    client, course, employee, rule, days_ago, badge
):
    _assign(course, **rule)
    completion = _complete_days_ago(employee, course, days_ago)
    assert completion.is_valid()  # still valid: yet the learner is to do the course again
    client.force_login(employee.user)
    content = client.get(course.url).content.decode()
    assert BADGE.findall(_block(content, "course-facts")) == [badge]
    assert "Kursen är klar" not in content
    certificate = reverse("certificates:download", args=[completion.certificate.display_code])
    assert _actions(client, course) == [
        ("Förnya kursen: Introduktion", course.intro_module.url),
        ("Ladda ner nuvarande intyg (PDF)", certificate),
    ]
    # A pass in the new round moves the button on; the old passes do not count for it.
    record_module_completion(employee=employee, module=course.intro_module)
    assert _actions(client, course)[0] == ("Fortsätt: Jäv", course.jav_module.url)


def _all_modules_passed_without_completion(course, employee, *, requires_attendance: bool):
    """Both modules passed in a course that waited for attendance, then (perhaps) no longer."""
    CoursePage.objects.filter(pk=course.pk).update(requires_attendance=True)
    course.refresh_from_db()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    assert not CourseCompletion.objects.filter(employee=employee).exists()
    CoursePage.objects.filter(pk=course.pk).update(requires_attendance=requires_attendance)
    course.refresh_from_db()


def test_all_modules_passed_asks_to_book_a_session_when_attendance_is_required(
    client, course, employee
):
    _all_modules_passed_without_completion(course, employee, requires_attendance=True)
    client.force_login(employee.user)
    action = _text(_block(client.get(course.url).content.decode(), "course-action"))
    assert "när du har närvarat vid ett kurstillfälle" in action
    assert _action(client, course) == ("Boka ett kurstillfälle", reverse("sessions"))


def test_all_modules_passed_and_a_session_booked_points_to_the_booking(client, course, employee):
    _all_modules_passed_without_completion(course, employee, requires_attendance=True)
    session = make_session(course)
    book(employee=employee, session=session)
    client.force_login(employee.user)
    action = _text(_block(client.get(course.url).content.decode(), "course-action"))
    day = date_format(timezone.localtime(session.starts_at), "j F Y")
    assert f"Du har bokat tillfället den {day}." in action
    assert _action(client, course) == ("Till din bokning", reverse("sessions"))


def test_all_modules_passed_in_a_course_without_attendance_asks_for_no_booking(
    client, course, employee
):
    _all_modules_passed_without_completion(course, employee, requires_attendance=False)
    client.force_login(employee.user)
    action = _block(client.get(course.url).content.decode(), "course-action")
    assert _text(action) == "Alla moduler är klara."
    assert _actions(client, course) == []


STOCKHOLM = ZoneInfo("Europe/Stockholm")
YESTERDAY_NOON = datetime(2027, 1, 15, 12, 0, tzinfo=STOCKHOLM)
HALF_PAST_MIDNIGHT = datetime(2027, 1, 16, 0, 30, tzinfo=STOCKHOLM)  # before the 06:00 run


def _badges_after_midnight(client, course, employee) -> tuple[list[str], list[str]]:
    """The course page's and Mina kurser's badges at 00:30, the statuses as stored yesterday."""
    with time_machine.travel(HALF_PAST_MIDNIGHT, tick=False):
        client.force_login(employee.user)
        course_page = client.get(course.url).content.decode()
        my_courses = client.get(reverse("my_courses")).content.decode()
    return (
        BADGE.findall(_block(course_page, "course-facts")),
        BADGE.findall(_block(my_courses, "course-status")),
    )


def test_a_course_whose_last_valid_day_was_yesterday_has_expired_after_midnight(
    client, course, employee
):
    with time_machine.travel(YESTERDAY_NOON, tick=False):
        _assign(course)
        # Valid for 24 months: the last valid day is 15 January 2027, yesterday at 00:30.
        two_years_ago = datetime(2025, 1, 15, 12, 0, tzinfo=STOCKHOLM)
        for module in (course.intro_module, course.jav_module):
            record_module_completion(employee=employee, module=module, completed_at=two_years_ago)
        recompute_compliance(employee_ids=[employee.pk])
    stored = ComplianceStatus.objects.get(employee=employee)
    assert (stored.status, stored.valid_until) == ("expiring", YESTERDAY_NOON.date())
    assert _badges_after_midnight(client, course, employee) == (["Har gått ut"], ["Har gått ut"])


def test_a_course_due_yesterday_is_overdue_after_midnight(client, course, employee):
    with time_machine.travel(YESTERDAY_NOON, tick=False):
        employee.start_date = date(2020, 1, 1)
        employee.save(update_fields=["start_date"])
        _assign(course, active_from=YESTERDAY_NOON.date() - timedelta(days=30))
        recompute_compliance(employee_ids=[employee.pk])
    stored = ComplianceStatus.objects.get(employee=employee)
    assert (stored.status, stored.due_date) == ("not_started", YESTERDAY_NOON.date())
    assert _badges_after_midnight(client, course, employee) == (["Försenad"], ["Försenad"])
