"""Sessions in a real browser: an employee books and takes the calendar file; a coordinator
registers attendance."""

from pathlib import Path

from playwright.sync_api import expect

from sessions.models import Attendance, Booking, CourseSession
from tests.browser.axe import assert_accessible


def test_employee_books_a_session_and_downloads_the_calendar_file(page, login):
    login("medarbetare")
    page.get_by_role("link", name="Kurstillfällen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kurstillfällen")
    page.get_by_role("button", name="Boka").first.click()
    expect(page.locator(".alert-success")).to_contain_text("Du är bokad")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lägg in i kalendern").click()
    calendar = Path(download_info.value.path()).read_text()
    assert "BEGIN:VEVENT" in calendar and "Otillåten påverkan" in calendar
    assert Booking.objects.filter(
        employee__user__username="medarbetare", status="confirmed"
    ).exists()


def test_coordinator_marks_attendance(page, login):
    session = CourseSession.objects.filter(status="held").order_by("-starts_at").first()
    person = session.attendances.select_related("employee__user").first().employee
    login("samordnare")
    page.goto(f"/admin/kurstillfallen/{session.pk}/narvaro/")
    assert_accessible(page)
    page.get_by_label(f"Anmält förhinder: {person.full_name}").check()
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_text("Närvaro sparad")).to_be_visible()
    assert Attendance.objects.get(session=session, employee=person).status == "excused"

    page.goto(f"/admin/kurstillfallen/{session.pk}/narvaro/importera/")
    assert_accessible(page)
    page.goto("/admin/kurstillfallen/serie/")
    assert_accessible(page)
