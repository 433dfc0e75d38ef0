"""Benchmark: what one /readyz costs (it is polled every few seconds by every probe).

In-process on PostgreSQL with the local-memory cache (as the tests) and the filesystem private
store: median and p95 of BENCH_REQUESTS calls after the first (which loads the migration graph
once per process), the first call alone, and the SQL queries per call. /healthz beside it as
the floor. Prints one JSON object. Own database: BENCH_HEALTH_DATABASE_URL.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_HEALTH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_health"
)
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database, percentile  # noqa: E402


def main() -> None:
    fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jobs.recovery import record_heartbeat

    call_command("migrate", verbosity=0)
    record_heartbeat("bench-worker", starting=True)
    client = Client()

    def timings(path):
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}: {response.content}")
        return {
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 0.95), 2),
        }

    start = time.perf_counter()
    client.get("/readyz")
    first = (time.perf_counter() - start) * 1000
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/readyz")
    if response.status_code != 200:
        raise SystemExit(f"/readyz answered {response.status_code}: {response.content}")
    # Counted now: the captured list is a slice of the connection's query log, read when asked,
    # and the next request empties that log (request_started), which made it print 0.
    readyz_queries = len(captured)
    if not readyz_queries:
        raise SystemExit("/readyz made no query: the count is wrong (it checks the database)")
    print(
        json.dumps(
            {
                "benchmark": "health",
                "readyz_first_call_ms": round(first, 1),
                "readyz": timings("/readyz"),
                "readyz_queries": readyz_queries,
                "healthz": timings("/healthz"),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
