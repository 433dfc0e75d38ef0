"""Security finding 6 (issue 14): the anonymity minimum cannot be bypassed by comparing periods.

The review took Frågor for two periods one day apart and read off single colleagues' answers.
Anonymous statistics now count whole tertials only, and a question is hidden unless every
tertial in the period has no one or at least the minimum of people.
"""

from datetime import date, datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from quizzes.models import QuizAnswer, QuizAttempt
from reports.filters import Criteria
from reports.queries import anonymous_period
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "snapped"),
    [
        (date(2026, 1, 1), date(2026, 4, 30), (date(2026, 1, 1), date(2026, 4, 30))),
        (date(2026, 1, 2), date(2026, 5, 1), (date(2026, 1, 1), date(2026, 8, 31))),
        (date(2026, 4, 30), date(2026, 4, 30), (date(2026, 1, 1), date(2026, 4, 30))),
        (date(2026, 5, 1), date(2026, 9, 1), (date(2026, 5, 1), date(2026, 12, 31))),
        (date(2025, 12, 31), date(2026, 12, 31), (date(2025, 9, 1), date(2026, 12, 31))),
    ],
)
def test_periods_snap_to_whole_tertials(start, end, snapped):
    criteria = Criteria(unit=None, role=None, course=None, start=start, end=end, status=None)
    period = anonymous_period(criteria)
    assert (period.start, period.end) == snapped


@pytest.mark.parametrize(
    ("day", "tertial"),
    [
        # The day before each tertial begins, the day it begins, the day after.
        (date(2025, 12, 31), (date(2025, 9, 1), date(2025, 12, 31))),
        (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 4, 30))),
        (date(2026, 1, 2), (date(2026, 1, 1), date(2026, 4, 30))),
        (date(2026, 4, 30), (date(2026, 1, 1), date(2026, 4, 30))),
        (date(2026, 5, 1), (date(2026, 5, 1), date(2026, 8, 31))),
        (date(2026, 5, 2), (date(2026, 5, 1), date(2026, 8, 31))),
        (date(2026, 8, 31), (date(2026, 5, 1), date(2026, 8, 31))),
        (date(2026, 9, 1), (date(2026, 9, 1), date(2026, 12, 31))),
        (date(2026, 9, 2), (date(2026, 9, 1), date(2026, 12, 31))),
        # A leap year's February lies inside the first tertial like any other.
        (date(2028, 2, 29), (date(2028, 1, 1), date(2028, 4, 30))),
    ],
)
def test_a_single_day_is_widened_to_its_tertial(day, tertial):
    criteria = Criteria(unit=None, role=None, course=None, start=day, end=day, status=None)
    period = anonymous_period(criteria)
    assert (period.start, period.end) == tertial


def _answer(employee, module, question, option_id, day, correct):
    attempt = QuizAttempt.objects.create(
        employee=employee,
        org_unit=employee.org_unit,
        module=module,
        questions=[question],
        pass_mark=80,
        org_unit_code=employee.org_unit.code,
        submitted_at=at(day),
        score=100 if correct else 0,
        passed=correct,
    )
    QuizAnswer.objects.create(
        attempt=attempt, question_id=question["id"], selected=[option_id], correct=correct
    )


@pytest.fixture
def answers(org, course):
    """Three people answer in February; one more, alone, in May (wrongly)."""
    from tests.quizzes.conftest import add_quiz

    quiz = add_quiz(course.intro_module, shuffle_options=False)
    question = quiz.question_snapshots()[0]
    right = next(o["id"] for o in question["options"] if o["correct"])
    wrong = next(o["id"] for o in question["options"] if not o["correct"])
    module = course.intro_module
    for name in ("a1", "a2", "a3"):
        _answer(getattr(org.people, name), module, question, right, date(2026, 2, 10), True)
    _answer(org.people.b1, module, question, wrong, date(2026, 5, 12), False)
    return question


def _stats(client, start, end):
    response = client.get(reverse("reports:questions"), {"start": start, "end": end})
    assert response.status_code == 200
    [module] = response.context["modules"]
    return module.questions[0]


@override_settings(ANONYMITY_MIN_GROUP=3)
def test_periods_a_day_apart_give_the_same_figures(hr_client, answers):
    before = _stats(hr_client, "2026-01-01", "2026-05-11")
    after = _stats(hr_client, "2026-01-01", "2026-05-12")
    assert (before.answered, before.correct, before.too_few) == (
        after.answered,
        after.correct,
        after.too_few,
    )


@override_settings(ANONYMITY_MIN_GROUP=3)
def test_a_small_tertial_hides_the_question_even_when_the_period_has_enough_people(
    hr_client, answers
):
    # Four people in January–August, but May–August alone has one: comparing this with
    # January–April would give that one person's answer away.
    stats = _stats(hr_client, "2026-01-01", "2026-08-31")
    assert stats.people == 4
    assert stats.too_few and stats.share_correct is None and stats.most_chosen_wrong is None
    # January–April on its own has three people and is shown.
    stats = _stats(hr_client, "2026-01-01", "2026-04-30")
    assert not stats.too_few and (stats.answered, stats.correct) == (3, 3)


@override_settings(ANONYMITY_MIN_GROUP=3)
def test_the_page_states_the_tertials_it_counted(hr_client, answers):
    response = hr_client.get(
        reverse("reports:questions"), {"start": "2026-02-03", "end": "2026-03-01"}
    )
    content = response.content.decode()
    assert "från 1 januari 2026 till 30 april 2026" in content
    assert "per hela tertial" in content


@override_settings(ANONYMITY_MIN_GROUP=3)
def test_the_export_follows_the_same_rule(hr_client, answers):
    response = hr_client.get(
        reverse("reports:questions_export", args=["csv"]),
        {"start": "2026-01-01", "end": "2026-08-31"},
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = [line for line in body.splitlines() if answers["question"] in line]
    cells = [cell.strip('"') for cell in row.split(";")]
    assert cells[3:6] == ["", "", ""]


@override_settings(ANONYMITY_MIN_GROUP=1)
def test_an_answer_counts_in_the_tertial_of_its_swedish_day(hr_client, org, course):
    """The tertials run from midnight to midnight in Stockholm, not in UTC (two hours apart
    in summer): an answer in the last minute of 30 April is January–April's."""
    from tests.quizzes.conftest import add_quiz

    question = add_quiz(course.intro_module, shuffle_options=False).question_snapshots()[0]
    options = {o["correct"]: o["id"] for o in question["options"]}
    people = org.people
    # Who answered when, and whether rightly: which tertial took an answer shows in the counts.
    for person, moment, correct in [
        (people.a1, datetime(2025, 12, 31, 23, 59), False),  # the day before January–April
        (people.a2, datetime(2026, 1, 1, 0, 0), True),  # its first minute
        (people.a3, datetime(2026, 4, 30, 23, 59), True),  # its last minute
        (people.a4, datetime(2026, 5, 1, 0, 0), False),  # May–August's first minute
        (people.b1, datetime(2026, 8, 31, 23, 59), False),  # May–August's last minute
        (people.b2, datetime(2026, 9, 1, 0, 0), True),  # September–December's first minute
    ]:
        attempt = QuizAttempt.objects.create(
            employee=person,
            org_unit=person.org_unit,
            org_unit_code=person.org_unit.code,
            module=course.intro_module,
            questions=[question],
            pass_mark=80,
            submitted_at=timezone.make_aware(moment),
            score=100 if correct else 0,
            passed=correct,
        )
        QuizAnswer.objects.create(
            attempt=attempt,
            question_id=question["id"],
            selected=[options[correct]],
            correct=correct,
        )

    def figures(start, end):
        stats = _stats(hr_client, start, end)
        return stats.answered, stats.correct

    assert figures("2026-01-01", "2026-04-30") == (2, 2)
    assert figures("2026-05-01", "2026-08-31") == (2, 0)
    assert figures("2025-09-01", "2025-12-31") == (1, 0)
    assert figures("2026-09-01", "2026-12-31") == (1, 1)


def _answers_in_two_tertials(org, course):
    """Introduktion's first question: Anna, Alva and Axel right, Agnes wrong in February; in
    May–August only Bertil (wrong, then right) and Berit (right): two people, three answers.
    Its true/false question: Agnes alone, wrongly. Jäv's multiple-choice question, in
    February: Alva right; Axel, Agnes and the formula name wrong, two of them choosing "samma
    kontor" (Agnes also ticks the right "släktskap")."""
    from tests.quizzes.conftest import add_quiz

    intro, _, sant, _ = add_quiz(course.intro_module, shuffle_options=False).question_snapshots()
    jav = add_quiz(course.jav_module, shuffle_options=False).question_snapshots()[1]
    right, wrong = (o["id"] for o in intro["options"])  # "rätt: nej", "fel: ja, 500 kr"
    kinship, proxy, office = (o["id"] for o in jav["options"])
    people = org.people
    february, may, june = date(2026, 2, 10), date(2026, 5, 12), date(2026, 6, 1)
    for person, selected, day in [
        (people.anna, [right], february),
        (people.a1, [right], february),
        (people.a2, [right], february),
        (people.a3, [wrong], february),
        (people.b1, [wrong], may),
        (people.b1, [right], june),
        (people.b2, [right], june),
    ]:
        _answer_selected(person, course.intro_module, intro, selected, day, selected == [right])
    # No right answer to add up for this question.
    _answer_selected(people.a3, course.intro_module, sant, ["true"], february, False)
    for person, selected in [
        (people.a1, [kinship, proxy]),
        (people.a2, [kinship]),
        (people.a3, [kinship, office]),
        (people.a4, [office]),
    ]:
        _answer_selected(person, course.jav_module, jav, selected, february, person == people.a1)
    return intro, sant, jav


def _answer_selected(employee, module, question, selected, day, correct):
    _answer(employee, module, question, selected[0], day, correct)
    QuizAnswer.objects.filter(attempt__employee=employee, question_id=question["id"]).filter(
        attempt__submitted_at=at(day)
    ).update(selected=selected)


def _figures(client, start, end) -> list[tuple]:
    """Each shown module's questions that were answered, as the page has them."""
    response = client.get(reverse("reports:questions"), {"start": start, "end": end})
    assert response.status_code == 200
    return [
        (
            stats.text,
            stats.answered,
            stats.correct,
            stats.people,
            stats.too_few,
            stats.most_chosen_wrong,
            stats.most_chosen_wrong_count,
        )
        for module in response.context["modules"]
        for stats in module.questions
        if stats.answered
    ]


@override_settings(ANONYMITY_MIN_GROUP=3)
def test_thinned_tertials_give_the_same_figures_and_hide_the_same_questions(hr_client, org, course):
    from quizzes.models import QuestionTally
    from quizzes.tallies import fold_answers

    intro, sant, jav = _answers_in_two_tertials(org, course)
    january_april = [
        (intro["question"], 4, 3, 4, False, "fel: ja, 500 kr", 1),
        (sant["question"], 1, 0, 1, True, None, 0),
        (jav["question"], 4, 1, 4, False, "fel: samma kontor", 2),
    ]

    # May–August has two people: the whole year's question is hidden, its counts kept. The
    # year's people are six in detail; over thinned tertials, the largest tertial's four (people
    # cannot be added up across tertials: a lower bound).
    def year(people):
        return [
            (intro["question"], 7, 5, people, True, None, 0),
            (sant["question"], 1, 0, 1, True, None, 0),
            (jav["question"], 4, 1, 4, False, "fel: samma kontor", 2),
        ]

    may_august = [(intro["question"], 3, 2, 2, True, None, 0)]

    def everything():
        return [
            _figures(hr_client, "2026-01-01", "2026-04-30"),
            _figures(hr_client, "2026-01-01", "2026-12-31"),
            _figures(hr_client, "2026-05-01", "2026-08-31"),
        ]

    assert everything() == [january_april, year(6), may_august]
    # January–April thinned to counts, May–August still in detail; then both thinned.
    fold_answers(before=date(2026, 5, 1))
    assert QuizAnswer.objects.count() == 3 and QuestionTally.objects.exists()
    assert everything() == [january_april, year(4), may_august]
    fold_answers(before=date(2026, 9, 1))
    assert not QuizAnswer.objects.exists()
    assert everything() == [january_april, year(4), may_august]
