"""TOTP for administrators who sign in with a local password."""

import os
import subprocess
import sys
import time
import types
from base64 import b32encode

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity.second_factor import OIDC_BACKEND
from people.groups import ADMINISTRATOR, HR, MEDARBETARE
from tests.browser.conftest import DEMO_PASSWORD
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

ENROL = "/konto/tvastegsverifiering/aktivera/"
VERIFY = "/konto/tvastegsverifiering/"


@pytest.fixture
def totp_on(settings):
    settings.ADMIN_REQUIRE_TOTP = True


def _code(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def enrolled(login_as_member):
    """An HR member with a confirmed authenticator app, logged in with a password only."""
    person = login_as_member(HR)
    device = TOTPDevice.objects.create(user=person.user, name="app", confirmed=True)
    return device


def test_an_admin_without_a_device_is_sent_to_enrol(client, totp_on, login_as_member):
    login_as_member(HR)
    response = client.get("/admin/people/employees/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Fpeople%2Femployees%2F"
    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200
    assert "Aktivera tvåstegsverifiering" in content
    assert "<svg" in content and "QR-kod för autentiseringsappen" in content
    device = TOTPDevice.objects.get(confirmed=False)
    assert device.config_url.startswith("otpauth://totp/Vaksam")
    # The key in groups of four, for typing by hand.
    secret = b32encode(device.bin_key).decode()
    assert secret[:4] + " " + secret[4:8] in content


def test_enrolment_with_a_wrong_code_is_refused_and_the_right_one_lets_them_in(
    client, totp_on, login_as_member
):
    login_as_member(HR)
    client.get(ENROL)
    device = TOTPDevice.objects.get(confirmed=False)
    # The same key is shown again on reload, so a scanned code stays valid.
    client.get(ENROL)
    assert TOTPDevice.objects.count() == 1

    wrong = client.post(ENROL, {"code": _wrong(_code(device)), "next": "/admin/"})
    assert wrong.status_code == 200
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down after a wrong code; see the throttle test
    right = client.post(ENROL, {"code": _code(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_an_enrolled_admin_verifies_a_code_each_session(client, totp_on, enrolled):
    response = client.get("/admin/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    # Enrolling again is not possible once a device exists.
    assert client.get(ENROL)["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": _wrong(_code(enrolled)), "next": "/admin/"})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    enrolled.refresh_from_db()
    enrolled.throttle_reset()
    right = client.post(VERIFY, {"code": _code(enrolled), "next": "/admin/"})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_verification_attempts_are_throttled(client, totp_on, enrolled):
    client.post(VERIFY, {"code": _wrong(_code(enrolled))})
    # Right after a wrong code, even the right one is not checked.
    response = client.post(VERIFY, {"code": _code(enrolled)})
    assert "För många felaktiga koder" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_that_is_not_six_digits_gets_a_swedish_message(client, totp_on, enrolled):
    response = client.post(VERIFY, {"code": "12ab"})
    assert "Ange de sex siffrorna" in response.content.decode()


def test_the_next_address_must_be_on_this_site(client, totp_on, enrolled):
    response = client.post(VERIFY, {"code": _code(enrolled), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_wagtails_admin_login_stays_reachable(client, totp_on, unit):
    admin = EmployeeFactory(org_unit=unit)
    admin.user.is_superuser = True
    admin.user.save()
    assert client.get("/admin/login/").status_code == 200
    response = client.post(
        "/admin/login/", {"username": admin.user.username, "password": "secret-password"}
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"].startswith(ENROL)
    # Logging out of the admin is never blocked.
    assert client.post("/admin/logout/").status_code == 302


def test_a_single_sign_on_session_is_exempt(
    client, totp_on, login_as_member, settings, monkeypatch
):
    """The provider's MFA counts; the backend's dotted path is the only thing we rely on."""
    module = types.ModuleType("identity.oidc")
    module.EmployeeOIDCBackend = type("EmployeeOIDCBackend", (ModelBackend,), {})
    monkeypatch.setitem(sys.modules, "identity.oidc", module)
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", OIDC_BACKEND]
    person = login_as_member(HR)
    client.force_login(person.user, backend=OIDC_BACKEND)
    assert client.get("/admin/").status_code == 200


def test_nothing_is_asked_when_the_setting_is_off(client, settings, login_as_member):
    settings.ADMIN_REQUIRE_TOTP = False
    login_as_member(HR)
    assert client.get("/admin/").status_code == 200


def test_employees_without_admin_access_are_never_asked(client, totp_on, login_as_member, course):
    login_as_member(MEDARBETARE)
    assert client.get("/mina-kurser/").status_code == 200


def test_an_administrator_resets_another_accounts_device(client, totp_on, login_as_member, unit):
    other = EmployeeFactory(org_unit=unit)
    device = TOTPDevice.objects.create(user=other.user, name="app", confirmed=True)
    admin = login_as_member(ADMINISTRATOR)
    own = TOTPDevice.objects.create(user=admin.user, name="app", confirmed=True)
    client.post(VERIFY, {"code": _code(own)})

    listing = client.get("/admin/tvastegsverifiering/")
    assert listing.status_code == 200
    assert other.user.username in listing.content.decode()
    response = client.post(f"/admin/tvastegsverifiering/delete/{device.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    # No one creates or edits a key for someone else.
    assert client.get("/admin/tvastegsverifiering/new/").status_code == 302
    assert client.get(f"/admin/tvastegsverifiering/edit/{own.pk}/").status_code == 302


def test_hr_cannot_reset_devices(client, login_as_member, unit):
    other = EmployeeFactory(org_unit=unit)
    device = TOTPDevice.objects.create(user=other.user, name="app", confirmed=True)
    login_as_member(HR)
    assert client.get("/admin/tvastegsverifiering/")["Location"] == "/admin/"
    client.post(f"/admin/tvastegsverifiering/delete/{device.pk}/")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


# Settings per environment


def _setting_in(module: str, name: str) -> str:
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "vaksam.example",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "BASE_URL": "https://vaksam.example",
        "EMAIL_URL": "smtp+tls://smtp.example:587",
    }
    env.pop("ADMIN_REQUIRE_TOTP", None)
    code = f"import {module} as s; print(s.{name})"
    return subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_on_in_production_off_in_dev():
    assert _setting_in("vaksam.settings.production", "ADMIN_REQUIRE_TOTP") == "True"
    assert _setting_in("vaksam.settings.dev", "ADMIN_REQUIRE_TOTP") == "False"


def test_the_demo_logins_reach_the_admin_with_dev_settings(client, settings):
    """What `make run` does: the demo, then the coordinator, HR and admin log in by password."""
    settings.ADMIN_REQUIRE_TOTP = False  # as vaksam.settings.dev, checked above
    call_command("seed_demo", "--allow-demo-logins", verbosity=0)
    for username in ("samordnare", "hr", "admin"):
        login = client.post("/admin/login/", {"username": username, "password": DEMO_PASSWORD})
        assert login.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.post("/admin/logout/")


def test_the_follow_up_with_named_people_asks_for_the_code_too(client, totp_on, enrolled):
    """Review M1: a leaked HR password alone opened Personer and its exports."""
    for path in ("/uppfoljning/personer/", "/uppfoljning/personer/export.csv"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY + "?")


def test_a_manager_without_admin_access_reaches_the_follow_up_without_a_code(
    client, totp_on, manager
):
    client.force_login(manager.user)
    assert client.get("/uppfoljning/").status_code == 200
