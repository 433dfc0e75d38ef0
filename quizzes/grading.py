"""Server-side grading: pure functions over the drawn questions and the submitted answers."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SINGLE_ANSWER_TYPES = {"single_choice", "true_false", "scenario"}


@dataclass(frozen=True)
class Grade:
    results: dict[str, bool]
    correct_count: int
    score: int
    passed: bool


def correct_option_ids(question: dict) -> set[str]:
    return {option["id"] for option in question["options"] if option["correct"]}


def validate_answers(questions: list[dict], answers: dict[str, list[str]]) -> None:
    """Refuse answers that do not fit the drawn questions, whatever the form let through."""
    drawn = {question["id"]: question for question in questions}
    unknown = set(answers) - set(drawn)
    if unknown:
        raise ValidationError(_("Svaren gäller frågor som inte ingår i det här testet."))
    for question_id, question in drawn.items():
        selected = answers.get(question_id) or []
        if not selected:
            raise ValidationError(_("Alla frågor måste besvaras."))
        valid = {option["id"] for option in question["options"]}
        if not set(selected) <= valid:
            raise ValidationError(_("Ett svar hör inte till sin fråga."))
        if question["type"] in SINGLE_ANSWER_TYPES and len(selected) != 1:
            raise ValidationError(_("Välj ett svar per fråga."))


def grade(questions: list[dict], answers: dict[str, list[str]], pass_mark: int) -> Grade:
    """A question is right when exactly its correct options were chosen."""
    validate_answers(questions, answers)
    results = {
        question["id"]: set(answers[question["id"]]) == correct_option_ids(question)
        for question in questions
    }
    correct_count = sum(results.values())
    score = round(100 * correct_count / len(questions)) if questions else 0
    # Compare exact fractions: a rounded 79.5 % must not pass an 80 % mark.
    passed = bool(questions) and correct_count * 100 >= pass_mark * len(questions)
    return Grade(results=results, correct_count=correct_count, score=score, passed=passed)
