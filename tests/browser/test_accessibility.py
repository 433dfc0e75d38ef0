"""Every page a learner, manager or visitor can reach passes axe-core with zero violations.

The pages are listed in tests/browser/gate.py.
"""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.gate import PAGES, expect_answer

# One test per user, walking that user's pages: each browser test restores the seeded demo
# afterwards (about two seconds), and 63 tests of one page each spent most of their time there.
USERS = list(dict.fromkeys(username for username, _ in PAGES))


@pytest.mark.parametrize("username", USERS, ids=[user or "visitor" for user in USERS])
@pytest.mark.usefixtures("gate_settings")
def test_every_page_has_no_wcag_violations(page, login, username):
    if username:
        login(username)
    failures = []
    for path in [path for user, path in PAGES if user == username]:
        expect_answer(page.goto(path), username, path)
        # Open every disclosure so the hidden reflections and answers are checked too.
        page.eval_on_selector_all("details", "els => els.forEach(el => el.open = true)")
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(str(failure))
    assert not failures, "\n\n".join(failures)


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


def test_the_gate_fails_a_page_that_redirects_or_answers_otherwise():
    from types import SimpleNamespace

    def answer(status, url):
        return SimpleNamespace(status=status, url=f"http://127.0.0.1:8000{url}")

    expect_answer(answer(200, "/mina-kurser/"), "medarbetare", "/mina-kurser/")
    expect_answer(answer(403, "/uppfoljning/"), "medarbetare", "/uppfoljning/")
    login = answer(200, "/konto/logga-in/?next=/mina-kurser/")
    with pytest.raises(AssertionError, match="ended at .*/konto/logga-in/"):
        expect_answer(login, "medarbetare", "/mina-kurser/")
    with pytest.raises(AssertionError, match="HTTP 500, expected 200"):
        expect_answer(answer(500, "/mina-kurser/"), "medarbetare", "/mina-kurser/")
    with pytest.raises(AssertionError, match="HTTP 200, expected 403"):
        expect_answer(answer(200, "/uppfoljning/"), "medarbetare", "/uppfoljning/")
