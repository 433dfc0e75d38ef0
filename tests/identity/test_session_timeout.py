"""Security finding 9 (issue 14): sessions end after idle time and an absolute lifetime."""

import time

import pytest
from django.urls import reverse

from identity.session_timeout import LAST_SEEN, LOGIN_AT
from people.groups import HR, ensure_groups

pytestmark = pytest.mark.django_db

HOUR = 60 * 60


def _age(client, *, idle: int = 0, since_login: int = 0):
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - idle
    session[LOGIN_AT] = now - since_login
    session.save()


def test_an_active_session_goes_on(client, course, employee):
    client.force_login(employee.user)
    _age(client, idle=7 * HOUR, since_login=7 * HOUR)
    assert client.get(reverse("my_courses")).status_code == 200


def test_eight_idle_hours_end_the_session(client, course, employee):
    client.force_login(employee.user)
    _age(client, idle=8 * HOUR + 120, since_login=9 * HOUR)
    response = client.get(reverse("my_courses"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "inte har varit aktiv" in response.content.decode()
    # Logged out for good, not only redirected once.
    assert client.get(reverse("my_courses")).status_code == 302


def test_the_absolute_lifetime_ends_even_a_busy_session(client, course, employee):
    client.force_login(employee.user)
    _age(client, idle=0, since_login=12 * HOUR + 60)
    response = client.get(reverse("my_courses"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_admin_asks_again_after_a_shorter_idle_time(client, unit, employee):
    hr = employee
    hr.user.groups.add(ensure_groups()[HR])
    client.force_login(hr.user)
    assert client.get("/admin/").status_code == 200
    _age(client, idle=HOUR + 120, since_login=2 * HOUR)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_activity_moves_the_clock_on(client, course, employee):
    client.force_login(employee.user)
    _age(client, idle=2 * HOUR, since_login=2 * HOUR)
    client.get(reverse("my_courses"))
    assert int(time.time()) - client.session[LAST_SEEN] < 60


def test_the_cookie_lasts_no_longer_than_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_LIFETIME <= 12 * HOUR


def test_pages_of_a_signed_in_user_are_not_stored(client, course, employee):
    client.force_login(employee.user)
    response = client.get(reverse("my_courses"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_may_be_cached(client, home_page):
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_editors_background_pings_do_not_keep_a_session_alive(client, unit, employee):
    """Review L1: Wagtail pings every few seconds while an edit page is open."""
    employee.user.groups.add(ensure_groups()[HR])
    client.force_login(employee.user)
    _age(client, idle=50 * 60, since_login=2 * HOUR)
    client.post("/admin/editing-sessions/ping/1/1/")
    assert int(time.time()) - client.session[LAST_SEEN] >= 50 * 60
