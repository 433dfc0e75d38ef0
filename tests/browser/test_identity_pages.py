"""Pages reached through a one-time link or a second factor: axe-clean, and they work."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity.invitations import invitation_url
from people.models import Employee
from tests.browser.axe import assert_accessible

NEW_PASSWORD = "ett långt nytt lösenord"  # noqa: S105


@pytest.fixture
def imported_employee():
    """A demo employee as the personnel import leaves them: no password yet."""
    employee = Employee.objects.exclude(user__email="").filter(user__is_superuser=False).last()
    employee.user.set_unusable_password()
    employee.user.save()
    return employee


def test_an_invited_employee_sets_a_password_and_logs_in(page, live_server, imported_employee):
    page.goto(invitation_url(imported_employee).split("8000", 1)[1])
    page.get_by_role("heading", name="Välkommen! Välj ditt lösenord").wait_for()
    assert_accessible(page)
    page.locator("#id_new_password1").fill("kort")
    page.locator("#id_new_password2").fill("kort")
    page.get_by_role("button", name="Spara lösenordet").click()
    page.get_by_text("Det här lösenordet är för kort").wait_for()
    assert_accessible(page)  # with the errors shown

    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Spara lösenordet").click()
    page.get_by_role("heading", name="Lösenordet är sparat").wait_for()

    page.get_by_role("link", name="Logga in").last.click()
    page.get_by_label("Användarnamn").fill(imported_employee.user.username)
    page.get_by_label("Lösenord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mina-kurser/")


def test_the_reset_form_with_a_valid_link(page, live_server, imported_employee):
    user = imported_employee.user
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    page.goto(f"/konto/nytt-losenord/{uid}/{default_token_generator.make_token(user)}/")
    page.get_by_role("heading", name="Välj ett nytt lösenord").wait_for()
    assert_accessible(page)


def test_the_reset_request_from_the_login_page(page, live_server):
    page.goto("/konto/logga-in/")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    page.get_by_label("E-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka länk").click()
    page.get_by_text("Fyll i en giltig e-postadress").wait_for()
    assert_accessible(page)


def test_the_second_factor_verification_page(page, live_server, login, settings):
    settings.ADMIN_REQUIRE_TOTP = True
    user = get_user_model().objects.get(username="admin")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    login("admin")
    page.goto("/admin/")
    page.wait_for_url("**/konto/tvastegsverifiering/?next=*")
    page.get_by_role("heading", name="Tvåstegsverifiering").wait_for()
    assert_accessible(page)
    page.get_by_label("Sexsiffrig kod från appen").fill("12")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_text("Ange de sex siffrorna").wait_for()
    assert_accessible(page)


def test_the_bulk_invitation_confirmation(page, live_server, login, imported_employee):
    login("hr")
    page.goto(f"/admin/bulk/people/employee/invite/?id={imported_employee.pk}")
    page.get_by_role("button", name="Ja, skicka").wait_for()
    assert_accessible(page)


def test_hr_selects_employees_in_the_listing_and_invites_them(page, live_server, login):
    login("hr")
    page.goto("/admin/people/employees/")
    checkboxes = page.locator("input[data-bulk-action-checkbox]")
    checkboxes.nth(0).check()
    checkboxes.nth(1).check()
    page.get_by_role("link", name="Skicka inbjudan").first.click()
    page.wait_for_url("**/admin/bulk/people/employee/invite/?*")
    page.get_by_role("heading", name="Skicka inbjudan").wait_for()
    assert page.url.count("id=") == 2
