"""Quiz answers kept as counts once retention removes them, so old Frågor figures never change.

Answers are folded a whole tertial at a time (the periods anonymous statistics snap to, see
`reports.queries.anonymous_period`): a tertial is then either wholly counted or wholly in
detail, which is what lets the anonymity minimum be checked on archived tertials exactly.
"""

from collections import Counter
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Count, ExpressionWrapper, IntegerField
from django.db.models.functions import ExtractMonth, ExtractYear, Floor, TruncMonth
from django.utils import timezone

from people.roles import role_sets
from quizzes.models import QuestionTally, QuizAnswer


def tertial_start(day: date) -> date:
    """The first day of the tertial (Jan–Apr, May–Aug, Sep–Dec) the day lies in."""
    return date(day.year, 1 + 4 * ((day.month - 1) // 4), 1)


def tertial_number(day: date) -> int:
    """Year and tertial as one number: 2026 → 20260, 20261, 20262."""
    return day.year * 10 + (day.month - 1) // 4


def tertial_of(field: str):
    """`tertial_number` in SQL, of a date or timestamp field (in the site's time zone).

    Floored, as PostgreSQL's EXTRACT gives numeric, whose division keeps the fraction.
    """
    return ExpressionWrapper(
        ExtractYear(field) * 10 + Floor((ExtractMonth(field) - 1) / 4),
        output_field=IntegerField(),
    )


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def answers_before(day: date):
    """The answers of attempts handed in before the day began (site time)."""
    moment = datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
    return QuizAnswer.objects.filter(attempt__submitted_at__lt=moment)


@transaction.atomic
def fold_answers(*, before: date) -> int:
    """Count the answers handed in before `before` into `QuestionTally` rows, then delete them.

    `before` must start a tertial. Returns the number of answers removed. A fixed number of
    queries (plus one per 2,000 rows written), whatever the number of answers; running it again
    finds nothing left to fold.
    """
    if before != tertial_start(before):
        raise ValueError("Answers are folded a whole tertial at a time.")
    answers = answers_before(before)
    roles = role_sets(answers.values("attempt__employee_id"))
    rows = (
        answers.annotate(month=TruncMonth("attempt__submitted_at"))
        .values(
            "attempt__module_id",
            "question_id",
            "month",
            "attempt__org_unit_id",
            "attempt__employee_id",
            "correct",
            "selected",
        )
        .annotate(count=Count("id"))
        .order_by()
    )
    counts: Counter = Counter()
    # Each person is counted once per question and tertial, on the last of their rows in it:
    # then a tertial's rows add up to at most its number of different people, never more.
    counted_on: dict[tuple, tuple] = {}
    for row in rows.iterator(chunk_size=5000):
        month = _as_date(row["month"])
        employee_id = row["attempt__employee_id"]
        cell = (
            row["attempt__module_id"],
            row["question_id"],
            month,
            row["attempt__org_unit_id"],
            roles.get(employee_id, ""),
            row["correct"],
            tuple(row["selected"] or ()),
        )
        counts[cell] += row["count"]
        person = (cell[0], cell[1], tertial_number(month), employee_id)
        if person not in counted_on or _order(cell) > _order(counted_on[person]):
            counted_on[person] = cell
    people = Counter(counted_on.values())
    QuestionTally.objects.bulk_create(
        (
            QuestionTally(
                module_id=module_id,
                question_id=question_id,
                month=month,
                org_unit_id=unit_id,
                role_ids=role_ids,
                correct=correct,
                selected=list(selected),
                answers=count,
                people=people[cell],
            )
            for cell, count in counts.items()
            for module_id, question_id, month, unit_id, role_ids, correct, selected in [cell]
        ),
        batch_size=2000,
    )
    removed, _ = answers.delete()
    return removed


def _order(cell: tuple) -> tuple:
    # A total order over cells (a unit may be None), so the choice does not depend on the scan.
    module_id, question_id, month, unit_id, role_ids, correct, selected = cell
    return (month, unit_id or 0, correct, selected)
