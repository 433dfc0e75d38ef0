"""Every page a learner, manager or visitor can reach passes axe-core with zero violations.

The pages are listed in tests/browser/gate.py.
"""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.gate import PAGES


@pytest.mark.parametrize(("username", "path"), PAGES)
@pytest.mark.usefixtures("gate_settings")
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
