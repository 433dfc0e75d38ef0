"""Benchmark: the CPU one request of the learner journey costs, in the app and in PostgreSQL.

Builds the demo site plus a synthetic organisation (`generate_dataset`, BENCH_REQUEST_EMPLOYEES
employees, default 3,000, three years of history) on PostgreSQL, then walks the learner journey
through Django's test client as one generated employee with a long history: home, Mina kurser,
a course page, a module page, quiz start, quiz page, quiz submit, result, Mina intyg, a
certificate PDF, Kurstillfällen, a booking; and, as HR, the follow-up pages.

Settings are production-like where it matters for CPU: DEBUG off (cached template loader, no
debug tooling), sessions in the cache with the database behind (`cached_db`, as production
with Redis). The journey runs BENCH_REQUEST_ROUNDS times (default 20) after two warm-up rounds.

Per page it prints, averaged over the rounds:
- `app_cpu_ms`: CPU time of this process (Django, the test client, psycopg) per request;
- `pg_cpu_ms`: CPU time of the PostgreSQL backend serving this connection, read from
  /proc/<pid>/schedstat (same machine; null where unreadable);
- `wall_ms`, and `queries`: the SQL statements of one request of the page.
and the totals over the learner journey. One connection serves every request (as with
persistent connections), so connection set-up is not counted.

Uses its own database (BENCH_REQUEST_DATABASE_URL, default .../vaksam_bench_request), created
afresh on every run, never the dev or test data.
"""

import io
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_REQUEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vaksam_bench_request"
)
EMPLOYEES = int(os.environ.get("BENCH_REQUEST_EMPLOYEES", "3000"))
ROUNDS = int(os.environ.get("BENCH_REQUEST_ROUNDS", "20"))
WARM_UP = 2
# BENCH_REQUEST_PROFILE: page names (comma-separated), or "all", to print the top of their
# cProfile (stderr) instead of timing them.
PROFILE = set(filter(None, os.environ.get("BENCH_REQUEST_PROFILE", "").split(",")))
# While working on a page: BENCH_REQUEST_REUSE=1 keeps the database of the previous run (the
# numbers then include the attempts and bookings earlier runs added).
# BENCH_REQUEST_SQL=1 prints every page's SQL statements (stderr).
SHOW_SQL = bool(os.environ.get("BENCH_REQUEST_SQL"))
REUSE = bool(os.environ.get("BENCH_REQUEST_REUSE"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = BENCH_URL
os.environ["DEBUG"] = "False"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

from bench.common import fresh_database  # noqa: E402


class PgBackend:
    """CPU nanoseconds the PostgreSQL backend of Django's connection has used so far."""

    def __init__(self):
        from django.db import connection

        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.pid = cursor.fetchone()[0]
        self.path = Path(f"/proc/{self.pid}/schedstat")
        self.readable = self.path.exists() and self._read() is not None

    def _read(self):
        try:
            return int(self.path.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def now(self) -> int:
        return self._read() if self.readable else 0


class Meter:
    """Accumulates CPU, wall time and PostgreSQL CPU per page name."""

    def __init__(self, backend: PgBackend):
        self.backend = backend
        self.recording = False
        self.counting = False
        self.totals = defaultdict(lambda: {"n": 0, "cpu": 0.0, "wall": 0.0, "pg": 0})
        self.queries: dict[str, int] = {}
        self.profiles: dict = {}

    def __call__(self, name: str, request, expect: int = 200):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        if self.counting:
            with CaptureQueriesContext(connection) as captured:
                response = request()
            self.queries[name] = len(captured)
            if SHOW_SQL:
                print(f"--- SQL of {name} ---", file=sys.stderr)
                for query in captured:
                    print(query["sql"][:300], file=sys.stderr)
        elif self.recording and (name in PROFILE or "all" in PROFILE):
            import cProfile

            # CPU time, not wall: the machine is shared, and waiting is not what we look for.
            key = "all" if "all" in PROFILE else name
            profile = self.profiles.setdefault(key, cProfile.Profile(time.process_time))
            response = profile.runcall(request)
        elif self.recording:
            pg, cpu, wall = self.backend.now(), time.process_time(), time.perf_counter()
            response = request()
            total = self.totals[name]
            total["wall"] += time.perf_counter() - wall
            total["cpu"] += time.process_time() - cpu
            total["pg"] += self.backend.now() - pg
            total["n"] += 1
        else:
            response = request()
        if response.status_code != expect:
            raise SystemExit(f"{name} answered {response.status_code}, expected {expect}")
        return response

    def report(self) -> dict:
        pages = {}
        for name, total in self.totals.items():
            n = total["n"]
            pages[name] = {
                "app_cpu_ms": round(total["cpu"] * 1000 / n, 2),
                "pg_cpu_ms": round(total["pg"] / 1e6 / n, 2) if self.backend.readable else None,
                "wall_ms": round(total["wall"] * 1000 / n, 2),
                "queries": self.queries.get(name),
            }
        return pages


def populate() -> None:
    """The demo and a generated organisation."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", allow_demo_logins=True, verbosity=0)
    call_command("generate_dataset", employees=EMPLOYEES, seed=1, stdout=io.StringIO())


def cast():
    """The learner and HR who walk the pages, and what they use."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.utils import timezone

    from certificates.models import Certificate
    from certificates.services import issue_certificate
    from courses.models import CourseCompletion, ModulePage
    from people.models import Employee
    from reports.dataset import SLUG_PREFIX
    from sessions.models import Booking, CourseSession

    # The learner with the longest history among active staff in the most courses.
    learner = (
        Employee.objects.filter(
            user__username__startswith="gen-", is_active=True, end_date__isnull=True
        )
        .annotate(
            completions=Count("course_completions", distinct=True),
            statuses=Count("compliance", distinct=True),
        )
        .order_by("-statuses", "-completions", "pk")
        .first()
    )
    # generate_dataset issues no certificates; the learner has one per course completion.
    for completion in CourseCompletion.objects.filter(employee=learner).filter(
        ~Q(pk__in=Certificate.objects.values("completion_id"))
    ):
        issue_certificate(completion=completion)
    certificate = Certificate.objects.filter(employee=learner).order_by("-issued_at").first()

    module = next(
        module
        for module in ModulePage.objects.live().filter(quiz__isnull=False).order_by("path")
        if module.is_for(learner) and module.get_parent().slug.startswith(SLUG_PREFIX)
    )
    course = module.get_parent().specific
    booked = Booking.objects.filter(employee=learner).exclude(status=Booking.Status.CANCELLED)
    session = next(
        session
        for session in CourseSession.objects.upcoming()
        .with_counts()
        .exclude(pk__in=booked.values("session_id"))
        .order_by("starts_at")
        if session.is_open_for_booking() and session.booked_count < session.capacity
    )
    hr = get_user_model().objects.get(username="hr")
    return {
        "learner": learner,
        "certificate": certificate,
        "module": module,
        "course": course,
        "session": session,
        "hr": hr,
        "today": timezone.localdate().isoformat(),
    }


def correct_answers(attempt) -> dict:
    data = {}
    for question in attempt.questions:
        right = [option["id"] for option in question["options"] if option["correct"]]
        data[f"q_{question['id']}"] = right if len(right) > 1 else right[0]
    return data


def journey(meter: Meter, learner_client, hr_client, world) -> None:
    from quizzes.models import QuizAttempt
    from sessions import booking
    from sessions.models import Booking

    module, course, session = world["module"], world["course"], world["session"]
    c = learner_client
    meter("home", lambda: c.get("/"))
    meter("my_courses", lambda: c.get("/mina-kurser/"))
    meter("course_page", lambda: c.get(course.url))
    meter("module_page", lambda: c.get(module.url))
    started = meter("quiz_start", lambda: c.post(f"/moduler/{module.pk}/kunskapstest/"), expect=302)
    take_url = started["Location"]
    meter("quiz_page", lambda: c.get(take_url))
    public_id = re.search(r"kunskapstest/([0-9a-f-]+)/", take_url).group(1)
    attempt = QuizAttempt.objects.get(public_id=public_id)
    submitted = meter("quiz_submit", lambda: c.post(take_url, correct_answers(attempt)), expect=302)
    meter("quiz_result", lambda: c.get(submitted["Location"]))
    meter("my_certificates", lambda: c.get("/intyg/"))
    code = world["certificate"].display_code
    meter("certificate_pdf", lambda: c.get(f"/intyg/{code}/pdf/"))
    meter("sessions", lambda: c.get("/kurstillfallen/"))
    meter("booking", lambda: c.post(f"/kurstillfallen/{session.pk}/boka/"), expect=302)
    # Undone outside the measurement, so every round books the same free seat.
    booking.cancel(
        booking=Booking.objects.exclude(status=Booking.Status.CANCELLED).get(
            session=session, employee=world["learner"]
        )
    )

    h = hr_client
    meter("hr_overview", lambda: h.get("/uppfoljning/"))
    meter("hr_people", lambda: h.get("/uppfoljning/personer/"))
    meter("hr_trend", lambda: h.get("/uppfoljning/utveckling/"))
    meter("hr_sessions", lambda: h.get("/uppfoljning/kurstillfallen/"))
    meter("hr_questions", lambda: h.get("/uppfoljning/fragor/"))


LEARNER_PAGES = (
    "home",
    "my_courses",
    "course_page",
    "module_page",
    "quiz_start",
    "quiz_page",
    "quiz_submit",
    "quiz_result",
    "my_certificates",
    "certificate_pdf",
    "sessions",
    "booking",
)


def main() -> None:
    if not REUSE:
        fresh_database(BENCH_URL)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings

    started = time.perf_counter()
    if not REUSE:
        populate()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    world = cast()
    built_s = time.perf_counter() - started

    # As production with Redis: the session is read from the cache, written through to the
    # database only when it changes.
    override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db").enable()
    cache.clear()
    learner_client, hr_client = Client(), Client()
    learner_client.force_login(world["learner"].user)
    hr_client.force_login(world["hr"])

    meter = Meter(PgBackend())
    for _ in range(WARM_UP):
        journey(meter, learner_client, hr_client, world)
    meter.recording = True
    for _ in range(ROUNDS):
        journey(meter, learner_client, hr_client, world)
    meter.recording = False
    meter.counting = True
    journey(meter, learner_client, hr_client, world)

    pages = meter.report()
    learner = [pages[name] for name in LEARNER_PAGES if name in pages] or [
        {"app_cpu_ms": 0, "pg_cpu_ms": 0, "queries": 0}
    ]
    summary = {
        "benchmark": "request_cost",
        "employees": EMPLOYEES,
        "rounds": ROUNDS,
        "build_s": round(built_s, 1),
        "reused_database": REUSE,
        "pg_cpu_measured": meter.backend.readable,
        "pages": pages,
        "learner_journey": {
            "app_cpu_ms": round(sum(p["app_cpu_ms"] for p in learner), 1),
            "pg_cpu_ms": round(sum(p["pg_cpu_ms"] or 0 for p in learner), 1),
            "queries": sum(p["queries"] or 0 for p in learner),
            "mean_cpu_ms_per_request": round(
                sum(p["app_cpu_ms"] + (p["pg_cpu_ms"] or 0) for p in learner) / len(learner), 2
            ),
        },
    }
    print(json.dumps(summary), flush=True)
    for name, profile in meter.profiles.items():
        import pstats

        print(f"--- profile of {name} ---", file=sys.stderr)
        stats = pstats.Stats(profile, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(120)
        stats.sort_stats("tottime").print_stats(40)


if __name__ == "__main__":
    main()
