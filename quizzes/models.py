"""A module's quiz, each attempt at it, and each answer given."""

import random
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from quizzes.blocks import QuizQuestionsBlock

TRUE_FALSE_OPTIONS = (("true", _("Sant")), ("false", _("Falskt")))


class ModuleQuiz(models.Model):
    """The quiz at the end of a module, edited on the module's "Kunskapstest" tab."""

    page = ParentalKey("courses.ModulePage", on_delete=models.CASCADE, related_name="quiz")
    pass_mark = models.PositiveSmallIntegerField(
        _("godkäntgräns (procent)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Lämna tomt för kursens gräns."),
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("antal frågor per försök"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt för att ställa alla frågor."),
    )
    shuffle_options = models.BooleanField(_("blanda svarsalternativen"), default=True)
    show_explanations = models.BooleanField(_("visa förklaringar efter inlämning"), default=True)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("frågor"), min_num=1)

    panels = [
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("questions_per_attempt")]),
        FieldRowPanel([FieldPanel("shuffle_options"), FieldPanel("show_explanations")]),
        FieldPanel("questions"),
    ]

    class Meta:
        verbose_name = _("kunskapstest")
        verbose_name_plural = _("kunskapstest")
        constraints = [
            models.UniqueConstraint(fields=["page"], name="one_quiz_per_module"),
            models.CheckConstraint(
                condition=models.Q(pass_mark__isnull=True) | models.Q(pass_mark__range=(1, 100)),
                name="quiz_pass_mark_is_a_percentage",
            ),
        ]
        permissions = [("view_question_statistics", _("Kan se frågestatistik"))]

    def __str__(self):
        return str(_("Kunskapstest: %(module)s") % {"module": self.page.title})

    def effective_pass_mark(self) -> int:
        if self.pass_mark is not None:
            return self.pass_mark
        return self.page.get_course().pass_mark

    def question_snapshots(self) -> list[dict]:
        """Every question in one plain shape, keyed by the blocks' stable ids."""
        snapshots = []
        for block in self.questions:
            value = block.value
            snapshot = {
                "id": block.id,
                "type": block.block_type,
                "question": value["question"],
                "situation": value.get("situation", ""),
                "explanation": value.get("explanation", ""),
            }
            if block.block_type == "true_false":
                snapshot["options"] = [
                    {
                        "id": option_id,
                        "text": str(label),
                        "correct": value["answer"] == option_id,
                        "feedback": value[f"feedback_{option_id}"],
                    }
                    for option_id, label in TRUE_FALSE_OPTIONS
                ]
            else:
                snapshot["options"] = [
                    {
                        "id": option.id,
                        "text": option.value["text"],
                        "correct": bool(option.value["correct"]),
                        "feedback": option.value["feedback"],
                    }
                    for option in value["options"].bound_blocks
                ]
            snapshots.append(snapshot)
        return snapshots

    def draw(self, rng: random.Random | None = None) -> list[dict]:
        """The questions for one attempt, in the order they will be shown."""
        rng = rng or random.SystemRandom()
        questions = self.question_snapshots()
        count = self.questions_per_attempt
        if count and count < len(questions):
            chosen = set(rng.sample(range(len(questions)), count))
            questions = [q for index, q in enumerate(questions) if index in chosen]
        if self.shuffle_options:
            for question in questions:
                if question["type"] != "true_false":
                    rng.shuffle(question["options"])
        return questions


class QuizAttemptQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def open(self):
        return self.filter(submitted_at__isnull=True)


class QuizAttempt(models.Model):
    """One try at a module's quiz. Kept forever, with what the learner saw and who they were.

    `questions` holds the drawn questions with their correct answers as they stood when the
    attempt started, so grading never depends on later edits. It never reaches the browser.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee",
        verbose_name=_("anställd"),
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("modul"),
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("sidversion"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    questions = models.JSONField(_("dragna frågor"))
    pass_mark = models.PositiveSmallIntegerField(_("godkäntgräns (procent)"))
    show_explanations = models.BooleanField(default=True)
    # Who the employee was when they took the quiz, so reports stay true after people move.
    role_codes = models.JSONField(_("roller vid försöket"), default=list)
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("enhet vid försöket"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    org_unit_code = models.CharField(_("enhetskod vid försöket"), max_length=50)
    started_at = models.DateTimeField(_("påbörjat"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("inlämnat"), null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(_("antal rätt"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("resultat (procent)"), null=True, blank=True)
    passed = models.BooleanField(_("godkänt"), null=True)

    objects = QuizAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("provförsök")
        verbose_name_plural = _("provförsök")
        indexes = [models.Index(fields=["employee", "module", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True)
                | models.Q(score__isnull=False, passed__isnull=False),
                name="submitted_attempt_is_graded",
            ),
            # One open attempt per person and module, even from two tabs at once.
            models.UniqueConstraint(
                fields=["employee", "module"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_attempt_per_module",
            ),
        ]

    def __str__(self):
        started = date_format(timezone.localtime(self.started_at), "SHORT_DATETIME_FORMAT")
        return f"{self.employee} – {self.module_id} ({started})"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def question_count(self) -> int:
        return len(self.questions)


class QuizAnswer(models.Model):
    """The options an employee chose for one question of an attempt, and whether it was right."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(_("fråga"), max_length=64)
    selected = models.JSONField(_("valda alternativ"), default=list)
    correct = models.BooleanField(_("rätt"))

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="one_answer_per_question"
            )
        ]
        indexes = [models.Index(fields=["question_id"])]

    def __str__(self):
        return f"{self.attempt_id}:{self.question_id}"


class QuestionTally(models.Model):
    """Answers to one question that retention removed, kept as counts for the Frågor figures.

    One row per module, question, month, unit and role set at the time of the attempts, and
    per answer given (right or wrong, and which options): what the follow-up counts from the
    answers themselves, so old periods read the same before and after thinning.
    """

    module = models.ForeignKey(
        "courses.ModulePage", verbose_name=_("modul"), on_delete=models.CASCADE, related_name="+"
    )
    question_id = models.CharField(_("fråga"), max_length=64)
    # The first day of the month (site time) the attempts were handed in.
    month = models.DateField(_("månad"))
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("enhet vid försöket"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The people's roles when the answers were folded, as ",3,5," (see people.roles).
    role_ids = models.CharField(_("roller"), max_length=200, blank=True)
    correct = models.BooleanField(_("rätt"))
    selected = models.JSONField(_("valda alternativ"), default=list)
    answers = models.PositiveIntegerField(_("antal svar"))
    # How many people answered, counting each person once per question and tertial, on the one
    # row of that tertial where they are counted (see quizzes.tallies): summed over a tertial
    # this is never more than the number of different people, which is what anonymity needs.
    people = models.PositiveIntegerField(_("antal personer"))

    class Meta:
        verbose_name = _("sammanräknade svar")
        verbose_name_plural = _("sammanräknade svar")
        indexes = [models.Index(fields=["module", "month"])]

    def __str__(self):
        return f"{self.module_id}:{self.question_id} {self.month:%Y-%m} ({self.answers})"
