"""Quiz questions as StreamField blocks. Every option carries feedback explaining itself."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class OptionBlock(blocks.StructBlock):
    """One answer option, whether it is correct, and why."""

    text = blocks.CharBlock(label=_("Svarsalternativ"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Rätt svar"), required=False)
    feedback = blocks.TextBlock(
        label=_("Återkoppling"), help_text=_("Varför alternativet är rätt eller fel.")
    )

    class Meta:
        icon = "radio-full"
        label = _("Svarsalternativ")


class _ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Fråga"), max_length=300)
    options = blocks.ListBlock(
        OptionBlock(), label=pgettext_lazy("plural", "Svarsalternativ"), min_num=2
    )
    explanation = blocks.TextBlock(
        label=_("Förklaring"), required=False, help_text=_("Visas efter att testet lämnats in.")
    )

    def correct_count_error(self, count: int) -> str | None:
        """The editor's message when `count` correct options cannot be graded fairly."""
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        message = self.correct_count_error(sum(1 for o in value["options"] if o["correct"]))
        if message:
            raise StructBlockValidationError(block_errors={"options": ValidationError(message)})
        return value


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    """A question with exactly one correct option."""

    class Meta:
        icon = "radio-full"
        label = _("Flerval, ett rätt svar")
        description = _("Fråga där exakt ett alternativ är rätt.")

    def correct_count_error(self, count):
        return None if count == 1 else _("Markera exakt ett alternativ som rätt svar.")


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    """A question where the learner picks every correct option."""

    class Meta:
        icon = "tick-inverse"
        label = _("Flerval, flera rätta svar")
        description = _("Fråga där ett eller flera alternativ är rätt; alla ska väljas.")

    def correct_count_error(self, count):
        return None if count >= 1 else _("Markera minst ett alternativ som rätt svar.")


class ScenarioQuestionBlock(SingleChoiceQuestionBlock):
    """A situation to read, then a question with exactly one correct option."""

    situation = blocks.TextBlock(label=_("Situation"))

    class Meta:
        icon = "doc-full"
        label = _("Scenario")
        description = _("En situation att läsa, sedan en fråga med ett rätt svar.")


class TrueFalseQuestionBlock(blocks.StructBlock):
    """A statement to judge as true or false."""

    question = blocks.CharBlock(label=_("Påstående"), max_length=300)
    answer = blocks.ChoiceBlock(
        label=_("Rätt svar"), choices=[("true", _("Sant")), ("false", _("Falskt"))]
    )
    feedback_true = blocks.TextBlock(label=_("Återkoppling om man svarar Sant"))
    feedback_false = blocks.TextBlock(label=_("Återkoppling om man svarar Falskt"))
    explanation = blocks.TextBlock(label=_("Förklaring"), required=False)

    class Meta:
        icon = "tick"
        label = _("Sant eller falskt")
        description = _("Ett påstående som är sant eller falskt.")


class QuizQuestionsBlock(blocks.StreamBlock):
    """The questions of one module's quiz."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()
