"""Follow-up in a real browser: HR filters by a unit, exports XLSX and downloads the report;
a manager sees only their own subtree."""

import io
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from people.models import Employee, OrgUnit
from tests.browser.axe import assert_accessible


def test_hr_filters_by_unit_exports_and_downloads_the_report(page, login):
    unit = OrgUnit.objects.get(name="Avdelningen för individ- och familjeomsorg")
    login("hr")
    page.get_by_role("link", name="Uppföljning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning: Översikt")

    page.get_by_label("Enhet (med underliggande)").select_option(str(unit.pk))
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("heading", name=f"Nyckeltal: {unit.name}")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Översikt som Excel (XLSX)").click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert workbook.sheetnames == ["Totalt", "Per enhet", "Per roll", "Per kurs"]
    units = [row[0] for row in workbook["Per enhet"].iter_rows(min_row=2, values_only=True)]
    # Its own units, and the people placed directly in it on a row of their own.
    assert set(units) <= {child.name for child in unit.get_children()} | {f"{unit.name} (direkt)"}
    assert units

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Uppföljningsrapport (PDF)").click()
    pdf = PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert f"Uppföljningsrapport: {unit.name}" in text

    # Drill down from the unit to one of its own units, keeping the filter.
    page.get_by_role("table", name="Per enhet").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Nyckeltal:")).not_to_have_text(
        f"Nyckeltal: {unit.name}"
    )
    page.get_by_role("link", name="Personer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning: Personer")
    assert_accessible(page)


def test_a_manager_sees_only_their_subtree(page, login):
    chef = Employee.objects.get(user__username="chef")
    inside = set(Employee.objects.managed_by(chef).values_list("user__last_name", flat=True))
    outside = Employee.objects.exclude(user__last_name__in=inside).exclude(
        user__username__in=["admin"]
    )
    login("chef")
    page.goto("/uppfoljning/personer/?sortering=namn")
    rows = page.locator("tbody th[scope=row]").all_inner_texts()
    assert rows
    shown = page.locator("tbody").inner_text()
    for person in outside:
        assert person.employee_number not in shown

    # Asking for another unit by URL gets a Swedish message, not the other unit's people.
    other = OrgUnit.objects.get(name="Avdelningen för äldreomsorg")
    page.goto(f"/uppfoljning/personer/?org_unit={other.pk}")
    expect(page.get_by_text("Välj ett giltigt alternativ")).to_be_visible()
    assert page.locator("tbody").inner_text() == shown or page.locator("tbody").count() == 1
    assert_accessible(page)
