"""What people do, in a real browser: take the course as an employee and as a manager."""

import re

from playwright.sync_api import expect

RECRUITMENT = "Rekryteringskontroller för chefer"
EMPLOYEE_MODULES = [
    "Introduktion – vad är otillåten påverkan?",
    "Hot och våld",
    "Jäv",
    "Korruption och mutor",
]


def _module_links(page):
    return page.locator("main .list-group-item a")


def test_employee_opens_every_module_meant_for_them_and_logs_out(page, login):
    login("medarbetare")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina kurser")
    expect(_module_links(page)).to_have_text(EMPLOYEE_MODULES)
    expect(page.get_by_text(RECRUITMENT)).to_have_count(0)

    for title in EMPLOYEE_MODULES:
        page.get_by_role("link", name=title, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        page.get_by_role("link", name="Mina kurser").first.click()

    # Every module opened is now marked as read.
    expect(page.locator("main .badge", has_text=re.compile("^Läst$"))).to_have_count(4)
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()


def test_employee_gets_a_clear_refusal_for_the_managers_module(page, login):
    login("medarbetare")
    response = page.goto("/kurser/otillaten-paverkan/rekryteringskontroller/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("inte behörighet")


def test_manager_sees_and_opens_the_recruitment_module(page, login):
    login("chef")
    expect(_module_links(page)).to_have_count(5)
    page.get_by_role("link", name=RECRUITMENT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(RECRUITMENT)


def _tab_to(page, predicate_js: str, limit: int = 40):
    """Press Tab until the focused element matches, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        ):
            return
    raise AssertionError(f"Never reached an element where {predicate_js}")


def _focus_is_visible(page) -> bool:
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    outline_style, outline_width, box_shadow = style
    return (outline_style != "none" and outline_width != "0px") or box_shadow != "none"


def test_keyboard_only_login_and_module_navigation(page):
    page.goto("/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    assert _focus_is_visible(page)

    _tab_to(page, "el.textContent.trim() === 'Logga in'")
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/logga-in/")

    # The username field has focus on arrival, so typing starts at once.
    assert page.evaluate("document.activeElement.id") == "id_username"
    assert _focus_is_visible(page)
    page.keyboard.type("medarbetare")
    page.keyboard.press("Tab")
    page.keyboard.type("vaksam-demo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mina-kurser/")

    _tab_to(page, "el.textContent.trim() === 'Hot och våld'")
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hot och våld")

    _tab_to(page, "el.rel === 'next'", limit=200)
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jäv")
