"""Security finding 4 (issue 14): uploads cannot take the machine.

Limits on bytes, rows, columns and cell length, checked before or while reading; the sheet's
declared size is ignored; the CSV separator is found in linear time; stored uploads are private.
"""

import io
import stat
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from people.groups import HR, ensure_groups
from people.tabular import UnreadableFile, read_table
from tests.factories import EmployeeFactory, OrgUnitFactory

HEADER = "anställningsnummer;förnamn;efternamn;e-post;enhetskod\r\n"


def xlsx(rows, dimension: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    # Rewrite the sheet's declared size, as a hostile file would.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension ref=")
                end = text.index("/>", start) + 2
                data = (text[:start] + f'<dimension ref="{dimension}"/>' + text[end:]).encode()
            target.writestr(info, data)
    return out.getvalue()


def test_a_small_xlsx_declaring_a_huge_sheet_reads_only_its_cells():
    data = xlsx([["kod", "namn"], ["a", "Enhet A"]], dimension="A1:XFD1048576")
    assert len(data) < 10_000
    tracemalloc.start()
    started = time.monotonic()
    dataset = read_table("enheter.xlsx", data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert dataset.headers == ["kod", "namn"]
    assert list(dataset) == [("a", "Enhet A")]
    assert time.monotonic() - started < 5
    assert peak < 50 * 1024 * 1024


def test_an_xlsx_with_a_cell_far_out_is_refused_quickly():
    book = openpyxl.Workbook()
    book.active["A1"] = "kod"
    book.active["XFD1"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="fler än 50 kolumner"):
        read_table("enheter.xlsx", buffer.getvalue())
    assert time.monotonic() - started < 5


def test_a_zip_bomb_is_refused_before_unpacking(settings):
    settings.TABLE_UPLOAD_MAX_BYTES = 10_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 1_000_000)
    assert len(out.getvalue()) < 10_000
    with pytest.raises(UnreadableFile, match="packas upp till för mycket"):
        read_table("personal.xlsx", out.getvalue())


def test_a_long_first_line_is_read_in_linear_time():
    # csv.Sniffer took 8 s on a 48 KB header line.
    line = ";".join(f'"kolumn {i}, med komma"' for i in range(2000))[:48_000]
    started = time.monotonic()
    with pytest.raises(UnreadableFile):
        read_table("personal.csv", (line + "\r\n1;2\r\n").encode())
    assert time.monotonic() - started < 1


def test_the_separator_is_found_from_the_header():
    for separator in (";", ",", "\t"):
        text = separator.join(["kod", "namn", "typ"]) + "\r\n" + separator.join("abc")
        assert read_table("x.csv", text.encode()).headers == ["kod", "namn", "typ"]


def test_limits_on_bytes_rows_columns_and_cells(settings):
    settings.TABLE_UPLOAD_MAX_BYTES = 2000
    with pytest.raises(UnreadableFile, match="för stor"):
        read_table("personal.csv", b"a;b\r\n" + b"1;2\r\n" * 1000)
    settings.TABLE_UPLOAD_MAX_BYTES = 10**6
    settings.TABLE_UPLOAD_MAX_ROWS = 3
    assert len(read_table("personal.csv", b"a;b\r\n" + b"1;2\r\n" * 3)) == 3
    with pytest.raises(UnreadableFile, match="fler än 3 rader"):
        read_table("personal.csv", b"a;b\r\n" + b"1;2\r\n" * 4)
    with pytest.raises(UnreadableFile, match="Rad 2 har en cell med fler än 1000 tecken"):
        read_table("personal.csv", b"a;b\r\n1;" + b"x" * 1001)
    with pytest.raises(UnreadableFile, match="Rad 1 har fler än 50 kolumner"):
        read_table("personal.csv", ";".join(["k"] * 51).encode())
    with pytest.raises(UnreadableFile, match="Rad 2 har fler kolumner än rubrikraden"):
        read_table("personal.csv", b"a;b\r\n1;2;3")


def test_nul_bytes_get_a_swedish_message():
    with pytest.raises(UnreadableFile, match="NUL"):
        read_table("personal.csv", HEADER.encode() + b"A1;\x00;Ek;a@example.org;e")


def test_short_rows_are_padded_and_trailing_empty_cells_ignored():
    dataset = read_table("personal.csv", b"a;b;c\r\n1\r\n1;2;3;;\r\n\r\n")
    assert list(dataset) == [("1", "", ""), ("1", "2", "3")]


@pytest.mark.django_db
def test_hr_upload_over_the_limit_is_refused_and_nothing_is_stored(client, settings, private_root):
    settings.TABLE_UPLOAD_MAX_BYTES = 1024 * 1024
    hr = EmployeeFactory(org_unit=OrgUnitFactory())
    hr.user.groups.add(ensure_groups()[HR])
    client.force_login(hr.user)
    big = SimpleUploadedFile("personal.csv", HEADER.encode() + b"x" * (2 * 1024 * 1024))
    response = client.post("/admin/personal/importera/", {"employees": big})
    assert response.status_code == 200
    assert "Filen är för stor (högst 1 MB)." in response.content.decode()
    assert not any(private_root.rglob("*.*"))


@pytest.mark.django_db
def test_a_stored_upload_is_readable_by_its_owner_only(client, private_root):
    OrgUnitFactory(code="e")
    hr = EmployeeFactory(org_unit=OrgUnitFactory())
    hr.user.groups.add(ensure_groups()[HR])
    client.force_login(hr.user)
    upload = SimpleUploadedFile(
        "personal.csv", (HEADER + "A1;Åsa;Ek;asa@example.org;e\r\n").encode()
    )
    response = client.post("/admin/personal/importera/", {"employees": upload})
    assert response.status_code == 200
    [stored] = list(Path(private_root).rglob("*.csv"))
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
