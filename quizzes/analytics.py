"""Question analytics: which questions learners get wrong, and which wrong answer they choose."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from courses.models import ModulePage
from quizzes.models import ModuleQuiz, QuestionTally, QuizAnswer
from quizzes.tallies import tertial_of


@dataclass
class QuestionStats:
    question_id: str
    text: str
    answered: int
    correct: int
    most_chosen_wrong: str | None
    most_chosen_wrong_count: int
    # A true/false question's answers are the interface's words ("True"), not the content's.
    wrong_is_label: bool = False

    # How many different people answered: the anonymity minimum counts people, not answers,
    # or one person trying five times would make a group of five.
    people: int = 0
    too_few: bool = False

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.answered if self.answered and not self.too_few else None


def question_stats(module: ModulePage) -> list[QuestionStats]:
    """Per question of the module's quiz, in authoring order; removed questions come last."""
    return question_stats_by_module(
        [module], QuizAnswer.objects.all(), tallies=QuestionTally.objects.all()
    )[module.pk]


def question_stats_by_module(
    modules: list[ModulePage],
    answers: QuerySet[QuizAnswer],
    *,
    tallies: QuerySet[QuestionTally] | None = None,
    by_tertial: bool = False,
) -> dict[int, list[QuestionStats]]:
    """The same, for many modules at once and over a chosen set of answers (scope, period).

    A fixed number of queries whatever the number of answers: counting happens in SQL, grouped
    by question and by the exact set of options chosen, which stays small.

    `tallies` are the answers retention has already turned into counts (the same scope and
    period); their figures add to the answers'.

    `by_tertial` splits the answers into the periods a reader can choose between (tertials).
    A question is then hidden unless every tertial holds either no one or at least the minimum:
    otherwise comparing two periods would single out a small tertial.

    Different people cannot be added up across tallies (one person answers in many months).
    Retention folds whole tertials and counts each person once per question and tertial, so
    an archived tertial's people are exact (or fewer, if someone moved between units), never
    more. Over a longer period the number of people is taken as the largest tertial's or the
    detailed answers' count, whichever is larger: a lower bound, so the minimum hides at least
    what it would hide on the details.
    """
    module_ids = [module.pk for module in modules]
    answers = answers.filter(attempt__module_id__in=module_ids).order_by()
    if tallies is None:
        tallies = QuestionTally.objects.none()
    tallies = tallies.filter(module_id__in=module_ids).order_by()

    # People per (module, question, tertial): the details', then the tallies'. A tertial is
    # either folded or not; should it show up in both, the larger count (a lower bound) holds.
    tertial_people: dict[tuple, int] = {}
    if by_tertial:
        for row in (
            answers.annotate(block=tertial_of("attempt__submitted_at"))
            .values("attempt__module_id", "question_id", "block")
            .annotate(people=Count("attempt__employee", distinct=True))
        ):
            key = (row["attempt__module_id"], row["question_id"], int(row["block"]))
            tertial_people[key] = row["people"]
    archived_people: dict[tuple[int, str], int] = {}
    for row in (
        tallies.annotate(block=tertial_of("month"))
        .values("module_id", "question_id", "block")
        .annotate(people=Sum("people"))
    ):
        key = (row["module_id"], row["question_id"], int(row["block"]))
        tertial_people[key] = max(tertial_people.get(key, 0), row["people"])
        question = key[:2]
        archived_people[question] = max(archived_people.get(question, 0), row["people"])
    small_blocks = set()
    if by_tertial:
        small_blocks = {
            key[:2]
            for key, people in tertial_people.items()
            if people < settings.ANONYMITY_MIN_GROUP
        }

    totals: dict[tuple[int, str], dict] = {}
    for row in answers.values("attempt__module_id", "question_id").annotate(
        answered=Count("id"),
        correct=Count("id", filter=Q(correct=True)),
        people=Count("attempt__employee", distinct=True),
    ):
        totals[row["attempt__module_id"], row["question_id"]] = row
    for row in tallies.values("module_id", "question_id").annotate(
        answered=Sum("answers"), correct=Sum("answers", filter=Q(correct=True))
    ):
        total = totals.setdefault(
            (row["module_id"], row["question_id"]), {"answered": 0, "correct": 0, "people": 0}
        )
        total["answered"] += row["answered"]
        total["correct"] += row["correct"] or 0
    for question, people in archived_people.items():
        totals[question]["people"] = max(totals[question]["people"], people)

    wrong_choices: dict[tuple[int, str], Counter] = {}
    for module_field, rows in (
        (
            "attempt__module_id",
            answers.filter(correct=False)
            .values("attempt__module_id", "question_id", "selected")
            .annotate(count=Count("id")),
        ),
        (
            "module_id",
            tallies.filter(correct=False)
            .values("module_id", "question_id", "selected")
            .annotate(count=Sum("answers")),
        ),
    ):
        for row in rows:
            key = (row[module_field], row["question_id"])
            counter = wrong_choices.setdefault(key, Counter())
            for option_id in row["selected"] or []:
                counter[option_id] += row["count"]

    snapshots = {
        quiz.page_id: quiz.question_snapshots()
        for quiz in ModuleQuiz.objects.filter(page_id__in=module_ids)
    }
    return {
        module_id: _module_stats(
            module_id, snapshots.get(module_id, []), totals, wrong_choices, small_blocks
        )
        for module_id in module_ids
    }


def _module_stats(
    module_id, current, totals, wrong_choices, small_blocks=frozenset()
) -> list[QuestionStats]:
    texts = {q["id"]: q["question"] for q in current}
    true_false = {q["id"] for q in current if q.get("type") == "true_false"}
    option_texts = {o["id"]: o["text"] for q in current for o in q["options"]}
    correct_ids = {q["id"]: {o["id"] for o in q["options"] if o["correct"]} for q in current}
    answered_ids = {question_id for (mid, question_id) in totals if mid == module_id}
    order = [q["id"] for q in current] + sorted(answered_ids - set(texts))

    stats = []
    for question_id in order:
        key = (module_id, question_id)
        row = totals.get(key, {"answered": 0, "correct": 0, "people": 0})
        counter = Counter(
            {
                option_id: count
                for option_id, count in wrong_choices.get(key, Counter()).items()
                if option_id not in correct_ids.get(question_id, set())
            }
        )
        # Too few answers would let a reader infer what a named colleague chose.
        too_few = row["people"] < settings.ANONYMITY_MIN_GROUP or key in small_blocks
        # Ties go to the option written first, so the answer does not depend on the order the
        # database returns rows in (details and tallies come back in different orders).
        position = {option_id: index for index, option_id in enumerate(option_texts)}
        ranked = sorted(
            counter.items(),
            key=lambda item: (-item[1], position.get(item[0], len(position)), item[0]),
        )
        top = [] if too_few else ranked[:1]
        stats.append(
            QuestionStats(
                question_id=question_id,
                text=texts.get(question_id, _("(borttagen fråga)")),
                answered=row["answered"],
                correct=row["correct"],
                most_chosen_wrong=option_texts.get(top[0][0], "–") if top else None,
                most_chosen_wrong_count=top[0][1] if top else 0,
                wrong_is_label=question_id in true_false,
                people=row["people"],
                too_few=too_few,
            )
        )
    return stats
