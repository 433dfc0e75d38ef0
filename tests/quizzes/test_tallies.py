"""Answers folded into tallies: counts kept, each person counted once per question and tertial,
and the module statistics in the admin reading the tallies as they read the answers."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from quizzes.analytics import question_stats
from quizzes.models import QuestionTally, QuizAnswer, QuizAttempt
from quizzes.tallies import fold_answers, tertial_number, tertial_start
from tests.factories import EmployeeFactory, OrgUnitFactory
from tests.quizzes.conftest import add_quiz

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())


def answer(employee, module, question, day, *, unit=None, correct=False):
    unit = unit or employee.org_unit
    option = next(o["id"] for o in question["options"] if o["correct"] is correct)
    attempt = QuizAttempt.objects.create(
        employee=employee,
        org_unit=unit,
        org_unit_code=unit.code,
        module=module,
        questions=[question],
        pass_mark=80,
        submitted_at=at(day),
        score=0,
        passed=False,
    )
    QuizAnswer.objects.create(
        attempt=attempt, question_id=question["id"], selected=[option], correct=correct
    )


@pytest.mark.parametrize(
    ("day", "start", "number"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), 20260),
        (date(2026, 4, 30), date(2026, 1, 1), 20260),
        (date(2026, 5, 1), date(2026, 5, 1), 20261),
        (date(2026, 12, 31), date(2026, 9, 1), 20262),
    ],
)
def test_tertials(day, start, number):
    assert tertial_start(day) == start and tertial_number(day) == number


def test_only_whole_tertials_are_folded(db):
    with pytest.raises(ValueError):
        fold_answers(before=date(2026, 3, 1))


def test_a_person_is_counted_once_per_tertial_whatever_they_did(course):
    """Two tries in two months and two units: two answers, one person."""
    question = add_quiz(course.intro_module).question_snapshots()[0]
    person = EmployeeFactory()
    other_unit = OrgUnitFactory()
    answer(person, course.intro_module, question, date(2026, 1, 10))
    answer(person, course.intro_module, question, date(2026, 3, 10), unit=other_unit)
    # The next tertial counts them again.
    answer(person, course.intro_module, question, date(2026, 5, 10))
    assert fold_answers(before=date(2026, 9, 1)) == 3
    rows = {(t.month, t.org_unit_id): (t.answers, t.people) for t in QuestionTally.objects.all()}
    assert rows == {
        (date(2026, 1, 1), person.org_unit_id): (1, 0),
        (date(2026, 3, 1), other_unit.pk): (1, 1),
        (date(2026, 5, 1), person.org_unit_id): (1, 1),
    }
    assert fold_answers(before=date(2026, 9, 1)) == 0  # nothing left to fold twice


def test_module_statistics_keep_their_figures_and_stay_conservative(course, settings):
    """All-time statistics after folding: the same counts; the people over several tertials are
    not known, so the largest tertial's stand for them (never more than there were)."""
    settings.ANONYMITY_MIN_GROUP = 3
    question = add_quiz(course.intro_module, shuffle_options=False).question_snapshots()[0]
    people = [EmployeeFactory() for _ in range(3)]
    for person in people:
        answer(person, course.intro_module, question, date(2026, 2, 1))
    answer(people[0], course.intro_module, question, date(2026, 6, 1), correct=True)
    before = question_stats(course.intro_module)[0]
    assert (before.answered, before.correct, before.people, before.too_few) == (4, 1, 3, False)

    fold_answers(before=date(2026, 5, 1))  # the first tertial only
    after = question_stats(course.intro_module)[0]
    assert (after.answered, after.correct, after.too_few) == (4, 1, False)
    assert after.most_chosen_wrong == before.most_chosen_wrong
    assert after.most_chosen_wrong_count == 3

    fold_answers(before=date(2026, 9, 1))
    assert not QuizAnswer.objects.exists()
    assert question_stats(course.intro_module)[0].people == 3


def test_a_tie_for_the_most_chosen_wrong_option_goes_to_the_one_written_first(course, settings):
    """Details and tallies come back in different orders; the answer must not depend on it."""
    from quizzes.models import ModuleQuiz
    from tests.quizzes.conftest import option

    settings.ANONYMITY_MIN_GROUP = 1
    module = course.intro_module
    module.quiz.add(
        ModuleQuiz(
            questions=[
                {
                    "type": "single_choice",
                    "value": {
                        "question": "Vem får ta emot gåvan?",
                        "explanation": "Ingen.",
                        # Ids that sort against the written order, as a database might.
                        "options": [
                            option("Ingen", True),
                            {**option("Chefen"), "id": "zz-chefen"},
                            {**option("Hela enheten"), "id": "aa-enheten"},
                        ],
                    },
                }
            ],
            shuffle_options=False,
        )
    )
    module.save_revision().publish()
    question = module.quiz.get().question_snapshots()[0]
    first, second = (o["id"] for o in question["options"][1:])
    # The option written second is chosen first.
    for chosen in (second, first):
        attempt = QuizAttempt.objects.create(
            employee=EmployeeFactory(),
            org_unit=OrgUnitFactory(),
            org_unit_code="x",
            module=module,
            questions=[question],
            pass_mark=80,
            submitted_at=at(date(2026, 2, 1)),
            score=0,
            passed=False,
        )
        QuizAnswer.objects.create(
            attempt=attempt, question_id=question["id"], selected=[chosen], correct=False
        )
    assert question_stats(module)[0].most_chosen_wrong == "Chefen"
    fold_answers(before=date(2026, 5, 1))
    assert question_stats(module)[0].most_chosen_wrong == "Chefen"


def test_each_tertial_is_folded_in_its_own_transaction(course, monkeypatch):
    """A failure in a later tertial keeps the earlier ones folded, and loses no answers."""
    question = add_quiz(course.intro_module).question_snapshots()[0]
    person = EmployeeFactory()
    answer(person, course.intro_module, question, date(2026, 1, 10))
    answer(person, course.intro_module, question, date(2026, 5, 10))
    write = QuestionTally.objects.bulk_create
    calls = []

    def fail_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database gone")
        return write(*args, **kwargs)

    monkeypatch.setattr(QuestionTally.objects, "bulk_create", fail_the_second)
    with pytest.raises(RuntimeError):
        fold_answers(before=date(2026, 9, 1))
    assert [t.month for t in QuestionTally.objects.all()] == [date(2026, 1, 1)]
    assert list(QuizAnswer.objects.values_list("attempt__submitted_at__month", flat=True)) == [5]
    monkeypatch.undo()
    assert fold_answers(before=date(2026, 9, 1)) == 1
    assert QuizAnswer.objects.count() == 0
