"""The pages of the accessibility gate, shared by every check that runs over all of them (axe,
reflow at 320 px, the W3C checker, the language of the page).

To add a page to the gate, add one line to PAGES: (who is logged in, or None, and the path),
and to STATUS if it answers other than 200. Each check asks `expect_answer` about every page it
fetches: a page that starts to redirect to the login page or to fail must not pass unseen.
"""

from urllib.parse import urlsplit

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

# The pages of the gate that do not answer 200, with what they answer.
STATUS = {
    (None, "/finns-inte/"): 404,
    (None, "/intyg/verifiera/ABCD-EFGH-JKMN/"): 404,
    (None, "/oidc/authenticate/"): 503,
    (None, "/oidc/callback/?code=x&state=y"): 400,
    ("medarbetare", f"{MODULES}/rekryteringskontroller/"): 403,
    ("dataskydd", "/admin/dataskydd/loggar/?start=nej"): 400,
    ("hr", "/uppfoljning/?start=nej"): 400,
    ("medarbetare", "/uppfoljning/"): 403,
}


def expect_answer(response, username, path) -> None:
    """The page answered what the gate expects, at the address asked for (no redirect, say to
    the login page). `response`: Playwright's, from page.goto or page.request.get."""
    who = username or "a visitor"
    assert response is not None, f"{path} as {who}: no answer"
    expected = STATUS.get((username, path), 200)
    assert response.status == expected, (
        f"{path} as {who}: HTTP {response.status}, expected {expected}"
    )
    final, asked = urlsplit(response.url), urlsplit(path)
    assert (final.path, final.query) == (asked.path, asked.query), (
        f"{path} as {who}: ended at {response.url}"
    )
