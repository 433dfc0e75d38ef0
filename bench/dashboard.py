"""Benchmark: the follow-up dashboards on PostgreSQL with 1,000, 10,000 and 50,000 employees.

For each size, builds the synthetic organisation (`generate_dataset`, three years of history),
then times HR's *Översikt* (whole organisation) and *Personer* (first page) in-process: server
time from request to response, median and p95 over REQUESTS requests after a warm-up, the
number of SQL queries, and the single grouped SQL query behind *Översikt* run on its own.
Prints one JSON object per size.

Uses its own database (BENCH_DASHBOARD_DATABASE_URL, default .../vaksam_bench_dashboard), created
afresh on every run, never the dev or test data.
"""

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_DASHBOARD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_dashboard"
)
SIZES = [int(n) for n in os.environ.get("BENCH_DASHBOARD_SIZES", "1000,10000,50000").split(",")]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
OTHER_VIEWS = {
    "utveckling": "/uppfoljning/utveckling/",
    "kurstillfallen": "/uppfoljning/kurstillfallen/",
    "fragor": "/uppfoljning/fragor/",
}

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database, percentile  # noqa: E402


def check(response) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{response.request['PATH_INFO']} answered {response.status_code}")


def timed(client, path: str, requests: int = REQUESTS) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: caches, connection, PostgreSQL's buffers
        check(client.get(path))
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        check(response)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": len(captured),
    }


def raw_aggregate_ms() -> float:
    """The grouped count behind Översikt for the whole organisation, run alone as SQL."""
    from django.db import connection

    from people.models import OrgUnit
    from reports.filters import FollowUpFilterSet
    from reports.queries import status_cube
    from reports.scope import Scope

    scope = Scope(roots=tuple(OrgUnit.get_root_nodes()), whole_organisation=True)
    criteria = FollowUpFilterSet(None, scope=scope).criteria()
    sql, params = status_cube(scope, criteria).query.sql_with_params()
    times = []
    with connection.cursor() as cursor:
        for _ in range(REQUESTS + 3):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times[3:]), 1)


def main() -> None:
    fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from courses.models import ComplianceStatus
    from people.groups import HR, ensure_groups

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-hr")
    user.groups.add(ensure_groups()[HR])
    client = Client()
    client.force_login(user)

    for size in SIZES:
        start = time.perf_counter()
        call_command("generate_dataset", employees=size, seed=1, reset=True, stdout=io.StringIO())
        generated = time.perf_counter() - start
        with connection.cursor() as cursor:
            # What autovacuum does in production after a bulk load: fresh statistics, and a
            # visibility map so the covering indexes are read without the table.
            cursor.execute("VACUUM ANALYZE")
        result = {
            "benchmark": "dashboard",
            "employees": size,
            "status_rows": ComplianceStatus.objects.count(),
            "generate_s": round(generated, 1),
            "overview": timed(client, "/uppfoljning/"),
            "people_first_page": timed(client, "/uppfoljning/personer/"),
            "overview_sql_ms": raw_aggregate_ms(),
            # The other views, fewer requests each: reported, not held to the target.
            "other_views_median_ms": {
                name: timed(client, path, requests=5)["median_ms"]
                for name, path in OTHER_VIEWS.items()
            },
        }
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
