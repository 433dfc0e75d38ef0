"""Single sign-on with OpenID Connect, end to end against a real provider on 127.0.0.1.

The provider (node-oidc-provider, tests/identity/oidc_provider/) issues real RS256-signed
tokens; nothing is mocked. The Django test client plays our side, `requests` the browser at the
provider's login form.
"""

import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from identity.models import OIDCIdentity, ScimUser
from identity.oidc import BACKEND_PATH, Refusal, discovery_cache_key, find_employee_account
from tests.factories import EmployeeFactory, UserFactory
from tests.identity.provider import CLIENT_ID, running_provider, use_provider

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/oidc/callback/"
HOME = "http://testserver/"
REFUSED = "Ditt konto finns inte i Vaksams personalregister"
FAILED = "Inloggningen kunde inte slutföras"


@pytest.fixture(scope="session")
def oidc_provider():
    with running_provider(redirect_uris=[CALLBACK], post_logout_redirect_uris=[HOME]) as provider:
        yield provider


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on configured against the running provider, with nothing cached."""
    use_provider(settings, oidc_provider)
    yield oidc_provider
    cache.clear()


def start_sign_in(client, **params) -> str:
    response = client.get(reverse("oidc_authentication_init"), params)
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, provider, login, **params):
    """The whole round trip: start at Vaksam, log in at the provider, come back."""
    return client.get(provider.sign_in(start_sign_in(client, **params), login))


def imported_employee(**kwargs):
    """An employee from the personnel import: no usable password, signs in through SSO only."""
    employee = EmployeeFactory(**kwargs)
    employee.user.set_unusable_password()
    employee.user.save()
    return employee


# Without OIDC_ISSUER the site is as before.


def test_without_issuer_there_is_no_button_and_no_sso_urls(client, home_page, settings):
    settings.OIDC_ISSUER = ""
    page = client.get(reverse("login")).content.decode()
    assert "kommunkonto" not in page
    assert reverse("oidc_authentication_init") not in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_login_page_offers_sso_first_then_the_password_form(client, home_page, sso, settings):
    page = client.get(reverse("login")).content.decode()
    button = page.index("Logga in med ditt kommunkonto")
    assert page.index('href="/oidc/authenticate/"') < button
    assert button < page.index("Logga in med lösenord") < page.index('name="password"')

    settings.OIDC_BUTTON_LABEL = "Logga in med Nacka-konto"
    assert "Logga in med Nacka-konto" in client.get(reverse("login")).content.decode()


def test_password_login_still_works_and_never_asks_the_provider(client, course, settings):
    """Django builds every backend on a password login; ours must not need the provider."""
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    employee = EmployeeFactory()
    response = client.post(
        reverse("login"), {"username": employee.user.username, "password": "secret-password"}
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "django.contrib.auth.backends.ModelBackend"


# Signing in.


def test_an_imported_employee_signs_in_and_lands_on_mina_kurser(client, course, sso):
    employee = imported_employee(user__email="Anna.Berg@Kommun.example")
    sso.set_accounts({"anna": {"email": "anna.berg@kommun.example", "name": "Anna Berg"}})

    response = sign_in(client, sso, "anna")

    assert response.status_code == 302
    assert response["Location"] == reverse("my_courses")
    assert client.session[BACKEND_SESSION_KEY] == BACKEND_PATH
    assert int(client.session["_auth_user_id"]) == employee.user.pk
    assert client.get(reverse("my_courses")).status_code == 200
    link = OIDCIdentity.objects.get()
    assert (link.issuer, link.subject, link.user) == (sso.issuer, "anna", employee.user)
    assert ModelLogEntry.objects.filter(action="identity.oidc_linked").count() == 1


def test_sign_in_returns_to_the_page_asked_for(client, course, sso):
    imported_employee(user__email="lisa@kommun.example")
    sso.set_accounts({"lisa": {"email": "lisa@kommun.example"}})
    response = sign_in(client, sso, "lisa", next="/intyg/")
    assert response["Location"] == "/intyg/"


def test_employee_number_as_match_claim(client, course, sso, settings):
    settings.OIDC_MATCH_CLAIM = "employeeid"
    employee = imported_employee(employee_number="K-4711", user__email="")
    sso.set_accounts({"k4711": {"employeeid": "K-4711"}})
    sign_in(client, sso, "k4711")
    assert int(client.session["_auth_user_id"]) == employee.user.pk


def test_the_sub_link_survives_a_change_of_e_mail(client, course, sso):
    employee = imported_employee(user__email="karin.ek@kommun.example")
    sso.set_accounts({"karin": {"email": "karin.ek@kommun.example"}})
    sign_in(client, sso, "karin")
    client.logout()

    # She marries; the provider and later the personnel register change her address.
    sso.set_accounts({"karin": {"email": "karin.lund@kommun.example"}})
    employee.user.email = "karin.lund@kommun.example"
    employee.user.save()
    UserFactory(email="karin.ek@kommun.example")  # someone else gets the old address

    sign_in(client, sso, "karin")
    assert int(client.session["_auth_user_id"]) == employee.user.pk
    assert OIDCIdentity.objects.count() == 1


# Refusals: nobody gets an account because the provider knows them.


def test_an_unknown_identity_is_refused_in_swedish_and_logged(client, course, sso, caplog):
    users_before = get_user_model().objects.count()
    sso.set_accounts({"stranger": {"email": "okand@annan.example"}})

    with caplog.at_level(logging.WARNING, logger="identity.oidc"):
        response = sign_in(client, sso, "stranger")

    assert response.status_code == 403
    page = response.content.decode()
    assert REFUSED in page and "Kontakta HR" in page
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users_before
    assert not OIDCIdentity.objects.exists()
    assert "refused (okand): email='okand@annan.example'" in caplog.text
    entry = ModelLogEntry.objects.get(action="identity.oidc_refused")
    assert entry.data["anledning"] == "okand"
    assert entry.data["varde"] == "okand@annan.example"


@pytest.mark.parametrize(
    "deactivate",
    [
        pytest.param(lambda e: setattr(e, "is_active", False), id="deactivated employee"),
        pytest.param(
            lambda e: setattr(e, "end_date", timezone.localdate() - timedelta(days=1)),
            id="employment ended",
        ),
        pytest.param(lambda e: setattr(e.user, "is_active", False), id="inactive account"),
    ],
)
def test_a_deactivated_employee_is_refused(client, course, sso, deactivate):
    employee = imported_employee(
        user__email="gone@kommun.example", start_date=timezone.localdate() - timedelta(days=400)
    )
    deactivate(employee)
    employee.save()
    employee.user.save()
    sso.set_accounts({"gone": {"email": "gone@kommun.example"}})

    response = sign_in(client, sso, "gone")

    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = ModelLogEntry.objects.get(action="identity.oidc_refused")
    assert entry.data["anledning"] == "inaktiv"
    assert entry.object_id == str(employee.user.pk)


def test_a_linked_identity_is_refused_once_the_employee_is_deactivated(client, course, sso):
    employee = imported_employee(user__email="leaver@kommun.example")
    sso.set_accounts({"leaver": {"email": "leaver@kommun.example"}})
    sign_in(client, sso, "leaver")
    client.logout()
    employee.is_active = False
    employee.save()

    response = sign_in(client, sso, "leaver")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_identity_without_the_match_claim_is_refused(client, course, sso, settings):
    settings.OIDC_MATCH_CLAIM = "employeeid"
    imported_employee(user__email="no.number@kommun.example")
    sso.set_accounts({"nonumber": {"email": "no.number@kommun.example"}})
    response = sign_in(client, sso, "nonumber")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


# Tampering: state, nonce, replay, and a code from another browser.


def test_a_tampered_state_is_refused(client, course, sso):
    imported_employee(user__email="eva@kommun.example")
    sso.set_accounts({"eva": {"email": "eva@kommun.example"}})
    callback = sso.sign_in(start_sign_in(client), "eva")
    parts = urlsplit(callback)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["state"] = "x" + query["state"][1:]

    response = client.get(f"{parts.path}?{urlencode(query)}")

    assert response.status_code == 400
    assert FAILED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_tampered_nonce_is_refused(client, course, sso):
    """The ID token's nonce must be the one this browser's session sent."""
    imported_employee(user__email="nils@kommun.example")
    sso.set_accounts({"nils": {"email": "nils@kommun.example"}})
    callback = sso.sign_in(start_sign_in(client), "nils")
    session = client.session
    (state,) = session["oidc_states"]
    session["oidc_states"][state]["nonce"] = "not-the-nonce-that-was-sent"
    session.save()

    response = client.get(callback)

    assert response.status_code == 400
    assert FAILED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_replayed_answer_is_refused(client, course, sso):
    """Each state is used once: the same answer from the provider, sent again, is refused."""
    imported_employee(user__email="olle@kommun.example")
    sso.set_accounts({"olle": {"email": "olle@kommun.example"}})
    callback = sso.sign_in(start_sign_in(client), "olle")
    assert client.get(callback).status_code == 302
    assert client.session["oidc_states"] == {}

    response = client.get(callback)
    assert response.status_code == 400
    assert FAILED in response.content.decode()


def test_a_code_from_another_browsers_flow_is_refused(client, course, sso, django_user_model):
    """Swapping codes between two sign-ins fails: the code is bound to the other PKCE verifier
    and nonce."""
    from django.test import Client

    imported_employee(user__email="per@kommun.example")
    sso.set_accounts({"per": {"email": "per@kommun.example"}})
    victim, attacker = client, Client()
    victim_callback = sso.sign_in(start_sign_in(victim), "per")
    attacker_callback = sso.sign_in(start_sign_in(attacker), "per")
    victim_code = parse_qs(urlsplit(victim_callback).query)["code"][0]
    attacker_query = parse_qs(urlsplit(attacker_callback).query)

    response = attacker.get(
        "/oidc/callback/", {"code": victim_code, "state": attacker_query["state"][0]}
    )

    assert response.status_code == 400
    assert "_auth_user_id" not in attacker.session


def test_an_answer_this_browser_never_asked_for_is_refused(client, home_page, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # never contacted: the state check comes first
    response = client.get("/oidc/callback/", {"code": "stolen", "state": "guessed"})
    assert response.status_code == 400
    assert FAILED in response.content.decode()


def test_an_error_from_the_provider_ends_on_the_swedish_failure_page(client, course, sso):
    start_sign_in(client)
    (state,) = client.session["oidc_states"]
    response = client.get("/oidc/callback/", {"error": "access_denied", "state": state})
    assert response.status_code == 400
    assert FAILED in response.content.decode()
    assert state not in client.session["oidc_states"]


# The provider cannot be reached.


def test_an_unreachable_provider_gives_a_swedish_page_not_a_500(client, home_page, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    settings.OIDC_CLIENT_ID = CLIENT_ID
    cache.clear()
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "Inloggningstjänsten svarar inte just nu" in response.content.decode()
    # The failure is not cached: the next sign-in asks the provider again.
    assert cache.get(discovery_cache_key(settings.OIDC_ISSUER)) is None


def test_the_discovery_document_is_fetched_once_and_cached(client, home_page, sso):
    start_sign_in(client)
    key = discovery_cache_key(sso.issuer)
    document = cache.get(key)
    assert document["issuer"] == sso.issuer
    # Change the cached copy: the next sign-in follows it, so it did not fetch again.
    cache.set(key, {**document, "authorization_endpoint": f"{sso.issuer}/cached-auth"})
    assert start_sign_in(client).startswith(f"{sso.issuer}/cached-auth?")


# Logout.


def test_logout_after_sso_ends_the_provider_session_too(client, course, sso):
    imported_employee(user__email="siv@kommun.example")
    sso.set_accounts({"siv": {"email": "siv@kommun.example"}})
    browser = requests.Session()
    client.get(sso.sign_in(start_sign_in(client), "siv", browser=browser))
    id_token = client.session["oidc_id_token"]

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    endpoint = f"{location.scheme}://{location.netloc}{location.path}"
    assert endpoint == f"{sso.issuer}/session/end"
    query = parse_qs(location.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == [HOME]
    assert "_auth_user_id" not in client.session
    # The provider accepts the request and asks the person to confirm signing out.
    confirm = browser.get(response["Location"], timeout=10)
    assert confirm.status_code == 200
    assert "logout" in confirm.text.lower()


def test_logout_is_still_post_only(client, course, sso):
    assert client.get(reverse("logout")).status_code == 405


def test_logout_after_a_password_login_stays_local(client, course, sso):
    employee = EmployeeFactory()
    client.force_login(employee.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("logout"))
    assert response["Location"] == "/"


# An identity never becomes an account with more power by carrying its address (review H1).


def test_a_matching_address_never_links_to_an_administrator(client, course, sso):
    from people.groups import ADMINISTRATOR, ensure_groups

    admin = imported_employee(user__email="it-admin@kommun.example")
    admin.user.groups.add(ensure_groups()[ADMINISTRATOR])
    sso.set_accounts({"mallory": {"email": "IT-Admin@kommun.example"}})

    response = sign_in(client, sso, "mallory")

    assert response.status_code == 403
    assert "Kontot loggar in med lösenord" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not OIDCIdentity.objects.exists()
    entry = ModelLogEntry.objects.get(action="identity.oidc_refused")
    assert entry.data["anledning"] == "skyddat"


def test_an_address_the_provider_has_not_verified_is_refused(client, course, sso):
    imported_employee(user__email="anna@kommun.example")
    sso.set_accounts({"anna": {"email": "anna@kommun.example", "email_verified": False}})

    response = sign_in(client, sso, "anna")

    assert response.status_code == 403
    assert "E-postadressen är inte bekräftad" in response.content.decode()
    assert not OIDCIdentity.objects.exists()


def test_deactivation_ends_a_running_sso_session(client, course, sso):
    """Review H2: the OIDC backend served a deactivated user until the session expired."""
    employee = imported_employee(user__email="leaving@kommun.example")
    sso.set_accounts({"leaving": {"email": "leaving@kommun.example"}})
    sign_in(client, sso, "leaving")
    assert client.get(reverse("my_courses")).status_code == 200

    employee.is_active = False
    employee.save()

    response = client.get(reverse("my_courses"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# The matching rules, asked directly (no provider): which account an identity becomes.

ISSUER = "https://login.kommun.example"


def test_a_remembered_link_is_bound_to_both_issuer_and_subject():
    """A link wins over the claim, but only for its own (issuer, sub): the same sub from
    another provider, or another sub from the same one, is someone else."""
    linked = imported_employee(user__email="karin@kommun.example")
    OIDCIdentity.objects.create(issuer=ISSUER, subject="karin", user=linked.user)
    stranger = {"email": "okand@annan.example"}

    assert find_employee_account(issuer=ISSUER, subject="karin", claims=stranger) == (
        linked.user,
        None,
    )
    for issuer, subject in ((ISSUER, "someone-else"), ("https://other.example", "karin")):
        assert find_employee_account(issuer=issuer, subject=subject, claims=stranger) == (
            None,
            Refusal.UNKNOWN,
        )


def test_a_linked_employee_who_left_is_refused_while_others_stay_active():
    """Deactivation is the person's own, not "someone active exists"; a closed account alone
    is enough."""
    EmployeeFactory()  # a colleague, still active
    leaver = imported_employee(user__email="leaver@kommun.example")
    closed = imported_employee(user__email="closed@kommun.example")
    OIDCIdentity.objects.create(issuer=ISSUER, subject="leaver", user=leaver.user)
    OIDCIdentity.objects.create(issuer=ISSUER, subject="closed", user=closed.user)
    leaver.is_active = False
    leaver.save()
    closed.user.is_active = False
    closed.user.save()

    for subject, employee in (("leaver", leaver), ("closed", closed)):
        assert find_employee_account(issuer=ISSUER, subject=subject, claims={}) == (
            employee.user,
            Refusal.INACTIVE,
        )


@pytest.mark.parametrize("value", ["", ["nobody@kommun.example"], None])
def test_an_empty_or_non_text_claim_matches_nobody(value):
    """An empty address must not match the employees who have none."""
    imported_employee(user__email="")
    claims = {"email": value}
    assert find_employee_account(issuer=ISSUER, subject="x", claims=claims) == (
        None,
        Refusal.MISSING_CLAIM,
    )
    assert not OIDCIdentity.objects.exists()


def test_two_active_employees_with_the_address_are_ambiguous():
    imported_employee(user__email="delad@kommun.example")
    imported_employee(user__email="Delad@Kommun.example")
    claims = {"email": "delad@kommun.example"}
    assert find_employee_account(issuer=ISSUER, subject="x", claims=claims) == (
        None,
        Refusal.AMBIGUOUS,
    )
    assert not OIDCIdentity.objects.exists()


@pytest.mark.parametrize("claim", ["oid", "sub"])
def test_the_providers_id_matches_the_scim_external_id_or_the_username(settings, claim):
    """Entra ID's objectId is the SCIM externalId of a provisioned person; an account made
    with the id as its username matches too. A de-provisioned link no longer matches."""
    settings.OIDC_MATCH_CLAIM = claim
    provisioned = imported_employee()
    ScimUser.objects.create(
        employee=provisioned, user_name="p@kommun.example", external_id="oid-provisioned"
    )
    # Another provisioned person: the id must pick out its own link, not any.
    ScimUser.objects.create(
        employee=imported_employee(), user_name="q@kommun.example", external_id="oid-other"
    )
    by_username = imported_employee(user__username="oid-username")
    returned = imported_employee()  # de-provisioned once, back in the register since
    ScimUser.objects.create(
        employee=returned,
        user_name="r@kommun.example",
        external_id="oid-old",
        deprovisioned_at=timezone.now(),
    )

    def account(value):
        return find_employee_account(issuer=ISSUER, subject=value, claims={claim: value})

    assert account("oid-provisioned") == (provisioned.user, None)
    assert account("oid-username") == (by_username.user, None)
    assert account("oid-old") == (None, Refusal.UNKNOWN)
    assert account("oid-nobody") == (None, Refusal.UNKNOWN)


def test_a_refusal_is_logged_on_the_account_it_names(client, course, sso):
    """The audit entry hangs on the refused account itself, not on the site."""
    employee = imported_employee(user__email="slutat@kommun.example")
    employee.is_active = False
    employee.save()
    sso.set_accounts({"slutat": {"email": "slutat@kommun.example"}})

    assert sign_in(client, sso, "slutat").status_code == 403

    entry = ModelLogEntry.objects.get(action="identity.oidc_refused")
    assert (entry.content_type.model, entry.object_id) == ("user", str(employee.user.pk))


def test_an_unknown_identity_is_logged_on_the_site_it_tried(client, course, home_page, sso):
    """With several sites, the refusal of someone without an account is logged on the one
    the request came to, not on whichever site happens to be first."""
    from wagtail.models import Site

    tried = Site.objects.create(hostname="testserver", port=80, root_page=home_page)
    assert Site.objects.order_by("pk").first() != tried
    sso.set_accounts({"stranger": {"email": "okand@annan.example"}})

    assert sign_in(client, sso, "stranger").status_code == 403

    entry = ModelLogEntry.objects.get(action="identity.oidc_refused")
    assert (entry.content_type.model, entry.object_id) == ("site", str(tried.pk))


def test_the_first_match_is_remembered_once_and_audited_with_issuer_and_claim():
    employee = imported_employee(user__email="ny@kommun.example")
    claims = {"email": "ny@kommun.example"}

    for _ in range(2):
        assert find_employee_account(issuer=ISSUER, subject="ny", claims=claims) == (
            employee.user,
            None,
        )

    link = OIDCIdentity.objects.get()
    assert (link.issuer, link.subject, link.user) == (ISSUER, "ny", employee.user)
    entry = ModelLogEntry.objects.get(action="identity.oidc_linked")
    assert entry.data == {"utfardare": ISSUER, "claim": "email"}
