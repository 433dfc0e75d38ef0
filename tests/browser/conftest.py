"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

They run in their own pytest call (see the Makefile) on a database seeded once with the demo
site. live_server makes every test transactional, and the flush after each test would wipe
Wagtail's root page and Site along with the demo; serialized rollback puts the seeded state
back before each test instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "vaksam-demo"  # noqa: S105 - the documented demo password


def chromium_path() -> str | None:
    configured = os.environ.get("VAKSAM_CHROMIUM", "/usr/bin/chromium")
    if Path(configured).exists():
        return configured
    return shutil.which("chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo once, then make it the state every test starts from."""
    with django_db_blocker.unblock():
        call_command("seed_demo", "--allow-demo-logins", verbosity=0)
        connection = connections["default"]
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        message = (
            "Chromium not found: install it with `apt-get install chromium` "
            "or point VAKSAM_CHROMIUM at it."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_login_rate_limits():
    """Every test logs in from the same address; the limit on guessing is tested elsewhere."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log in through the real form, as a person would."""

    def _login(username: str):
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/mina-kurser/")
        return page

    return _login


@pytest.fixture
def gate_settings(settings):
    """Settings every page of the gate (tests/browser/gate.py) needs: the login page shows its
    SSO button, and the SSO error pages can be reached."""
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    settings.OIDC_CLIENT_ID = "vaksam-axe"
