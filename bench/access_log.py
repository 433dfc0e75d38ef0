"""Benchmark: writing who-saw-whom records for exports of many people, on PostgreSQL. Prints JSON.

BENCH_ACCESS_PEOPLE employees (default 50,000) exist; `record_access` records an export of all
of them, of 5,000 and of one page (50), several times each. Reports the median time, the number
of SQL statements and INSERTs per call (constant but for one INSERT per 10,000 people), and how
long the Loggar page's question "who saw this person" takes once the log holds a million rows.

Uses its own database (BENCH_ACCESS_DATABASE_URL, default .../vaksam_bench_access), made anew.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_ACCESS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_access"
)
PEOPLE = int(os.environ.get("BENCH_ACCESS_PEOPLE", "50000"))
RUNS = 5

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database  # noqa: E402


def main() -> None:
    fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from people.access_log import Kind, Purpose, record_access
    from people.models import Employee, OrgUnit, PersonalDataAccess

    call_command("migrate", verbosity=0)
    User = get_user_model()
    unit = OrgUnit.add_root(code="k", name="Kommunen", kind=OrgUnit.Kind.KOMMUN)
    User.objects.bulk_create(
        User(username=f"u{i}", first_name=f"Förnamn{i}", last_name="Efternamn")
        for i in range(PEOPLE + 1)
    )
    users = dict(User.objects.values_list("username", "pk"))
    Employee.objects.bulk_create(
        Employee(user_id=users[f"u{i}"], employee_number=f"X{i:06d}", org_unit=unit)
        for i in range(PEOPLE + 1)
    )
    viewer = User.objects.get(username=f"u{PEOPLE}")
    ids = list(Employee.objects.exclude(user=viewer).values_list("pk", flat=True))
    request = RequestFactory().get("/uppfoljning/personer/export.xlsx")
    request.user = viewer

    results = {}
    for count in (50, 5_000, PEOPLE):
        timings, statements, inserts = [], [], []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                record_access(
                    request,
                    action="reports.people.export",
                    description="Uppföljning: Personer (XLSX)",
                    purpose=Purpose.FOLLOW_UP,
                    kind=Kind.EXPORT,
                    employees=ids[:count],
                )
                timings.append((time.perf_counter() - start) * 1000)
            statements.append(len(queries))
            inserts.append(sum(q["sql"].startswith("INSERT") for q in queries))
        results[str(count)] = {
            "median_ms": round(statistics.median(timings), 1),
            "statements": max(statements),
            "inserts": max(inserts),
        }

    # "Who saw this person", newest first, one page: what the Loggar page asks.
    rows = PersonalDataAccess.objects.values_list("people_count", flat=True)
    someone = Employee.objects.get(pk=ids[10])
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        list(PersonalDataAccess.objects.about(someone)[:50])
        PersonalDataAccess.objects.about(someone).count()
        timings.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "benchmark": "access_log",
                "people": PEOPLE,
                "record_access": results,
                "log_rows": sum(rows),
                "who_saw_one_person_median_ms": round(statistics.median(timings), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
