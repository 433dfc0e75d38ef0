"""Benchmark: the daily retention job on PostgreSQL with 5,000 and 50,000 employees.

For each size, builds the synthetic organisation (`generate_dataset`, three years of history
ending today) and runs the job as if it were a year later (`--day`), so every kind of record
has something to thin: attempts, answers, progress, bookings and attendance past their period.
Prints, per size: what was removed, the job's time and number of SQL queries, and as the floor
the dry run (the same selections, only counted), and its peak memory: what Python allocated at
most during the job (tracemalloc, which also slows the timed run somewhat) and the process's
high-water mark (maxrss, which includes building the dataset). It also checks the point of the
tallies: the follow-up figures of a period partly thinned (Utveckling, Kurstillfällen, Frågor,
for HR and for one nämnd) are the same before and after the job, and says so in the output.

Uses its own database (BENCH_RETENTION_DATABASE_URL, default .../vaksam_bench_retention),
created afresh on every run, never the dev or test data.
"""

import io
import json
import os
import resource
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_RETENTION_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_retention"
)
SIZES = [int(n) for n in os.environ.get("BENCH_RETENTION_SIZES", "5000,50000").split(",")]
# How far after the dataset's last day the job runs.
DAYS_LATER = int(os.environ.get("BENCH_RETENTION_DAYS_LATER", "400"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database  # noqa: E402


def figures(scope, criteria) -> dict:
    """The follow-up figures that read thinned details, as plain values to compare."""
    from dataclasses import astuple

    from reports import queries

    sessions = list(queries.sessions(criteria))
    return {
        "trend": [astuple(month) for month in queries.trend(scope, criteria)],
        "sessions": [
            (row.session.pk, row.booked, row.present, row.absent, row.excused, row.no_shows)
            for row in queries.session_rows(scope, criteria, sessions)
        ],
        "summary": astuple(queries.session_summary(scope, criteria)),
        # What the page and export show of each question. (`people` is not shown: over several
        # tertials it is a lower bound once some are counted, see quizzes.analytics.)
        "questions": [
            (
                module.module.pk,
                question.question_id,
                question.answered,
                question.correct,
                question.too_few,
                question.most_chosen_wrong,
                question.most_chosen_wrong_count,
            )
            for module in queries.questions(scope, criteria)
            for question in module.questions
        ],
    }


def views() -> dict:
    """HR's whole organisation and one nämnd, over a period the job partly thins."""
    from django.utils import timezone

    from courses.dates import add_months
    from people.models import OrgUnit
    from reports.filters import Criteria
    from reports.scope import Scope

    # From 26 to 10 months before the dataset's last day: thinned sessions and attendance
    # (older than 36 months on the job's day), folded answers (the tertial before the attempts'
    # 24 months) and details still kept, side by side.
    month = timezone.localdate().replace(day=1)
    start, end = add_months(month, -26), add_months(month, -10) - timedelta(days=1)
    criteria = Criteria(unit=None, role=None, course=None, start=start, end=end, status=None)
    roots = tuple(OrgUnit.get_root_nodes())
    nämnd = OrgUnit.objects.filter(depth=2).order_by("path").first()
    return {
        "hr": figures(Scope(roots=roots, whole_organisation=True), criteria),
        "nämnd": figures(Scope(roots=(nämnd,)), criteria),
    }


def main() -> None:
    fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from privacy.retention import apply_retention
    from quizzes.models import QuestionTally
    from sessions.models import SessionTally

    call_command("migrate", verbosity=0)
    day = timezone.localdate() + timedelta(days=DAYS_LATER)
    for size in SIZES:
        call_command("generate_dataset", employees=size, seed=1, reset=True, stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        before = views()

        start = time.perf_counter()
        dry = apply_retention(day, dry_run=True)
        dry_s = time.perf_counter() - start

        tracemalloc.start()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            run = apply_retention(day)
            run_s = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # Kilobytes on Linux.
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        after = views()
        again_start = time.perf_counter()
        again = apply_retention(day)
        again_s = time.perf_counter() - again_start
        print(
            json.dumps(
                {
                    "benchmark": "retention",
                    "employees": size,
                    "day": day.isoformat(),
                    "removed": run.removed,
                    "dry_run_matches": dry.removed == run.removed,
                    "run_s": round(run_s, 2),
                    "queries": len(captured),
                    "peak_traced_mb": round(peak / 2**20, 1),
                    "maxrss_mb": round(maxrss / 2**10, 1),
                    "floor_dry_run_s": round(dry_s, 2),
                    "second_run_s": round(again_s, 2),
                    "second_run_removed": sum(again.removed.values()),
                    "tallies": {
                        "question": QuestionTally.objects.count(),
                        "session": SessionTally.objects.count(),
                    },
                    "figures_unchanged": before == after,
                }
            ),
            flush=True,
        )
        if before != after:
            for who in before:
                for name, rows in before[who].items():
                    later = after[who][name]
                    if rows != later:
                        pairs = zip(rows, later, strict=False)
                        changed = [pair for pair in pairs if pair[0] != pair[1]]
                        print(who, name, changed[:5] or (len(rows), len(later)))
            raise SystemExit("The follow-up figures changed when the details were thinned.")


if __name__ == "__main__":
    main()
