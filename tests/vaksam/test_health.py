"""/healthz and /readyz: JSON, no redirects, any Host; readyz 503 when the database, the cache,
storage, migrations or the worker is not there."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from jobs.models import JobRun, WorkerHeartbeat
from jobs.recovery import record_heartbeat
from vaksam import health


@pytest.fixture
def worker(db):
    record_heartbeat("worker-1", starting=True)


@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_healthz_answers_without_touching_the_database(client, path):
    # No `db` fixture: pytest-django refuses any query here, so a 200 proves none was made.
    response = client.get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/readyz", "/readyz/"])
def test_readyz_is_ready_with_database_cache_storage_migrations_and_a_worker(client, worker, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    for name in ("database", "cache", "storage", "migrations", "worker"):
        assert body["checks"][name]["ok"] is True
        assert body["checks"][name]["ms"] >= 0
    assert body["checks"]["worker"]["age_seconds"] < 5


def test_readyz_fails_when_the_database_is_gone(client, worker, monkeypatch):
    def gone(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", gone)
    response = client.get("/readyz")
    monkeypatch.undo()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }


def test_readyz_fails_when_no_worker_has_beaten_or_the_last_beat_is_too_old(client, db, settings):
    settings.WORKER_DEAD_AFTER_SECONDS = 60
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "age_seconds": None,
        "ms": response.json()["checks"]["worker"]["ms"],
    }
    record_heartbeat("worker-1", starting=True)
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=90))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["age_seconds"] >= 90
    # A worker that stopped on purpose is gone at once, however recent its last beat.
    record_heartbeat("worker-1", stopped=True)
    assert client.get("/readyz").status_code == 503
    record_heartbeat("worker-2", starting=True)
    assert client.get("/readyz").status_code == 200


def test_readyz_fails_when_the_cache_or_storage_fails(client, worker, monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda key: None)
    assert client.get("/readyz").status_code == 503
    monkeypatch.undo()

    def broken_storage():
        raise OSError("read-only file system")

    monkeypatch.setattr(health, "private_storage", broken_storage)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["error"] == "OSError"


def test_readyz_reports_the_last_daily_runs_without_failing_on_them(client, worker):
    now = timezone.now()
    JobRun.objects.create(
        job="send_reminders",
        period="2030-01-15",
        status=JobRun.Status.SUCCEEDED,
        started_at=now - timedelta(hours=30),
        heartbeat_at=now - timedelta(hours=30),
        finished_at=now - timedelta(hours=30),
    )
    response = client.get("/readyz")
    assert response.status_code == 200
    runs = response.json()["checks"]["daily_runs"]
    assert runs["ok"] is False
    assert runs["age_seconds"]["send_reminders"] >= 30 * 3600
    assert runs["age_seconds"]["apply_retention"] is None


def test_probes_reach_them_over_http_by_any_host_without_a_redirect(client, worker, settings):
    """A proxy's or orchestrator's probe: plain HTTP, the server's own address as Host."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["vaksam.kommun.example"]
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/readyz/", HTTP_HOST="10.0.0.7:8000").status_code == 200
    # Everything else keeps its protections.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_the_access_log_filter_drops_probes_only():
    import logging

    def record(message):
        return logging.LogRecord("gunicorn.access", logging.INFO, "", 0, message, None, None)

    skip = health.SkipHealthChecks()
    assert not skip.filter(record('10.0.0.1 - - "GET /readyz HTTP/1.1" 200 312'))
    assert not skip.filter(record('"GET /healthz/ HTTP/1.1" 200 16'))
    assert skip.filter(record('"GET /mina-kurser/ HTTP/1.1" 200 5120'))
