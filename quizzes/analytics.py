"""Question analytics: which questions learners get wrong, and which wrong answer they choose."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from courses.models import ModulePage
from quizzes.models import QuizAnswer


@dataclass
class QuestionStats:
    question_id: str
    text: str
    answered: int
    correct: int
    most_chosen_wrong: str | None
    most_chosen_wrong_count: int

    too_few: bool = False

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.answered if self.answered and not self.too_few else None


def question_stats(module: ModulePage) -> list[QuestionStats]:
    """Per question of the module's quiz, in authoring order; removed questions come last."""
    quiz = module.quiz.first()
    current = quiz.question_snapshots() if quiz else []
    answers = QuizAnswer.objects.filter(attempt__module=module)
    totals = {
        row["question_id"]: row
        for row in answers.values("question_id").annotate(
            answered=Count("id"), correct=Count("id", filter=Q(correct=True))
        )
    }
    # Wrong choices are counted per option in Python: option ids live in a JSON list.
    wrong_choices: dict[str, Counter] = {}
    for question_id, selected in answers.filter(correct=False).values_list(
        "question_id", "selected"
    ):
        wrong_choices.setdefault(question_id, Counter()).update(selected)

    texts = {q["id"]: q["question"] for q in current}
    option_texts = {o["id"]: o["text"] for q in current for o in q["options"]}
    correct_ids = {q["id"]: {o["id"] for o in q["options"] if o["correct"]} for q in current}
    order = [q["id"] for q in current] + sorted(set(totals) - set(texts))

    stats = []
    for question_id in order:
        row = totals.get(question_id, {"answered": 0, "correct": 0})
        counter = Counter(
            {
                option_id: count
                for option_id, count in wrong_choices.get(question_id, Counter()).items()
                if option_id not in correct_ids.get(question_id, set())
            }
        )
        top = counter.most_common(1)
        # Too few answers would let a coordinator infer what a named colleague chose.
        too_few = row["answered"] < settings.ANONYMITY_MIN_GROUP
        if too_few:
            top = []
        stats.append(
            QuestionStats(
                question_id=question_id,
                text=texts.get(question_id, "(borttagen fråga)"),
                answered=row["answered"],
                correct=row["correct"],
                most_chosen_wrong=option_texts.get(top[0][0], "–") if top else None,
                most_chosen_wrong_count=top[0][1] if top else 0,
                too_few=too_few,
            )
        )
    return stats
