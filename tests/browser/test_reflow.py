"""Reflow at 320 CSS px (WCAG 1.4.10) on every page of the gate (tests/browser/gate.py): no
page scrolls sideways; a table too wide for a phone scrolls inside a named, focusable region.

One login per user: the pages are walked user by user, and every failing page is reported.
"""

import pytest

from tests.browser.gate import PAGES, expect_answer
from tests.browser.reflow import REFLOW_HEIGHT, REFLOW_WIDTH, assert_reflows, reflow_faults

USERS = list(dict.fromkeys(username for username, _ in PAGES))


def give_a_certificate(username):
    """Mina intyg lists certificates in a table, and the demo's learner holds none."""
    from datetime import timedelta

    from django.utils import timezone

    from certificates.services import issue_certificate
    from courses.models import CourseCompletion, CoursePage
    from people.models import Employee

    completion = CourseCompletion.objects.create(
        employee=Employee.objects.get(user__username=username),
        course=CoursePage.objects.get(slug="otillaten-paverkan"),
        completed_at=timezone.now(),
        valid_until=timezone.localdate() + timedelta(days=730),
    )
    issue_certificate(completion=completion)


@pytest.mark.parametrize("username", USERS, ids=[user or "visitor" for user in USERS])
@pytest.mark.usefixtures("gate_settings")
def test_no_page_scrolls_sideways_at_320_px(page, login, username):
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": REFLOW_HEIGHT})
    if username == "medarbetare":
        give_a_certificate(username)
    if username:
        login(username)
    faults = []
    for path in [path for user, path in PAGES if user == username]:
        expect_answer(page.goto(path), username, path)
        # Open every disclosure: what it hides must reflow too.
        page.eval_on_selector_all("details", "els => els.forEach(el => el.open = true)")
        if fault := reflow_faults(page):
            faults.append(fault)
    assert not faults, "\n".join(faults)


# The check itself: a page too wide for a phone fails, and says what is too wide.
WIDE_TABLE = """<!DOCTYPE html><html lang="sv"><head><title>Bred</title>
<style>.table-responsive {{ overflow-x: auto; }}</style></head><body><main>
<h1>Bred tabell</h1>{}
</main></body></html>"""
TABLE = """<table class="deltagare"><caption id="rubrik">Deltagare</caption>
<tr><td style="white-space: nowrap">Ett namn som inte ryms på en telefon, inte ens på tvären</td>
</tr></table>"""


def wide_page(page, body):
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": REFLOW_HEIGHT})
    page.set_content(WIDE_TABLE.format(body))


def test_a_table_wider_than_the_screen_fails_and_is_named(browser):
    page = browser.new_page()
    wide_page(page, TABLE)
    with pytest.raises(AssertionError) as failure:
        assert_reflows(page)
    message = str(failure.value)
    assert "and scrolls sideways" in message
    assert "table.deltagare (sticks out):" in message  # the outermost offender, with its width
    assert "px wide, right edge at" in message
    page.close()


def test_a_scrolling_box_must_be_a_named_focusable_region(browser):
    page = browser.new_page()
    wide_page(
        page,
        '<div class="table-responsive">' + TABLE + "</div>",
    )
    with pytest.raises(AssertionError) as failure:
        assert_reflows(page)
    message = str(failure.value)
    assert "and scrolls sideways" not in message  # the page itself does not
    assert 'div.table-responsive scrolls sideways but lacks role="region"' in message
    assert "a name" in message
    assert 'tabindex="0"' in message
    page.close()


def test_a_table_cut_off_by_a_box_that_does_not_scroll_fails(browser):
    """As the Wagtail admin does with whatever overflows its main area: nothing scrolls, and
    the columns past the edge are out of reach."""
    page = browser.new_page()
    wide_page(page, '<div style="overflow-x: hidden">' + TABLE + "</div>")
    with pytest.raises(AssertionError) as failure:
        assert_reflows(page)
    message = str(failure.value)
    assert "and scrolls sideways" not in message
    assert "table.deltagare (cut off, out of reach):" in message
    page.close()


def test_a_table_scrolling_in_a_named_focusable_region_passes(browser):
    page = browser.new_page()
    wide_page(
        page,
        '<div class="table-responsive" role="region" aria-labelledby="rubrik" tabindex="0">'
        + TABLE
        + "</div>",
    )
    assert_reflows(page)
    page.close()


@pytest.mark.usefixtures("gate_settings")
def test_stacked_cards_keep_their_table_roles(page, login):
    """Safari drops a table's semantics when its display changes: the roles keep them."""
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": REFLOW_HEIGHT})
    login("medarbetare")
    page.goto("/kurstillfallen/")
    roles = page.eval_on_selector(
        "table.table-stack",
        """table => ({
            table: table.getAttribute('role'),
            rows: [...table.querySelectorAll('tr')].map(el => el.getAttribute('role')),
            headers: [...table.querySelectorAll('th')].map(el => el.getAttribute('role')),
            cells: [...table.querySelectorAll('td')].map(el => el.getAttribute('role')),
            groups: [...table.querySelectorAll('thead, tbody')].map(el => el.getAttribute('role')),
        })""",
    )
    assert roles["table"] == "table" and roles["cells"]
    assert set(roles["rows"]) == {"row"} and set(roles["headers"]) == {"columnheader"}
    assert set(roles["cells"]) == {"cell"} and set(roles["groups"]) == {"rowgroup"}
