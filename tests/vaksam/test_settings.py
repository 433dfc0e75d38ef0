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


REDIS = {"REDIS_URL": "redis://127.0.0.1:6379/0"}


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
        env_overrides={
            "SECRET_KEY": "a8Qz!pL3#vR9@mW2$kT7^nY5&bX1*cJ6(hF4)dS0_gE8+uI2=oP6",
            "ALLOWED_HOSTS": "vaksam.example",
            "BASE_URL": "https://vaksam.example",
            **REDIS,
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


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
