"""Production settings refuse to start without what they need, and pass Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def _run(*args, env_overrides=None):
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests allow sync ORM calls in their event loop; production must not.
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "BASE_URL",
            "EMAIL_URL",
            "STORAGE_BACKEND",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(env_overrides or {})
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args, "--settings=vaksam.settings.production"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


REDIS = {"REDIS_URL": "redis://127.0.0.1:6379/0", "EMAIL_URL": "smtp+tls://smtp.example:587"}

# The environment the README documents for production (the smallest one that starts).
PRODUCTION_ENV = {
    "SECRET_KEY": "a8Qz!pL3#vR9@mW2$kT7^nY5&bX1*cJ6(hF4)dS0_gE8+uI2=oP6",
    "ALLOWED_HOSTS": "vaksam.example",
    "BASE_URL": "https://vaksam.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://vaksam:secret@smtp.example:587",
}


def test_production_refuses_to_start_without_secret_key():
    result = _run("check", env_overrides={"ALLOWED_HOSTS": "vaksam.example", **REDIS})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run("check", env_overrides={"SECRET_KEY": "k" * 60 + "-Xy9#", **REDIS})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    """Rate limits are counted in the cache; a per-process cache would multiply them."""
    result = _run(
        "check",
        env_overrides={"SECRET_KEY": "k" * 60 + "-Xy9#", "ALLOWED_HOSTS": "vaksam.example"},
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_production_passes_the_deploy_check():
    result = _run(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        env_overrides=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    """Booking and reminder mails name people: they must not silently go to the log."""
    result = _run("check", env_overrides={**PRODUCTION_ENV, "EMAIL_URL": ""})
    assert result.returncode != 0
    assert "EMAIL_URL must be set" in result.stderr


def test_production_keeps_database_connections_and_checks_them():
    result = _run(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; db = settings.DATABASES['default'];"
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], settings.EMAIL_TIMEOUT,"
        "settings.WAGTAILADMIN_BASE_URL, settings.LANGUAGE_COOKIE_SECURE)",
        env_overrides={**PRODUCTION_ENV, "CONN_MAX_AGE": "120"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["120", "True", "10", "https://vaksam.example", "True"]


def test_s3_storage_needs_a_bucket():
    result = _run("check", env_overrides={**PRODUCTION_ENV, "STORAGE_BACKEND": "s3"})
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_the_documented_s3_environment_passes_the_deploy_check():
    result = _run(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        env_overrides={
            **PRODUCTION_ENV,
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": "vaksam-media",
            "AWS_PRIVATE_BUCKET_NAME": "vaksam-private",
            "AWS_S3_ENDPOINT_URL": "https://s3.example",
            "AWS_S3_ADDRESSING_STYLE": "path",
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    ("base_url", "message"),
    [("", "BASE_URL must be set"), ("http://vaksam.example", "BASE_URL must start with https://")],
)
def test_production_needs_the_sites_https_address(base_url, message):
    """Links in e-mails and on certificates must not point at 127.0.0.1 or plain HTTP."""
    result = _run(
        "check",
        env_overrides={
            "SECRET_KEY": "k" * 60 + "-Xy9#",
            "ALLOWED_HOSTS": "vaksam.example",
            "BASE_URL": base_url,
            **REDIS,
        },
    )
    assert result.returncode != 0
    assert message in result.stderr
