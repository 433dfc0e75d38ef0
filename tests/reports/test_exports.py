"""Exports: the same figures as the page, formulas neutralised, every export in the audit log."""

import io
import mimetypes
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from people.groups import HR, ensure_groups
from people.models import OrgUnit
from reports.exports import (
    XLSX,
    Table,
    _sheet_title,
    csv_response,
    neutralise,
    write_csv,
    write_xlsx,
)
from reports.models import ReportBundle
from tests.factories import UserFactory
from tests.reports.conftest import PERIOD


def csv_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+46701234567", "'+46701234567"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Anna", "Anna"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        (-2, -2),
        (1.5, 1.5),
        (None, ""),
        # Swedish local time: 23:30 UTC on 28 February is 00:30 on 1 March in Stockholm.
        (datetime(2026, 2, 28, 23, 30, tzinfo=UTC), "2026-03-01 00:30"),
        (datetime(2026, 7, 1, 9, 5, tzinfo=UTC), "2026-07-01 11:05"),
        (date(2026, 3, 1), "2026-03-01"),
        # Anything else is written as its text, and that text is neutralised like any other.
        (Decimal("2.5"), "2.5"),
        (OrgUnit(name="Nämnd A", code="A"), "Nämnd A (A)"),
        (OrgUnit(name='=HYPERLINK("http://x")', code="X"), '\'=HYPERLINK("http://x") (X)'),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_sheet_titles_are_names_excel_accepts():
    # None of []:*?/\ is allowed in a sheet's name.
    assert _sheet_title("Per enhet [A/B]: *?\\") == "Per enhet  A B      "
    assert _sheet_title("Utveckling per månad, XLSX") == "Utveckling per månad, XLSX"
    assert _sheet_title("x" * 40) == "x" * 31


def test_people_csv_has_every_row_and_neutralised_formulas(hr_client, org):
    response = hr_client.get(reverse("reports:people_export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="uppfoljning-people')
    assert response["Content-Disposition"].endswith('.csv"')
    lines = csv_text(response).splitlines()
    assert lines[0].startswith('"Namn";"Anställningsnummer";"Enhet"')
    assert len(lines) == 1 + 7
    formula_row = next(line for line in lines if "HYPERLINK" in line)
    # csv quotes the cell (it holds a quote sign); inside, the apostrophe comes first.
    assert formula_row.startswith('"\'@SUM(1+1) =HYPERLINK(""http://x"")"')


def test_people_xlsx_holds_text_never_formulas(hr_client, org):
    response = hr_client.get(reverse("reports:people_export", args=["xlsx"]))
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="uppfoljning-people')
    assert response["Content-Disposition"].endswith('.xlsx"')
    content = b"".join(response.streaming_content)
    assert content.startswith(b"PK\x03\x04")  # the whole file, from its first byte
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Personer"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Namn", "Anställningsnummer", "Enhet")
    assert len(rows) == 8
    names = [row[0] for row in rows[1:]]
    assert '\'@SUM(1+1) =HYPERLINK("http://x")' in names
    # Every cell of Personer but a date is text, never a formula nor a type Excel would refuse
    # (openpyxl writes text inline; an empty cell reads back as "inlineStr", any other as "s").
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert {cell.data_type for cell in cells if not cell.is_date} == {"s", "inlineStr"}


def test_people_xlsx_dates_are_date_cells_and_the_csv_keeps_iso_text(hr_client, org):
    """Excel's date filter needs real dates; the CSV writes the same day as 2026-09-01."""
    response = hr_client.get(reverse("reports:people_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Personer"]
    rows = list(sheet.iter_rows())
    due = rows[0][5].value
    assert due == "Klar senast"
    cells = [row[5] for row in rows[1:]]
    assert all(cell.is_date for cell in cells)
    assert {cell.value for cell in cells} == {datetime(2026, 9, 1)}  # openpyxl reads a datetime
    assert {cell.number_format for cell in cells} == {"yyyy-mm-dd"}
    response = hr_client.get(reverse("reports:people_export", args=["csv"]))
    assert '"2026-09-01"' in csv_text(response).splitlines()[1]


def test_xlsx_datetimes_are_naive_swedish_time_with_the_minutes_shown():
    # 23:30 UTC on 28 February is 00:30 on 1 March in Stockholm; Excel has no time zone.
    table = Table("Tillfällen", ["Börjar"], [[datetime(2026, 2, 28, 23, 30, tzinfo=UTC)]])
    spool = io.BytesIO()
    write_xlsx([table], spool)
    cell = load_workbook(io.BytesIO(spool.getvalue()))["Tillfällen"]["A2"]
    assert cell.is_date
    assert cell.value == datetime(2026, 3, 1, 0, 30)
    assert cell.number_format == "yyyy-mm-dd hh:mm"


def test_an_xlsx_is_a_workbook_even_where_the_server_has_no_mime_types(hr_client, org, monkeypatch):
    # A slim container has no /etc/mime.types, and Python alone does not know .xlsx.
    monkeypatch.setattr(mimetypes, "guess_type", lambda *args, **kwargs: (None, None))
    response = hr_client.get(reverse("reports:overview_export", args=["xlsx"]))
    assert response["Content-Type"] == XLSX


def test_xlsx_text_that_excel_reads_as_an_error_stays_text():
    # "#N/A" is what a failed lookup leaves in a spreadsheet the personnel file came from.
    table = Table("Personer", ["Namn", "Antal"], [["#N/A", 3], ["=1+2", 1.5]])
    spool = io.BytesIO()
    write_xlsx([table], spool)
    sheet = load_workbook(io.BytesIO(spool.getvalue()))["Personer"]
    cells = [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]
    assert cells == [
        [("Namn", "s"), ("Antal", "s")],
        [("#N/A", "s"), (3, "n")],
        [("'=1+2", "s"), (1.5, "n")],
    ]


def test_overview_xlsx_has_a_sheet_per_table_with_the_pages_numbers(hr_client, org):
    response = hr_client.get(reverse("reports:overview_export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Totalt", "Per enhet", "Per roll", "Per kurs"]
    assert list(workbook["Totalt"].iter_rows(values_only=True))[1] == ("Alla", 7, 3, 43, 2, 1, 1)
    units = {row[0]: row[1] for row in workbook["Per enhet"].iter_rows(values_only=True)}
    assert units == {"Enhet": "Tilldelade", "Nämnd A": 5, "Nämnd B": 2}


def test_exports_keep_the_filter(hr_client, org):
    response = hr_client.get(
        reverse("reports:sessions_export", args=["csv"]), {"org_unit": org.a.pk, **PERIOD}
    )
    lines = csv_text(response).splitlines()
    # Booked a1 and a3 of A; present a1 and a4; no-show 50 %.
    assert lines[1].split(";")[4:] == ["2", "2", "1", "0", "50"]


def test_every_export_is_written_to_the_audit_log(hr_client, org):
    hr_client.get(reverse("reports:people_export", args=["xlsx"]), {"org_unit": org.a.pk})
    entry = ModelLogEntry.objects.get(action="reports.export")
    assert entry.user.username == "hr-analytiker"
    assert entry.data["vy"] == "people"
    assert entry.data["format"] == "xlsx"
    assert entry.data["rader"] == 5
    assert entry.data["filter"]["enhet"] == "Nämnd A"


def test_viewing_named_people_is_logged_too(hr_client, org):
    hr_client.get(reverse("reports:people"))
    assert ModelLogEntry.objects.filter(action="reports.view").count() == 1


def test_an_unknown_format_is_not_found(hr_client, org):
    assert hr_client.get(reverse("reports:people_export", args=["pdf"])).status_code == 404


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_follow_up_report_pdf(hr_client, org):
    response = hr_client.get(reverse("reports:report"), {"org_unit": org.a.pk, **PERIOD})
    assert response["Content-Type"] == "application/pdf"
    assert "uppfoljningsrapport-a-namnd-a-20260101-20260630.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Uppföljningsrapport: Nämnd A" in text
    assert "Period 1 januari 2026 – 30 juni 2026" in text
    for expected in ["Per enhet", "Enhet A1", "Per roll", "Kurstillfällen under perioden",
                     "Utveckling per månad", "mars 2026"]:  # fmt: skip
        assert expected in text
    assert "Nämnd B" not in text and "Enhet B1" not in text
    assert ModelLogEntry.objects.filter(action="reports.report").count() == 1


def test_every_nämnds_report_in_one_zip(hr_client, org):
    response = hr_client.post(reverse("reports:bundles"), PERIOD)
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == [
        "uppfoljningsrapport-a-namnd-a-20260101-20260630.pdf",
        "uppfoljningsrapport-b-namnd-b-20260101-20260630.pdf",
    ]
    texts = [pdf_text(archive.read(name)) for name in names]
    # The same structure for every nämnd.
    for text, unit in zip(texts, ["Nämnd A", "Nämnd B"], strict=True):
        assert f"Uppföljningsrapport: {unit}" in text
        assert text.index("Per enhet") < text.index("Per roll") < text.index("Utveckling")


@override_settings(REPORT_ZIP_INLINE_LIMIT=1)
def test_many_reports_are_built_in_the_background(
    hr_client, org, private_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(reverse("reports:bundles"), PERIOD)
    assert response.status_code == 302
    bundle = ReportBundle.objects.get()
    assert bundle.state == "ready"  # the immediate backend ran the task
    download = hr_client.get(reverse("reports:bundle_download", args=[bundle.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 2
    assert "Ladda ner paketet" in hr_client.get(reverse("reports:bundles")).content.decode()
    # Another HR user cannot fetch someone else's bundle.
    colleague = UserFactory(username="hr-kollega")
    colleague.groups.add(ensure_groups()[HR])
    hr_client.force_login(colleague)
    assert hr_client.get(reverse("reports:bundle_download", args=[bundle.pk])).status_code == 404


def test_csv_pieces_after_a_separator_are_neutralised_and_every_cell_quoted():
    from reports.exports import _csv_lines

    table = Table("T", ["Namn", "Antal"], [["Ek, =HYPERLINK(1);+2\t-3", 5]])
    [header, row] = "".join(_csv_lines([table])).lstrip("\ufeff").splitlines()
    assert header == '"Namn";"Antal"'
    assert row == "\"Ek, '=HYPERLINK(1);'+2\t'-3\";5"


def test_a_csv_of_several_tables_puts_each_under_its_title_and_the_worker_writes_the_same():
    tables = [
        Table("Per enhet", ["Enhet", "Tilldelade"], [["=Nämnd A", 5]]),
        Table("Per roll", ["Roll", "Tilldelade"], [["Chef", 1]]),
    ]
    streamed = b"".join(csv_response(tables, "uppfoljning").streaming_content)
    fileobj = io.BytesIO()
    write_csv(tables, fileobj)
    assert fileobj.getvalue() == streamed
    assert streamed.decode("utf-8").splitlines() == [
        '\ufeff"Per enhet"',
        '"Enhet";"Tilldelade"',
        '"\'=Nämnd A";5',
        "",
        '"Per roll"',
        '"Roll";"Tilldelade"',
        '"Chef";1',
    ]
    # One table needs no title: the file starts with its headers.
    fileobj = io.BytesIO()
    write_csv(tables[1:], fileobj)
    assert fileobj.getvalue().decode("utf-8-sig").splitlines()[0] == '"Roll";"Tilldelade"'
