"""Benchmark: SCIM provisioning as Entra ID does it, on PostgreSQL. Prints JSON.

An organisation of BENCH_SCIM_EXISTING people (from the personnel import) is already there; then,
through /scim/v2/ in-process, Entra's first sync of BENCH_SCIM_USERS new people (a filter query
by userName, then a POST), a PATCH of each (new title and unit), and a DELETE of a tenth. Each
request recomputes compliance for the person, as every change does. Reports the median and p95
per request, the query count of the first and the last request of each kind (the same when the
cost does not grow with the data), and the hours a 45,000-person first sync would take.

Uses its own database (BENCH_SCIM_DATABASE_URL, default .../vaksam_bench_scim), made anew each run.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_SCIM_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_scim"
)
EXISTING = int(os.environ.get("BENCH_SCIM_EXISTING", "10000"))
USERS = int(os.environ.get("BENCH_SCIM_USERS", "300"))
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database, percentile  # noqa: E402


def organisation(units: list[str]) -> tuple[bytes, bytes]:
    """Units in three levels, and EXISTING people spread over the enheter, as import files."""
    unit_rows = ["kod;namn;typ;överordnad kod", "k;Kommunen;kommun;"]
    for n in range(8):
        unit_rows.append(f"n{n};Nämnd {n};nämnd;k")
        for e in range(9):
            units.append(f"n{n}e{e}")
            unit_rows.append(f"n{n}e{e};Enhet {n}.{e};enhet;n{n}")
    people = ["anställningsnummer;förnamn;efternamn;e-post;enhetskod;roller"]
    people += [
        f"X{i:06d};Förnamn{i};Efternamn{i};x{i}@bench.example;{units[i % len(units)]};medarbetare"
        for i in range(EXISTING)
    ]
    return "\n".join(people).encode(), "\n".join(unit_rows).encode()


def user(number: int, unit: str, title: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "userName": f"s{number}@kommun.example",
        "externalId": f"oid-{number}",
        "active": True,
        "name": {"givenName": f"Förnamn{number}", "familyName": f"Efternamn{number}"},
        "emails": [{"value": f"s{number}@kommun.example", "type": "work", "primary": True}],
        "title": title,
        ENTERPRISE: {"employeeNumber": f"S{number:06d}", "department": unit},
    }


def main() -> None:
    fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--allow-demo-logins", verbosity=0)

    from courses.models import AssignmentRule, CoursePage
    from identity.models import ScimToken
    from people.importing import apply_plan, plan_import
    from people.models import Role
    from people.tabular import read_table

    # Titles that name a role, as a directory whose job titles follow the roles would send.
    first_title, second_title = (
        Role.objects.get_or_create(code=code, defaults={"name": name})[0].name
        for code, name in (
            ("handlaggare", "Handläggare"),
            ("socialsekreterare", "Socialsekreterare"),
        )
    )
    units: list[str] = []
    people, unit_file = organisation(units)
    apply_plan(plan_import(read_table("p.csv", people), read_table("e.csv", unit_file)))
    # Every person has the course, so every SCIM change recomputes a real status.
    AssignmentRule.objects.get_or_create(
        name="Bench: alla", course=CoursePage.objects.live().first()
    )
    call_command("recompute_compliance", verbosity=0)

    _record, token = ScimToken.issue("bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    timings: dict[str, list[float]] = {}
    queries: dict[str, list[int]] = {}

    def call(kind: str, method: str, path: str, body=None, expect=(200, 201, 204)):
        data = json.dumps(body) if body is not None else ""
        reset_queries()  # the query log keeps 9,000 entries; counting needs room
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.generic(
                method, f"/scim/v2/{path}", data, content_type="application/scim+json"
            )
            timings.setdefault(kind, []).append(time.perf_counter() - start)
        queries.setdefault(kind, []).append(len(captured))
        if response.status_code not in expect:
            raise SystemExit(f"{method} {path}: {response.status_code} {response.content[:300]}")
        return json.loads(response.content) if response.content else None

    ids = []
    for number in range(USERS):
        # Entra ID asks whether the person exists before it creates them.
        call("filter", "GET", f'Users?filter=userName eq "s{number}@kommun.example"')
        ids.append(
            call("create", "POST", "Users", user(number, units[number % len(units)], first_title))[
                "id"
            ]
        )
    for number, scim_id in enumerate(ids):
        operations = [
            {"op": "Replace", "path": "title", "value": second_title},
            {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": units[-1 - number % 9]},
        ]
        call(
            "patch", "PATCH", f"Users/{scim_id}", {"schemas": [PATCH_OP], "Operations": operations}
        )
    for scim_id in ids[: max(1, USERS // 10)]:
        call("delete", "DELETE", f"Users/{scim_id}")

    per_kind = {
        kind: {
            "requests": len(values),
            "median_ms": round(1000 * statistics.median(values), 1),
            "p95_ms": round(1000 * percentile(values, 0.95), 1),
            "queries_first": queries[kind][0],
            "queries_last": queries[kind][-1],
        }
        for kind, values in timings.items()
    }
    first_sync_ms = per_kind["filter"]["median_ms"] + per_kind["create"]["median_ms"]
    print(
        json.dumps(
            {
                "benchmark": "scim_provisioning",
                "database": connection.vendor,
                "existing_employees": EXISTING,
                **per_kind,
                "first_sync_of_45000_h": round(45_000 * first_sync_ms / 1000 / 3600, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
