"""Question analytics for coordinators: counts that match the answers given."""

import copy
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from people.groups import ensure_groups
from quizzes.analytics import question_stats
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.factories import EmployeeFactory
from tests.quizzes.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def figures(stats):
    """What the coordinator's page shows of each question."""
    return [
        (
            s.text,
            s.answered,
            s.correct,
            s.people,
            s.too_few,
            s.most_chosen_wrong,
            s.most_chosen_wrong_count,
        )
        for s in stats
    ]


@pytest.fixture
def answered(quiz_course, unit, roles):
    """Three people answer the intro quiz: one all right, two all wrong (the same wrong option)."""
    module = quiz_course.intro_module
    for index in range(3):
        person = EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]])
        attempt = start_attempt(employee=person, module=module)
        answers = right_answers(attempt) if index == 0 else wrong_answers(attempt)
        submit_attempt(attempt=attempt, answers=answers)
    return module


def test_stats_count_answers_share_correct_and_the_most_chosen_wrong_option(answered, settings):
    settings.ANONYMITY_MIN_GROUP = 3
    stats = question_stats(answered)
    assert [row.answered for row in stats] == [3, 3, 3, 3]
    assert [row.correct for row in stats] == [1, 1, 1, 1]
    assert stats[0].text == "Finns det en beloppsgräns för mutor?"
    assert stats[0].share_correct == pytest.approx(1 / 3)
    assert stats[0].most_chosen_wrong == "fel: ja, 500 kr"
    assert stats[0].most_chosen_wrong_count == 2
    assert stats[2].most_chosen_wrong == "Sant"


def test_stats_hide_groups_smaller_than_the_minimum(answered, settings):
    settings.ANONYMITY_MIN_GROUP = 5
    stats = question_stats(answered)
    assert stats[0].answered == 3
    assert stats[0].share_correct is None and stats[0].most_chosen_wrong is None


def test_the_minimum_counts_people_not_attempts(answered, unit, settings):
    """One person answering again and again does not make a group large enough to show."""
    settings.ANONYMITY_MIN_GROUP = 4
    learner = EmployeeFactory(org_unit=unit)
    for _ in range(3):
        attempt = start_attempt(employee=learner, module=answered)
        submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    stats = question_stats(answered)
    assert stats[0].answered == 6 and stats[0].people == 4
    assert stats[0].too_few is False
    settings.ANONYMITY_MIN_GROUP = 5
    assert question_stats(answered)[0].too_few is True


def test_coordinator_sees_the_statistics_page_and_a_learner_does_not(
    client, answered, unit, settings
):
    settings.ANONYMITY_MIN_GROUP = 3
    ensure_groups()
    coordinator = EmployeeFactory(org_unit=unit)
    coordinator.user.groups.add(Group.objects.get(name="Kursansvarig"))
    learner = EmployeeFactory(org_unit=unit)
    learner.user.groups.add(Group.objects.get(name="Medarbetare"))
    url = reverse("quiz_statistics_module", args=[answered.pk])

    client.force_login(coordinator.user)
    content = client.get(url).content.decode()
    assert "Finns det en beloppsgräns för mutor?" in content
    assert "33 %" in content and "fel: ja, 500 kr (2)" in content
    assert answered.title in client.get(reverse("quiz_statistics")).content.decode()

    client.force_login(learner.user)
    assert client.get(url).status_code in (302, 403)


def test_coordinator_edits_a_module_with_its_quiz_tab(client, quiz_course, unit):
    ensure_groups()
    coordinator = EmployeeFactory(org_unit=unit)
    coordinator.user.groups.add(Group.objects.get(name="Kursansvarig"))
    client.force_login(coordinator.user)
    response = client.get(f"/admin/pages/{quiz_course.intro_module.pk}/edit/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kunskapstest" in content
    # The quiz is one inline form on its tab; its questions travel as the StreamField's JSON.
    assert 'name="quiz-TOTAL_FORMS" value="1"' in content
    assert "beloppsgr\\u00e4ns" in content or "beloppsgräns" in content


def _option(option_id, text, correct=False):
    return {"type": "item", "id": option_id, "value": {"text": text, "correct": correct,
                                                        "feedback": ""}}  # fmt: skip


def _choice(question_id, text, options):
    return {
        "type": "single_choice",
        "id": question_id,
        "value": {"question": text, "explanation": "", "options": options},
    }


# Option ids in the reverse order of the options: a tie broken by id would pick the wrong one.
FIRST, SECOND = "f0000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-00000000000f"
QUIZ = [
    _choice(
        "q1",
        "Oavgjort",
        [_option("r1", "rätt", True), _option(FIRST, "fel: först"), _option(SECOND, "fel: sist")],
    ),  # fmt: skip
    _choice(
        "q2",
        "Oavgjort med ett borttaget",
        [
            _option("r2", "rätt", True),
            _option("kept-2", "fel: kvar"),
            _option("gone-2", "fel: borttagen"),
        ],
    ),  # fmt: skip
    _choice(
        "q3",
        "Flest på ett borttaget",
        [
            _option("r3", "rätt", True),
            _option("kept-3", "fel: kvar"),
            _option("gone-3", "fel: borttagen"),
        ],
    ),  # fmt: skip
    _choice("q4", "Borttagen fråga", [_option("r4", "rätt", True), _option("w4", "fel")]),
    _choice("q5", "Obesvarad", [_option("r5", "rätt", True), _option("w5", "fel")]),
]


def test_ties_go_to_the_option_written_first_and_removed_ones_keep_their_answers(
    quiz_course, unit, settings
):
    """An editor may remove options and questions that were already answered: their answers
    still count, named "–" and "(borttagen fråga)", the removed question last."""
    from django.utils import timezone

    from quizzes.models import ModuleQuiz, QuizAnswer, QuizAttempt

    settings.ANONYMITY_MIN_GROUP = 2
    module = quiz_course.intro_module
    ModuleQuiz.objects.filter(page=module).update(questions=QUIZ)
    people = [EmployeeFactory(org_unit=unit) for _ in range(4)]
    answers = {
        "q1": [[SECOND], [FIRST], ["r1"]],
        "q2": [["gone-2"], ["gone-2"], ["kept-2"], ["kept-2"]],
        "q3": [["gone-3"], ["gone-3"], ["kept-3"]],
        "q4": [["w4"], ["w4"]],
    }
    for question_id, choices in answers.items():
        for person, selected in zip(people, choices, strict=False):
            correct = selected[0].startswith("r")
            attempt = QuizAttempt.objects.create(
                employee=person,
                org_unit=unit,
                org_unit_code=unit.code,
                module=module,
                questions=[],
                pass_mark=80,
                submitted_at=timezone.now(),
                score=100 if correct else 0,
                passed=correct,
            )
            QuizAnswer.objects.create(
                attempt=attempt, question_id=question_id, selected=selected, correct=correct
            )
    # The editor removes an option of q2 and of q3, and all of q4.
    edited = copy.deepcopy([QUIZ[0], QUIZ[1], QUIZ[2], QUIZ[4]])
    for question in edited[1:3]:
        question["value"]["options"] = question["value"]["options"][:2]
    quiz = ModuleQuiz.objects.get(page=module)
    quiz.questions = edited
    quiz.save()

    assert figures(question_stats(module)) == [
        ("Oavgjort", 3, 1, 3, False, "fel: först", 1),
        # A current option ranks before a removed one chosen as often.
        ("Oavgjort med ett borttaget", 4, 0, 4, False, "fel: kvar", 2),
        ("Flest på ett borttaget", 3, 0, 3, False, "–", 2),
        ("Obesvarad", 0, 0, 0, True, None, 0),
        ("(borttagen fråga)", 2, 0, 2, False, "–", 2),
    ]


def test_the_coordinators_figures_are_the_same_after_retention_thins_the_answers(
    answered, settings
):
    from django.utils import timezone

    from courses.dates import add_months
    from quizzes.analytics import question_stats_by_module
    from quizzes.models import QuestionTally, QuizAnswer
    from quizzes.tallies import fold_answers, tertial_start

    settings.ANONYMITY_MIN_GROUP = 3

    before = figures(question_stats(answered))
    assert before[0] == ("Finns det en beloppsgräns för mutor?", 3, 1, 3, False,
                         "fel: ja, 500 kr", 2)  # fmt: skip
    # The answers were handed in today: fold up to the start of the next tertial.
    fold_answers(before=tertial_start(add_months(timezone.localdate(), 4)))
    assert not QuizAnswer.objects.exists() and QuestionTally.objects.exists()
    assert figures(question_stats(answered)) == before
    # Given no tallies, only the answers in detail count: none are left.
    [first, *_] = question_stats_by_module([answered], QuizAnswer.objects.all())[answered.pk]
    assert (first.answered, first.people, first.too_few) == (0, 0, True)


def test_the_all_time_page_counts_every_tertial_together(answered, unit, settings):
    """The coordinator's page offers no periods to compare, so a small tertial inside a large
    enough total is shown; Frågor, where periods can be compared, hides it (tests/reports)."""
    settings.ANONYMITY_MIN_GROUP = 4
    earlier = EmployeeFactory(org_unit=unit)
    attempt = start_attempt(employee=earlier, module=answered)
    submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - timedelta(days=365)  # one person alone in that tertial
    )
    stats = question_stats(answered)
    assert stats[0].people == 4 and stats[0].too_few is False
    assert stats[0].share_correct == pytest.approx(1 / 4)


def test_a_true_false_questions_wrong_answer_is_marked_as_interface_text(settings):
    """ "Sant"/"Falskt" are the interface's words: not marked as Swedish content on an English
    page, where a multiple-choice option's text is."""
    from collections import Counter

    from quizzes.analytics import _module_stats

    settings.ANONYMITY_MIN_GROUP = 1
    options = [{"id": "true", "text": "True", "correct": True}]
    options += [{"id": "false", "text": "False", "correct": False}]
    choice = [
        {"id": "a", "text": "Chefen", "correct": False},
        {"id": "b", "text": "Ingen", "correct": True},
    ]
    current = [
        {"id": "q1", "type": "true_false", "question": "Sant?", "options": options},
        {"id": "q2", "type": "multiple_choice", "question": "Vem?", "options": choice},
    ]
    totals = {(1, q): {"answered": 2, "correct": 0, "people": 2} for q in ("q1", "q2")}
    wrong = {(1, "q1"): Counter({"false": 2}), (1, "q2"): Counter({"a": 2})}
    stats = _module_stats(1, current, totals, wrong)
    assert [(s.most_chosen_wrong, s.wrong_is_label) for s in stats] == [
        ("False", True),
        ("Chefen", False),
    ]
