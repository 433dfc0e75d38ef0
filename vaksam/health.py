"""`/healthz` (the process answers) and `/readyz` (it can serve: database, cache, private storage,
migrations, a live worker; with the last daily runs' ages), JSON for load balancers and probes.

Answered by `HealthCheckMiddleware`, first in MIDDLEWARE, so a probe reaches them over plain
HTTP, by any Host header (a probe calls the server's own address), with or without the trailing
slash, without sessions, CSRF, redirects or rate limits. No personal data and no host names in
the answers; errors name only the exception's class.
"""

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.http import JsonResponse
from django.utils import timezone

from files.storage import private_storage

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz", "/healthz/", "/readyz", "/readyz/"}

# Migrations: once all are applied this process keeps that answer (a new release restarts it);
# while some are missing it asks again, at most this often, since loading the graph costs.
_MIGRATIONS_RECHECK_SECONDS = 10
_migrations = {"ok": False, "checked": 0.0}


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def healthz(request):
    """The process is up and answering; nothing else is looked at (a liveness probe)."""
    return _no_store(JsonResponse({"status": "ok"}))


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        outcome = check() or {}
        outcome.setdefault("ok", True)
    except Exception as error:
        logger.warning("readyz: %s failed", check.__name__, exc_info=True)
        outcome = {"ok": False, "error": type(error).__name__}
    outcome["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return outcome


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache() -> dict:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return {"ok": found == "1"}


def check_storage() -> dict:
    storage = private_storage()
    name = storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name) as probe:
            ok = probe.read() == b"ok"
    finally:
        storage.delete(name)
    return {"ok": ok}


def check_migrations() -> dict:
    now = time.monotonic()
    if not _migrations["ok"] and now - _migrations["checked"] >= _MIGRATIONS_RECHECK_SECONDS:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations.update(ok=not plan, checked=now, pending=len(plan))
    if _migrations["ok"]:
        return {}
    return {"ok": False, "pending": _migrations.get("pending", 0)}


def _age(moment) -> float | None:
    return None if moment is None else round((timezone.now() - moment).total_seconds(), 1)


def check_worker() -> dict:
    from jobs.models import WorkerHeartbeat

    seen = (
        WorkerHeartbeat.objects.filter(stopped_at__isnull=True)
        .order_by("-seen_at")
        .values_list("seen_at", flat=True)
        .first()
    )
    age = _age(seen)
    fresh = age is not None and age <= settings.WORKER_DEAD_AFTER_SECONDS
    return {"ok": fresh or not settings.READYZ_REQUIRE_WORKER, "age_seconds": age}


def check_daily_runs() -> dict:
    """The last successful run of each daily job, with its age; informational (see readyz)."""
    from jobs.models import JobRun
    from jobs.schedule import jobs

    daily = [job.name for job in jobs() if job.daily]
    last = dict(
        JobRun.objects.filter(job__in=daily, status=JobRun.Status.SUCCEEDED)
        .values("job")
        .annotate(last=Max("finished_at"))
        .values_list("job", "last")
    )
    limit = settings.READYZ_DAILY_RUN_MAX_AGE_HOURS * 3600
    ages = {name: _age(last.get(name)) for name in daily}
    return {
        "ok": all(age is not None and age <= limit for age in ages.values()),
        "age_seconds": ages,
    }


# What decides ready or not. The daily runs are reported but never make an app server unready:
# a late reminder run is for monitoring to alert on, not a reason to stop serving pages.
REQUIRED = ("database", "cache", "storage", "migrations", "worker")


def readyz(request):
    checks = {
        "database": _timed(check_database),
        "cache": _timed(check_cache),
        "storage": _timed(check_storage),
        "migrations": _timed(check_migrations),
        "worker": _timed(check_worker),
        "daily_runs": _timed(check_daily_runs),
    }
    ready = all(checks[name]["ok"] for name in REQUIRED)
    return _no_store(
        JsonResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status=200 if ready else 503,
        )
    )


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path in HEALTH_PATHS:
            view = healthz if path.startswith("/healthz") else readyz
            return view(request)
        return self.get_response(request)


class SkipHealthChecks(logging.Filter):
    """A logging filter for access logs (gunicorn.access, django.server): probes every few
    seconds would drown the real requests."""

    pattern = re.compile(r"\b(?:GET|HEAD) /(?:healthz|readyz)/?[ ?\"]")

    def filter(self, record):
        return not self.pattern.search(record.getMessage())
