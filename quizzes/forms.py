"""The quiz form: one field per drawn question, and nothing that reveals the right answer."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quizzes.grading import SINGLE_ANSWER_TYPES
from vaksam.i18n import content_lang_attribute


class QuizForm(forms.Form):
    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        layout = []
        # The questions are content (Swedish only): lang on them when the interface is not.
        lang = content_lang_attribute()
        for number, question in enumerate(questions, start=1):
            name = f"q_{question['id']}"
            choices = [
                (option["id"], format_html("<span{}>{}</span>", lang, option["text"]))
                for option in question["options"]
            ]
            label = format_html("{}. <span{}>{}</span>", number, lang, question["question"])
            messages = {"required": _("Svara på frågan.")}
            if question["type"] in SINGLE_ANSWER_TYPES:
                field = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages=messages,
                )
            else:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Välj alla som stämmer."),
                    error_messages=messages,
                )
            self.fields[name] = field
            parts = [name]
            if question["situation"]:
                parts.insert(
                    0,
                    HTML(
                        format_html(
                            '<p class="quiz-situation"{}>{}</p>', lang, question["situation"]
                        )
                    ),
                )
            layout.append(Fieldset("", *parts, css_class="quiz-question card card-body mb-3"))

        self.helper = FormHelper()
        # The template writes the <form> and its CSRF token: crispy would add a second one.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*layout)
        self.helper.add_input(Submit("submit", _("Lämna in svaren")))

    def answers(self) -> dict[str, list[str]]:
        """The cleaned answers keyed by question id, every value a list of option ids."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data[f"q_{question['id']}"]
            answers[question["id"]] = [value] if isinstance(value, str) else list(value)
        return answers
