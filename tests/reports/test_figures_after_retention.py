"""The follow-up figures of an old period are the same before and after retention thins it.

The small organisation of conftest.py, with answers to two quizzes added, is thinned as if the
job ran years later: every detail goes, and each view's export (HR's, a manager's, and with a
unit and a role chosen) reads the same as before.
"""

from datetime import date

import pytest
from django.urls import reverse

from privacy.retention import apply_retention
from quizzes.models import QuestionTally, QuizAnswer, QuizAttempt
from reports import queries
from reports.filters import FollowUpFilterSet
from reports.scope import scope_for
from sessions.models import Attendance, Booking, SessionTally
from tests.reports.conftest import PERIOD, at
from tests.reports.test_exports import csv_text

LATER = date(2031, 1, 1)  # every detail of 2026 is past its period then
VIEWS = ["overview", "trend", "sessions", "questions"]


def answer(employee, module, question, *, correct: bool, when):
    option = next(o["id"] for o in question["options"] if o["correct"] is correct)
    attempt = QuizAttempt.objects.create(
        employee=employee,
        org_unit=employee.org_unit,
        org_unit_code=employee.org_unit.code,
        module=module,
        questions=[question],
        pass_mark=80,
        submitted_at=when,
        score=100 if correct else 0,
        passed=correct,
    )
    QuizAnswer.objects.create(
        attempt=attempt, question_id=question["id"], selected=[option], correct=correct
    )


@pytest.fixture
def answers(org, course, settings):
    """The introduction answered by six people in March (shown); Jäv by four in March and one
    in May, a tertial too small to show (so the question is hidden, before and after)."""
    from tests.quizzes.conftest import add_quiz

    settings.ANONYMITY_MIN_GROUP = 3
    people = org.people
    intro = add_quiz(course.intro_module, shuffle_options=False).question_snapshots()[0]
    march = at(date(2026, 3, 2))
    for index, person in enumerate([people.anna, people.a1, people.a2, people.a3, people.a4]):
        answer(person, course.intro_module, intro, correct=index % 2 == 0, when=march)
    # Alva tries twice: two answers, one person.
    answer(people.a1, course.intro_module, intro, correct=True, when=at(date(2026, 3, 20)))
    answer(people.b1, course.intro_module, intro, correct=False, when=at(date(2026, 4, 30)))
    jav = add_quiz(course.jav_module, shuffle_options=False).question_snapshots()[0]
    for person in [people.a1, people.a2, people.b1, people.b2]:
        answer(person, course.jav_module, jav, correct=False, when=at(date(2026, 2, 10)))
    answer(people.a3, course.jav_module, jav, correct=True, when=at(date(2026, 5, 10)))


def exports(client, **filters) -> dict[str, str]:
    return {
        name: csv_text(
            client.get(
                reverse(f"reports:{name}_export", kwargs={"export_format": "csv"}),
                {**PERIOD, **filters},
            )
        )
        for name in VIEWS
    }


def test_every_view_reads_the_same_after_thinning(client, org, answers, roles):
    from people.groups import HR, ensure_groups
    from tests.factories import UserFactory

    hr = UserFactory(username="hr-gallring")
    hr.groups.add(ensure_groups()[HR])
    readers = {
        "hr": (hr, {}),
        "hr-unit": (hr, {"org_unit": org.a1.pk}),
        "hr-role": (hr, {"role": roles["handlaggare"].pk}),
        "manager": (org.people.anna.user, {}),
    }

    def everything():
        figures = {}
        for name, (user, filters) in readers.items():
            client.force_login(user)
            figures[name] = exports(client, **filters)
            # The PDF report's summary of sessions held and attended.
            scope = scope_for(user)
            criteria = FollowUpFilterSet({**PERIOD, **filters}, scope=scope).criteria()
            figures[name]["summary"] = queries.session_summary(scope, criteria)
        return figures

    before = everything()
    # The figures are there to compare: the shown question, the session, March's attendance.
    assert "Introduktion" in before["hr"]["questions"]
    assert "2026-03" in before["hr"]["trend"] and "Otillåten påverkan" in before["hr"]["sessions"]

    run = apply_retention(LATER)

    assert not QuizAnswer.objects.exists() and not QuizAttempt.objects.exists()
    assert not Attendance.objects.exists() and not Booking.objects.exists()
    assert QuestionTally.objects.exists() and SessionTally.objects.exists()
    assert run.removed["quiz_answers"] == 12 and run.removed["attendance"] == 4
    after = everything()
    assert before["hr"]["summary"].held == 1
    for reader in readers:
        for view in [*VIEWS, "summary"]:
            assert after[reader][view] == before[reader][view], (reader, view)


def test_thinned_figures_stay_with_the_unit_of_their_time(client, org, answers):
    """Alva moves from Nämnd A to Nämnd B after the thinning: A's old attendance and answers
    keep her. (Completions are kept in detail and follow the person, as before.)"""

    def figures():
        found = exports(client)
        months = client.get(reverse("reports:trend"), PERIOD).context["months"]
        attendance = [(m.present, m.absent, m.excused) for m in months]
        return found["sessions"], found["questions"], attendance

    client.force_login(org.people.anna.user)
    before = figures()
    apply_retention(LATER)
    org.people.a1.org_unit = org.b1
    org.people.a1.save()
    assert figures() == before


def test_a_second_run_changes_nothing(client, org, answers):
    client.force_login(org.people.anna.user)
    before = exports(client)
    first = apply_retention(LATER)
    tallies = (QuestionTally.objects.count(), SessionTally.objects.count())
    again = apply_retention(LATER)
    assert sum(first.removed.values()) > 0
    assert set(again.removed.values()) == {0}
    assert (QuestionTally.objects.count(), SessionTally.objects.count()) == tallies
    assert exports(client) == before


def test_a_small_archived_tertial_still_hides_the_question(hr_client, org, answers):
    """Jäv's May tertial has one person: hidden before, and hidden when that tertial is counts."""

    def jav():
        modules = hr_client.get(reverse("reports:questions"), PERIOD).context["modules"]
        return next(m for m in modules if m.module.title == "Jäv").questions[0]

    assert jav().too_few
    # Only January–April is thinned (2028-05-01 minus 24 months): May stays in detail.
    apply_retention(date(2028, 5, 1))
    assert QuizAnswer.objects.filter(attempt__module__title="Jäv").count() == 1
    stats = jav()
    assert stats.too_few and stats.share_correct is None and stats.most_chosen_wrong is None
    assert (stats.answered, stats.correct) == (5, 1)
    # Then May–August too: the small tertial is now counts, and still hides the question.
    apply_retention(date(2028, 9, 1))
    assert not QuizAnswer.objects.exists()
    stats = jav()
    assert stats.too_few and stats.most_chosen_wrong is None
    assert (stats.answered, stats.correct) == (5, 1)
