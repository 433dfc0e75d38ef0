"""Benchmark: import a generated 50,000-employee register into PostgreSQL, then again unchanged,
and rebuild every compliance status. Prints JSON.

Uses its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/vaksam_bench),
created and migrated on first use, so it never touches the development or test data.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench")
EMPLOYEES = int(os.environ.get("BENCH_EMPLOYEES", "50000"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")


def ensure_database() -> None:
    import psycopg

    name = BENCH_URL.rsplit("/", 1)[1]
    admin_url = BENCH_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def register(rng: random.Random) -> tuple[bytes, bytes]:
    """About 600 units in four levels, and EMPLOYEES people spread over the enheter."""
    units = ["kod;namn;typ;överordnad kod", "k;Kommunen;kommun;"]
    enheter = []
    for n in range(8):
        units.append(f"n{n};Nämnd {n};nämnd;k")
        for a in range(8):
            units.append(f"n{n}a{a};Avdelning {n}.{a};avdelning;n{n}")
            for e in range(9):
                code = f"n{n}a{a}e{e}"
                units.append(f"{code};Enhet {n}.{a}.{e};enhet;n{n}a{a}")
                enheter.append(code)
    rows = ["anställningsnummer;förnamn;efternamn;e-post;enhetskod;roller;chef för;"
            "anställningsdatum;slutdatum"]  # fmt: skip
    roles = ["medarbetare", "medarbetare,handlaggare", "medarbetare,chef,rekryterande-chef"]
    for number in range(EMPLOYEES):
        unit = enheter[number % len(enheter)]
        role = roles[0 if number % 10 else (2 if number % 100 == 0 else 1)]
        manages = unit if "chef" in role else ""
        start = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append(
            f"B{number:06d};Förnamn{number};Efternamn{number};b{number}@bench.example;{unit};"
            f"{role};{manages};{start};"
        )
    return "\n".join(rows).encode(), "\n".join(units).encode()


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--allow-demo-logins", verbosity=0)

    from courses.compliance import recompute_compliance
    from courses.models import AssignmentRule, CoursePage
    from people.importing import apply_plan, plan_import
    from people.tabular import read_table

    # An empty register for the first run: remove earlier benchmark people only.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM courses_compliancestatus")
        cursor.execute(
            "DELETE FROM people_employee_roles WHERE employee_id IN "
            "(SELECT id FROM people_employee WHERE employee_number LIKE 'B%%')"
        )
        cursor.execute(
            "DELETE FROM people_employee_manages WHERE employee_id IN "
            "(SELECT id FROM people_employee WHERE employee_number LIKE 'B%%')"
        )
        cursor.execute("DELETE FROM people_employee WHERE employee_number LIKE 'B%%'")
        cursor.execute("DELETE FROM auth_user WHERE username LIKE 'B%%'")

    employees, units = register(random.Random(1))

    def run() -> tuple[float, object]:
        start = time.perf_counter()
        plan = plan_import(
            read_table("personal.csv", employees), read_table("enheter.csv", units), full=False
        )
        result = apply_plan(plan)
        return time.perf_counter() - start, result

    first_seconds, first = run()
    again_seconds, again = run()

    course = CoursePage.objects.live().first()
    AssignmentRule.objects.get_or_create(name="Bench: alla", course=course)
    start = time.perf_counter()
    rows = recompute_compliance()
    recompute_seconds = time.perf_counter() - start

    print(
        json.dumps(
            {
                "benchmark": "personnel_import",
                "database": connection.vendor,
                "employees": EMPLOYEES,
                "first_import_s": round(first_seconds, 2),
                "first_rows_per_s": round(EMPLOYEES / first_seconds),
                "first_created": first.created,
                "unchanged_import_s": round(again_seconds, 2),
                "unchanged_rows_per_s": round(EMPLOYEES / again_seconds),
                "unchanged_reported": again.unchanged,
                "recompute_compliance_s": round(recompute_seconds, 2),
                "compliance_rows": rows,
                "target": {"first_import_s": 30, "unchanged_import_s": 15},
            }
        )
    )


if __name__ == "__main__":
    main()
