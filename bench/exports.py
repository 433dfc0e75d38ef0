"""Benchmark: HR's follow-up exports (Personer, the whole organisation) at 2,000 and 20,000 people.

For each size (`generate_dataset`), times the CSV and XLSX export of *Personer* in-process on
PostgreSQL: the time to the first byte (what holds the browser, and the web worker before it
streams) and to the last, median over BENCH_REQUESTS after a warm-up, with the size and the
SQL queries. Both are timed inline (EXPORT_INLINE_MAX_ROWS raised for the measurement), and the
XLSX also as the worker builds it above that limit: the request that queues it, and the task.
Prints one JSON object per size.

Uses its own database (BENCH_EXPORTS_DATABASE_URL, default .../vaksam_bench_exports), created
afresh on every run.
"""

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_EXPORTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_exports"
)
SIZES = [int(n) for n in os.environ.get("BENCH_EXPORTS_SIZES", "2000,20000").split(",")]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "5"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database  # noqa: E402


def timed_export(client, path: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once():
        start = time.perf_counter()
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        chunks = iter(response.streaming_content if response.streaming else [response.content])
        first = next(chunks)
        first_byte = time.perf_counter() - start
        size = len(first) + sum(len(chunk) for chunk in chunks)
        return first_byte * 1000, (time.perf_counter() - start) * 1000, size

    once()  # warm-up
    runs = [once() for _ in range(REQUESTS)]
    with CaptureQueriesContext(connection) as captured:
        once()
    return {
        "first_byte_median_ms": round(statistics.median(r[0] for r in runs), 1),
        "total_median_ms": round(statistics.median(r[1] for r in runs), 1),
        "bytes": runs[0][2],
        "queries": len(captured),
    }


def timed_background(client, user, path: str) -> dict:
    """The request that queues the export (what the web worker now spends), and the task."""
    from django.test import override_settings

    from reports.models import PeopleExport
    from reports.tasks import build_people_export

    PeopleExport.objects.all().delete()
    with override_settings(EXPORT_INLINE_MAX_ROWS=0, TASKS=_NO_WORKER):
        start = time.perf_counter()
        response = client.get(path)
        request_ms = (time.perf_counter() - start) * 1000
    if response.status_code != 302:
        raise SystemExit(f"{path} answered {response.status_code}, not a redirect")
    export = PeopleExport.objects.get(requested_by=user)
    start = time.perf_counter()
    build_people_export.call(export.pk)
    task_ms = (time.perf_counter() - start) * 1000
    export.refresh_from_db()
    return {
        "request_ms": round(request_ms, 1),
        "task_ms": round(task_ms, 1),
        "rows": export.rows,
        "state": export.state,
    }


# The bench runs the task itself, timed; the queued one must not run inside the request.
_NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def main() -> None:
    fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from people.groups import HR, ensure_groups
    from people.models import Employee

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-hr")
    user.groups.add(ensure_groups()[HR])
    client = Client()
    client.force_login(user)
    for size in SIZES:
        call_command("generate_dataset", employees=size, seed=1, reset=True, stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        with override_settings(EXPORT_INLINE_MAX_ROWS=10**9):
            csv_inline = timed_export(client, "/uppfoljning/personer/export.csv")
            xlsx_inline = timed_export(client, "/uppfoljning/personer/export.xlsx")
        result = {
            "benchmark": "exports",
            "employees": Employee.objects.count(),
            "people_csv": csv_inline,
            "people_xlsx": xlsx_inline,
            "people_xlsx_worker": timed_background(
                client, user, "/uppfoljning/personer/export.xlsx"
            ),
        }
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
