"""The gate itself: a page with known faults fails, with a message a developer can act on."""

import pytest

from tests.browser.axe import assert_accessible

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><title>Trasig sida</title></head>
<body><main>
<h1>Trasig sida</h1>
<form><input type="text" name="namn"></form>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</main></body></html>"""

FIXED_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><title>Hel sida</title></head>
<body><main>
<h1>Hel sida</h1>
<form><label for="namn">Namn</label><input type="text" id="namn" name="namn"></form>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="En prick">
</main></body></html>"""


def test_gate_fails_on_an_unlabelled_input_and_an_image_without_alt(browser):
    page = browser.new_page()
    page.set_content(BROKEN_PAGE)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "label" in message  # the rule for the input
    assert "image-alt" in message
    assert 'at input[name="namn"]' in message or "at input" in message
    assert "dequeuniversity.com" in message  # the help link
    page.close()


def test_gate_passes_the_same_page_once_fixed(browser):
    page = browser.new_page()
    page.set_content(FIXED_PAGE)
    assert_accessible(page)
    page.close()
