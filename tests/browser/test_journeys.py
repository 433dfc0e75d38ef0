"""What people do, in a real browser: take the course as an employee and as a manager."""

import re
from io import BytesIO
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from courses.models import CourseCompletion, ModulePage
from courses.services import record_module_completion
from people.models import Employee
from quizzes.models import QuizAttempt
from tests.browser.axe import assert_accessible

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

    # The demo employee passed the introduction before; the other three are now read.
    expect(page.locator("main .badge", has_text=re.compile("^Godkänd$"))).to_have_count(1)
    expect(page.locator("main .badge", has_text=re.compile("^Läst$"))).to_have_count(3)
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


def _answer(page, attempt, *, right: bool):
    for question in attempt.questions:
        options = [o for o in question["options"] if o["correct"] is right]
        for option in options if right else options[:1]:
            page.locator(f'input[name="q_{question["id"]}"][value="{option["id"]}"]').check()
    page.get_by_role("button", name="Lämna in svaren").click()


def test_take_a_quiz_fail_retake_pass_and_complete_the_course(page, login):
    employee = Employee.objects.get(user__username="medarbetare")
    for slug in ("hot-och-vald", "jav"):
        record_module_completion(employee=employee, module=ModulePage.objects.get(slug=slug))
    login("medarbetare")
    expect(page.locator(".course-status")).to_contain_text("1 modul kvar att klara.")

    page.get_by_role("link", name="Korruption och mutor").click()
    page.get_by_role("button", name="Gör kunskapstestet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kunskapstest")
    assert_accessible(page)

    attempt = QuizAttempt.objects.get(employee=employee, submitted_at__isnull=True)
    _answer(page, attempt, right=False)
    expect(page.locator(".result-summary")).to_contain_text("Inte godkänt")
    assert_accessible(page)

    page.get_by_role("button", name="Gör om testet").click()
    retake = QuizAttempt.objects.get(employee=employee, submitted_at__isnull=True)
    assert retake.pk != attempt.pk
    _answer(page, retake, right=True)
    expect(page.locator(".result-summary")).to_contain_text("Godkänt")
    page.eval_on_selector_all("details", "els => els.forEach(el => el.open = true)")
    assert_accessible(page)

    page.get_by_role("link", name="Till Mina kurser").click()
    completion = CourseCompletion.objects.get(employee=employee)
    expect(page.locator(".course-status")).to_contain_text(
        f"Giltig till och med {completion.valid_until.day}"
    )
    expect(page.locator("main .badge", has_text=re.compile("^Godkänd$"))).to_have_count(4)

    # The certificate: download it, then check it as anyone would, from its code.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner intyget (PDF)").click()
    pdf = Path(download_info.value.path()).read_bytes()
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "Åsa Lindström" in text
    code = completion.certificate.display_code
    assert code in text

    page.get_by_role("button", name="Logga ut").click()
    page.goto("/intyg/verifiera/")
    page.get_by_label("Intygets verifieringskod").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Kontrollera").click()
    expect(page.locator(".verification")).to_contain_text("Giltigt")
    expect(page.locator("dl")).to_contain_text("Åsa Lindström")
    assert_accessible(page)
