"""Redis stopped (the fault drill's finding): pages are served, login limits fail closed."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

# Nothing listens on port 1: every connection is refused at once, as with a stopped Redis.
UNREACHABLE = {
    "default": {
        "BACKEND": "vaksam.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
}

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@override_settings(CACHES=UNREACHABLE)
def test_an_unreachable_redis_reads_as_a_miss_and_writes_as_nothing():
    assert cache.get("key") is None
    # Not the caller's default: django-ratelimit must see "could not count".
    assert cache.get("key", 0) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    cache.delete("key")
    with pytest.raises(ValueError):
        cache.incr("key")


@override_settings(CACHES=UNREACHABLE, SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_pages_are_served_and_logins_refused_while_redis_is_away(client, employee, home_page):
    employee.user.set_password("a-long-password-1")
    employee.user.save()
    assert client.get(reverse("login")).status_code == 200

    refused = client.post(
        reverse("login"), {"username": employee.user.username, "password": "a-long-password-1"}
    )
    # Fail closed: the limit cannot be counted, so the attempt is refused with the limit's
    # page, not let through unlimited and not a 500.
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(CACHES=UNREACHABLE)
def test_a_signed_in_person_keeps_reading(client, employee, home_page):
    # Signed in with sessions in the database (cached_db falls back to it on a cache miss).
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        client.force_login(employee.user)
        assert client.get(reverse("my_courses")).status_code == 200
