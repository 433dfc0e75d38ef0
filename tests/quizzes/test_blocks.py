"""The editor refuses questions that cannot be graded fairly."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.blocks import (
    MultipleChoiceQuestionBlock,
    ScenarioQuestionBlock,
    SingleChoiceQuestionBlock,
)


def _value(block, *correct_flags, text="Alternativ"):
    return block.to_python(
        {
            "question": "Fråga?",
            "situation": "En situation.",
            "explanation": "",
            "options": [
                {"text": text, "correct": flag, "feedback": "Därför."} for flag in correct_flags
            ],
        }
    )


@pytest.mark.parametrize("flags", [(False, False), (True, True)])
def test_single_choice_needs_exactly_one_correct_option(flags):
    block = SingleChoiceQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(_value(block, *flags))
    assert block.clean(_value(block, True, False))


def test_scenario_needs_exactly_one_correct_option():
    block = ScenarioQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(_value(block, True, True))


def test_multiple_choice_needs_at_least_one_correct_option():
    block = MultipleChoiceQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(_value(block, False, False))
    assert block.clean(_value(block, True, True, False))


def test_an_option_without_text_is_refused():
    block = SingleChoiceQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(_value(block, True, False, text=""))
