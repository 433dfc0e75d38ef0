"""Grading on the server: a question is right only when exactly its correct options are chosen."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.grading import grade

QUESTIONS = [
    {"id": "q1", "type": "single_choice", "options": [
        {"id": "a", "correct": True}, {"id": "b", "correct": False}]},
    {"id": "q2", "type": "multiple_choice", "options": [
        {"id": "c", "correct": True}, {"id": "d", "correct": True}, {"id": "e", "correct": False}]},
    {"id": "q3", "type": "true_false", "options": [
        {"id": "true", "correct": False}, {"id": "false", "correct": True}]},
    {"id": "q4", "type": "scenario", "options": [
        {"id": "f", "correct": False}, {"id": "g", "correct": True}]},
]  # fmt: skip


def test_all_right_passes_with_full_score():
    result = grade(QUESTIONS, {"q1": ["a"], "q2": ["c", "d"], "q3": ["false"], "q4": ["g"]}, 80)
    assert result.results == {"q1": True, "q2": True, "q3": True, "q4": True}
    assert (result.score, result.correct_count, result.passed) == (100, 4, True)


def test_multiple_choice_needs_every_correct_option_and_no_wrong_one():
    for chosen in (["c"], ["c", "d", "e"]):
        result = grade(QUESTIONS, {"q1": ["a"], "q2": chosen, "q3": ["false"], "q4": ["g"]}, 80)
        assert result.results["q2"] is False


def test_each_single_answer_type_is_graded():
    result = grade(QUESTIONS, {"q1": ["b"], "q2": ["c", "d"], "q3": ["true"], "q4": ["f"]}, 25)
    assert result.results == {"q1": False, "q2": True, "q3": False, "q4": False}
    assert (result.score, result.passed) == (25, True)


def _one_right_option(index: int) -> dict:
    options = [{"id": f"r{index}", "correct": True}, {"id": f"w{index}", "correct": False}]
    return {"id": f"q{index}", "type": "single_choice", "options": options}


def test_pass_mark_compares_exact_fractions_not_rounded_scores():
    """159 of 200 is 79.5 %: shown as 80 % but still below an 80 % mark."""
    questions = [_one_right_option(i) for i in range(200)]
    answers = {f"q{i}": [f"r{i}"] if i < 159 else [f"w{i}"] for i in range(200)}
    result = grade(questions, answers, 80)
    assert result.score == 80
    assert result.passed is False


@pytest.mark.parametrize(
    "answers",
    [
        {"q1": ["a"], "q2": ["c", "d"], "q3": ["false"]},  # a question unanswered
        {"q1": ["c"], "q2": ["c", "d"], "q3": ["false"], "q4": ["g"]},  # option of another question
        {"q1": ["zzz"], "q2": ["c", "d"], "q3": ["false"], "q4": ["g"]},  # unknown option
        {"q1": ["a", "b"], "q2": ["c", "d"], "q3": ["false"], "q4": ["g"]},  # two answers to one
        {"q1": ["a"], "q2": ["c", "d"], "q3": ["false"], "q4": ["g"], "q9": ["a"]},  # not drawn
    ],
)
def test_answers_that_do_not_fit_are_refused(answers):
    with pytest.raises(ValidationError):
        grade(QUESTIONS, answers, 80)


def test_a_quiz_without_questions_scores_zero_and_never_passes():
    result = grade([], {}, pass_mark=0)
    assert (result.score, result.correct_count, result.passed) == (0, 0, False)
