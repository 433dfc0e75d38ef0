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

from courses.dates import add_months
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


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def answers_before(day: date):
    """The answers of attempts handed in before the day began (site time)."""
    return QuizAnswer.objects.filter(attempt__submitted_at__lt=_start_of(day))


def fold_answers(*, before: date) -> int:
    """Count the answers handed in before `before` into `QuestionTally` rows, then delete them.

    `before` must start a tertial. Returns the number of answers removed. Each tertial is
    folded in its own transaction, so a long backlog (the first run folds years) is never one
    huge transaction, and memory stays small: see `_fold_tertial`. A fixed number of queries
    per tertial folded (plus one per 2,000 rows written); running it again finds nothing left.
    """
    if before != tertial_start(before):
        raise ValueError("Answers are folded a whole tertial at a time.")
    tertials = (
        answers_before(before)
        .annotate(tertial=tertial_of("attempt__submitted_at"))
        .values_list("tertial", flat=True)
        .distinct()
        .order_by("tertial")
    )
    removed = 0
    for number in list(tertials):
        start = date(number // 10, 1 + 4 * (number % 10), 1)
        with transaction.atomic():
            removed += _fold_tertial(start)
    return removed


def _fold_tertial(start: date) -> int:
    """Fold one tertial's answers, holding one question's tallies and one person's rows at most.

    The answers are grouped in SQL and read in streamed chunks ordered by question and person,
    so a person's rows come together (they are counted on one of them) and a question's tallies
    are complete, and written, once the next question begins.
    """
    answers = answers_before(add_months(start, 4)).filter(
        attempt__submitted_at__gte=_start_of(start)
    )
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
        .order_by("attempt__module_id", "question_id", "attempt__employee_id")
    )
    pending: list[QuestionTally] = []
    counts: Counter = Counter()  # answers per cell, of the current question
    people: Counter = Counter()  # people per cell, of the current question
    question = person = counted_on = None
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
        # Each person is counted once per question and tertial, on the last of their rows in
        # it: then a tertial's rows add up to at most its number of different people.
        if (cell[0], cell[1], employee_id) != person:
            if counted_on is not None:
                people[counted_on] += 1
            person, counted_on = (cell[0], cell[1], employee_id), cell
        elif _order(cell) > _order(counted_on):
            counted_on = cell
        if cell[:2] != question:
            _flush(counts, people, pending)
            question = cell[:2]
        counts[cell] += row["count"]
    if counted_on is not None:
        people[counted_on] += 1
    _flush(counts, people, pending, final=True)
    removed, _ = answers.delete()
    return removed


def _flush(counts: Counter, people: Counter, pending: list, final: bool = False) -> None:
    """Turn a finished question's counts into tallies, written 2,000 at a time."""
    for cell, count in counts.items():
        module_id, question_id, month, unit_id, role_ids, correct, selected = cell
        pending.append(
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
        )
    counts.clear()
    people.clear()
    if len(pending) >= 2000 or (final and pending):
        QuestionTally.objects.bulk_create(pending, batch_size=2000)
        pending.clear()


def _order(cell: tuple) -> tuple:
    # A total order over cells (a unit may be None), so the choice does not depend on the scan.
    module_id, question_id, month, unit_id, role_ids, correct, selected = cell
    return (month, unit_id or 0, correct, selected)
