"""Single sign-on in Chromium, through a real OpenID Connect provider on 127.0.0.1.

An imported demo employee (no usable password) signs in at the provider, lands on Mina kurser
and logs out of both; people the personnel register does not know are refused in Swedish.
"""

import pytest

from people.models import Employee
from tests.browser.axe import assert_accessible
from tests.identity.provider import running_provider, use_provider


@pytest.fixture(scope="module")
def provider(live_server):
    with running_provider(
        redirect_uris=[f"{live_server.url}/oidc/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/"],
    ) as provider:
        yield provider


@pytest.fixture
def sso(settings, provider):
    use_provider(settings, provider)
    return provider


@pytest.fixture
def sso_page(page):
    # The provider's development pages load web fonts; the test machine is offline.
    page.route("https://**/*", lambda route: route.abort())
    return page


def sign_in_at_provider(page, login: str) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_role("link", name="Logga in med ditt kommunkonto").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()


def imported_demo_employee() -> Employee:
    """One of the demo's people without a password (Django marks those with a leading "!")."""
    employee = (
        Employee.objects.active()
        .filter(user__is_active=True, user__password__startswith="!", manages__isnull=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("employee_number")
        .first()
    )
    assert not employee.user.has_usable_password()
    return employee


def test_an_imported_employee_signs_in_through_sso_and_logs_out_of_both(sso_page, sso, live_server):
    page = sso_page
    employee = imported_demo_employee()
    sso.set_accounts({"demo-sso": {"email": employee.user.email.upper()}})

    sign_in_at_provider(page, "demo-sso")

    page.wait_for_url("**/mina-kurser/")
    assert page.get_by_role("heading", level=1, name="Mina kurser").is_visible()
    assert page.get_by_text(employee.user.get_full_name()).first.is_visible()

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{sso.issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="Logga in", exact=True).is_visible()
    page.goto("/mina-kurser/")
    assert "/konto/logga-in/" in page.url


@pytest.mark.parametrize("who", ["unknown", "deactivated"])
def test_people_not_in_the_register_are_refused_in_swedish(sso_page, sso, who):
    page = sso_page
    if who == "unknown":
        email = "inte.anstalld@annan-kommun.example"
    else:
        employee = imported_demo_employee()
        employee.is_active = False
        employee.save()
        email = employee.user.email
    sso.set_accounts({f"refused-{who}": {"email": email}})

    sign_in_at_provider(page, f"refused-{who}")

    heading = page.get_by_role("heading", level=1)
    heading.wait_for()
    assert heading.inner_text() == "Ditt konto finns inte i Vaksams personalregister"
    assert page.get_by_text("Kontakta HR").is_visible()
    assert_accessible(page)
    page.goto("/mina-kurser/")
    assert "/konto/logga-in/" in page.url
