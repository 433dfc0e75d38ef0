"""Every page a learner, manager or visitor can reach passes axe-core with zero violations.

To add a page to the gate, add one line to PAGES: (who is logged in, or None, and the path).
"""

import pytest

from tests.browser.axe import assert_accessible

MODULES = "/kurser/otillaten-paverkan"

PAGES = [
    (None, "/"),
    (None, "/konto/logga-in/"),
    (None, "/konto/glomt-losenord/"),
    (None, "/konto/glomt-losenord/skickat/"),
    (None, "/konto/nytt-losenord/MQ/fel-token/"),  # a spent or broken link
    (None, "/konto/inbjudan/MQ/fel-token/"),
    (None, "/konto/losenord-sparat/"),
    (None, "/sa-gor-du-om-du-utsatts/"),
    (None, "/tillganglighet/"),
    (None, "/finns-inte/"),  # 404
    (None, "/intyg/verifiera/"),
    (None, "/intyg/verifiera/?code=12"),  # a form error
    (None, "/intyg/verifiera/ABCD-EFGH-JKMN/"),  # no such certificate
    # Single sign-on, configured below against a provider that is down. The refusal page needs
    # a live provider: tests/browser/test_sso_journey.py checks it with axe.
    (None, "/oidc/authenticate/"),  # the provider cannot be reached (503)
    (None, "/oidc/callback/?code=x&state=y"),  # an answer this browser never asked for (400)
    ("medarbetare", "/"),
    ("medarbetare", "/mina-kurser/"),
    ("medarbetare", "/intyg/"),
    ("medarbetare", "/kurstillfallen/"),
    ("medarbetare", "/kurser/"),
    ("medarbetare", f"{MODULES}/"),
    ("medarbetare", f"{MODULES}/introduktion/"),
    ("medarbetare", f"{MODULES}/hot-och-vald/"),
    ("medarbetare", f"{MODULES}/jav/"),
    ("medarbetare", f"{MODULES}/korruption-och-mutor/"),
    ("medarbetare", f"{MODULES}/rekryteringskontroller/"),  # 403 for this role
    ("chef", "/mina-kurser/"),
    ("chef", f"{MODULES}/rekryteringskontroller/"),
    # Coordinators' and HR's own pages in the admin.
    ("samordnare", "/admin/kurstillfallen/"),
    ("samordnare", "/admin/kurstillfallen/serie/"),
    ("samordnare", "/admin/kunskapstest/statistik/"),
    ("hr", "/admin/intyg/"),
    ("hr", "/admin/intyg/exporter/"),
    ("hr", "/admin/intyg/zip/"),
    ("hr", "/admin/personal/importera/"),
    ("hr", "/admin/tilldelning/"),
    ("admin", "/admin/scim-token/"),  # provisioning tokens: administrators only
    ("hr", "/admin/people/employees/"),  # the listing with its bulk invitation
    ("hr", "/konto/tvastegsverifiering/aktivera/"),  # the second factor's enrolment
    ("admin", "/admin/inloggning/identiteter/"),  # remembered SSO links
    ("dataskydd", "/admin/dataskydd/gallringsplan/"),  # the retention plan
    ("hr", "/admin/schemalagda-jobb/"),  # the scheduled jobs and the workers
    # The data protection officer's log of who saw whom: the log, a search, a form error.
    ("dataskydd", "/admin/dataskydd/loggar/"),
    ("dataskydd", "/admin/dataskydd/loggar/?person=Lindstr%C3%B6m"),
    ("dataskydd", "/admin/dataskydd/loggar/?start=nej"),
    # Follow-up: HR sees the whole organisation, a manager their subtree.
    ("hr", "/uppfoljning/"),
    ("hr", "/uppfoljning/?start=nej"),  # a form error
    ("hr", "/uppfoljning/utveckling/"),
    ("hr", "/uppfoljning/kurstillfallen/?start=2024-01-01"),
    ("hr", "/uppfoljning/personer/"),
    ("hr", "/uppfoljning/personer/?sortering=-namn&sida=2"),
    ("hr", "/uppfoljning/fragor/"),
    ("hr", "/uppfoljning/rapporter/"),
    ("hr", "/uppfoljning/exporter/"),
    ("chef", "/uppfoljning/"),
    ("chef", "/uppfoljning/personer/"),
    ("medarbetare", "/uppfoljning/"),  # 403
    # Personal data: one's own summary, HR's extracts and the record of processing.
    ("medarbetare", "/mina-uppgifter/"),
    ("hr", "/admin/dataskydd/registerutdrag/?q=a"),
    ("hr", "/admin/dataskydd/registerutdrag/?anstalld=nej"),  # a bad choice, with its message
    ("dataskydd", "/admin/dataskydd/registerforteckning/"),
    ("dataskydd", "/admin/dataskydd/registerforteckning/?utskrift=1"),
]


@pytest.fixture(autouse=True)
def _single_sign_on_configured(settings):
    """The login page shows its SSO button, and the SSO error pages can be reached."""
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    settings.OIDC_CLIENT_ID = "vaksam-axe"


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_page_has_no_wcag_violations(page, login, username, path):
    if username:
        login(username)
    page.goto(path)
    # Open every disclosure so the hidden reflections and answers are checked too.
    page.eval_on_selector_all("details", "els => els.forEach(el => el.open = true)")
    assert_accessible(page)


def test_the_register_extract_file_has_no_wcag_violations(page, login):
    """uppgifter.html, read from the ZIP a person downloads, opened as it is."""
    import io
    import zipfile

    from people.models import Employee
    from privacy import extract

    built = extract.build(Employee.objects.get(user__username="medarbetare"))
    with zipfile.ZipFile(io.BytesIO(extract.zip_bytes(built))) as archive:
        page.set_content(archive.read("uppgifter.html").decode())
    assert_accessible(page)
