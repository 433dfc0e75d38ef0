"""Bookings and attendance kept as counts once retention removes them (Kurstillfällen,
Utveckling), so the follow-up figures of old sessions never change.

Each person's unit and roles are read when the details are folded: the follow-up counted them
by the same, so the figures are identical before and after; afterwards they stay with the unit
of that time, whoever moves.
"""

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery

from people.roles import role_sets
from sessions.models import Attendance, Booking, SessionTally


def bookings_before(moment: datetime):
    return Booking.objects.filter(session__starts_at__lt=moment)


def attendance_before(moment: datetime):
    return Attendance.objects.filter(session__starts_at__lt=moment)


def fold_bookings(*, before: datetime) -> int:
    """Count the confirmed bookings (and no-shows among them) of sessions that started before
    `before` into `SessionTally` rows, then delete every booking of those sessions.

    Reads the attendance to tell no-shows, so it must run before that attendance is folded.
    Returns the number of bookings removed; a fixed number of queries whatever their number.
    """
    with transaction.atomic():
        bookings = bookings_before(before)
        outcome = Attendance.objects.filter(
            session_id=OuterRef("session_id"), employee_id=OuterRef("employee_id")
        ).values("status")[:1]
        rows = (
            bookings.filter(status=Booking.Status.CONFIRMED)
            .annotate(outcome=Subquery(outcome))
            .values_list("session_id", "employee_id", "employee__org_unit_id", "outcome")
            .order_by()
        )
        roles = role_sets(bookings.values("employee_id"))
        booked, no_shows = Counter(), Counter()
        for session_id, employee_id, unit_id, status in rows.iterator(chunk_size=5000):
            cell = (session_id, unit_id, roles.get(employee_id, ""))
            booked[cell] += 1
            no_shows[cell] += status == Attendance.Status.ABSENT
        _write({cell: {"booked": n, "no_shows": no_shows[cell]} for cell, n in booked.items()})
        removed, _ = bookings.delete()
        return removed


def fold_attendance(*, before: datetime) -> int:
    """Count the attendance at sessions that started before `before` into `SessionTally` rows
    (present, absent, excused), then delete it. Returns the number of rows removed."""
    with transaction.atomic():
        attendance = attendance_before(before)
        rows = attendance.values_list(
            "session_id", "employee_id", "employee__org_unit_id", "status"
        ).order_by()
        roles = role_sets(attendance.values("employee_id"))
        counts: dict[tuple, Counter] = {}
        for session_id, employee_id, unit_id, status in rows.iterator(chunk_size=5000):
            counts.setdefault((session_id, unit_id, roles.get(employee_id, "")), Counter())[
                status
            ] += 1
        _write(counts)
        removed, _ = attendance.delete()
        return removed


def _write(counts: dict) -> None:
    # New rows each time rather than updates: a fold runs once per detail, in the transaction
    # that deletes it, and the follow-up sums the rows.
    SessionTally.objects.bulk_create(
        (
            SessionTally(session_id=session_id, org_unit_id=unit_id, role_ids=role_ids, **figures)
            for (session_id, unit_id, role_ids), figures in counts.items()
        ),
        batch_size=2000,
    )
