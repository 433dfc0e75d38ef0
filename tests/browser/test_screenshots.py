"""Screenshots of the pages people use most, at a desktop (1280 px) and a phone (390 px) width,
for a person to look at: Mina kurser, Mina intyg and the certificate (as "medarbetare", once the
course is complete) and Uppföljning (as "hr").

They are written to var/artifacts/screenshots/ (the path is printed). Each is checked too: a PNG
of the right width, of a page that needs no scrolling sideways at that width.
"""

import struct
from pathlib import Path

import pypdfium2
import pytest

from courses.models import CourseCompletion, ModulePage
from courses.services import record_module_completion
from people.models import Employee

ARTIFACTS = Path(__file__).resolve().parents[2] / "var/artifacts/screenshots"
WIDTHS = [1280, 390]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HOLDER = "Åsa Lindström"  # the demo "medarbetare"


@pytest.fixture(scope="module")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _say_where(request, capsys, artifacts):
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    with capsys.disabled():
        reporter.write_line(f"Screenshots: {artifacts}")


def png_width(file: Path) -> int:
    head = file.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE, f"{file} is not a PNG"
    return struct.unpack(">I", head[16:20])[0]  # IHDR's width


def screenshot(page, path: str, file: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    page.screenshot(path=file, full_page=True)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} at {width} px is {overflow} px too wide: it scrolls sideways"
    assert png_width(file) == width


def _complete_the_course(username: str):
    employee = Employee.objects.get(user__username=username)
    for module in ModulePage.objects.live().exclude(slug="rekryteringskontroller"):
        record_module_completion(employee=employee, module=module)
    return CourseCompletion.objects.get(employee=employee).certificate


@pytest.mark.parametrize("width", WIDTHS)
def test_my_courses_my_certificates_and_the_certificate(page, login, artifacts, width):
    certificate = _complete_the_course("medarbetare")
    login("medarbetare")
    screenshot(page, "/mina-kurser/", artifacts / f"mina-kurser-{width}.png", width)
    assert "Ladda ner intyget (PDF)" in page.locator(".course-status").inner_text()

    response = page.request.get(f"/intyg/{certificate.display_code}/pdf/")
    assert response.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.body())
    first = document[0]
    assert HOLDER in first.get_textpage().get_text_range()
    file = artifacts / f"intyg-{width}.png"
    first.render(scale=width / first.get_width()).to_pil().save(file)
    assert png_width(file) == width

    screenshot(page, "/intyg/", artifacts / f"mina-intyg-{width}.png", width)
    assert page.locator(f'main a[href*="{certificate.display_code}"]').count() >= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_follow_up(page, login, artifacts, width):
    login("hr")
    screenshot(page, "/uppfoljning/", artifacts / f"uppfoljning-{width}.png", width)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Uppföljning")
