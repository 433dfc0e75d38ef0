"""Limits on guessing: only failures count, per normalised username and per client address,
on every login view; the client address comes from the trusted proxies only."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from identity.addresses import client_ip
from identity.limits import normalise_username
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URLS = ["/konto/logga-in/", "/admin/login/", "/_util/login/"]


@pytest.fixture
def chef(unit):
    return EmployeeFactory(org_unit=unit, user=UserFactory(username="chef"))


def _attempt(client, username, password="fel-lösenord", url="/konto/logga-in/", **extra):  # noqa: S107
    return client.post(url, {"username": username, "password": password}, **extra)


def test_ten_successful_logins_from_one_address_are_all_accepted(
    client, home_page, employee, settings
):
    """An office behind one NAT signs in all morning: successes never count."""
    settings.LOGIN_FAILURES_PER_USERNAME = "3/15m"
    settings.LOGIN_FAILURES_PER_ADDRESS = "3/15m"
    for _ in range(10):
        response = _attempt(client, employee.user.username, "secret-password")
        assert response.status_code == 302
        client.logout()


def test_the_sixth_failure_for_one_username_is_blocked(client, home_page, employee):
    for _ in range(5):
        response = _attempt(client, employee.user.username)
        assert response.status_code == 200
        assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()
    # Even the right password is not tried any more.
    response = _attempt(client, employee.user.username, "secret-password")
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


def test_other_usernames_from_the_same_address_still_sign_in(client, home_page, employee, unit):
    other = EmployeeFactory(org_unit=unit)
    for _ in range(6):
        _attempt(client, other.user.username)
    assert _attempt(client, employee.user.username, "secret-password").status_code == 302


@pytest.mark.parametrize("spelling", ["chef ", "CHEF", "ｃｈｅｆ", " Chef\t"])
def test_every_spelling_of_a_username_shares_its_failures(client, home_page, chef, spelling):
    for _ in range(5):
        _attempt(client, spelling)
    assert _attempt(client, "chef", "secret-password").status_code == 429


def test_normalised_username():
    assert normalise_username("  ＣＨＥＦ\t") == "chef"
    assert normalise_username("Straße") == "strasse"


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_every_login_view_is_limited(client, home_page, chef, url):
    for _ in range(5):
        assert _attempt(client, "chef", url=url).status_code == 200
    response = _attempt(client, "chef", "secret-password", url=url)
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


def test_failures_on_one_login_view_count_on_the_others(client, home_page, chef):
    for url in [*LOGIN_URLS, *LOGIN_URLS[:2]]:
        _attempt(client, "chef", url=url)
    assert _attempt(client, "chef", "secret-password").status_code == 429


def test_an_address_posted_as_username_does_not_block_that_address(
    client, home_page, employee, settings
):
    settings.LOGIN_FAILURES_PER_ADDRESS = "8/15m"
    for _ in range(7):
        _attempt(client, "127.0.0.1")
    # The address has 7 failures of 8, the username "127.0.0.1" is blocked: nothing shared.
    assert _attempt(client, "127.0.0.1").status_code == 429
    assert _attempt(client, employee.user.username, "secret-password").status_code == 302


def test_many_failures_from_one_address_block_it(client, home_page, employee, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = "3/15m"
    for name in ("anna", "bertil", "cesar"):
        assert _attempt(client, name).status_code == 200
    assert _attempt(client, employee.user.username, "secret-password").status_code == 429


# The client's address


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's invention
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the left part is spoofable
        (2, "198.51.100.1, 203.0.113.9, 192.0.2.5", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer hops than proxies
        (1, "nonsense", "10.0.0.1"),
        (1, "198.51.100.1, ", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, None, "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_a_multi_hop_header_takes_the_address_our_proxy_saw(client, home_page, employee, settings):
    """Changing the spoofable left part does not reset the count; another client is unaffected."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURES_PER_ADDRESS = "2/15m"
    for spoof, name in (("1.1.1.1", "anna"), ("2.2.2.2", "bertil")):
        response = _attempt(client, name, HTTP_X_FORWARDED_FOR=f"{spoof}, 203.0.113.9")
        assert response.status_code == 200
    blocked = _attempt(client, "cesar", HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.9")
    assert blocked.status_code == 429
    other_client = _attempt(
        client,
        employee.user.username,
        "secret-password",
        HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.10",
    )
    assert other_client.status_code == 302


def test_django_ratelimit_uses_the_same_client_address(client, home_page, settings):
    """The certificate verification limit: a multi-hop header never gives 500."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_RATE = "2/m"
    url = reverse("certificates:verify_form")
    for spoof in ("1.1.1.1", "2.2.2.2"):
        assert client.get(url, HTTP_X_FORWARDED_FOR=f"{spoof}, 203.0.113.9").status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.9").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="garbage, 203.0.113.10").status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="not an address").status_code == 200
