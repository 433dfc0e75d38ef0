"""Tables out of the dashboards: CSV and XLSX, streamed, with spreadsheet formulas neutralised."""

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# After a separator (and any spaces), the start of a formula.
CSV_PIECE_FORMULA = re.compile(r"([,;\t]\s*)([=+\-@])")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# SHORT_DATE_FORMAT and SHORT_DATETIME_FORMAT (vaksam/formats) in Excel's number format syntax.
XLSX_DATE = "yyyy-mm-dd"
XLSX_DATETIME = "yyyy-mm-dd hh:mm"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: Iterable[list]
    # How many rows, when known before the rows are read (for the audit entry).
    count: int | None = None


def neutralise(value):
    """Text that a spreadsheet would take for a formula gets a leading apostrophe."""
    if type(value) is str:  # most cells: decided before the checks for the other types
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, datetime):
        # SHORT_DATETIME_FORMAT, spelt out: ISO text in every language, and cheap per row.
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value):
    """Neutralised, and every piece a program might split off at a separator neutralised too.

    Every text cell is quoted, but a program that ignores the quotes (or splits on commas where we
    wrote semicolons) would otherwise start a new cell with "=…" after the comma.
    """
    value = neutralise(value)
    if not isinstance(value, str):
        return value
    return CSV_PIECE_FORMULA.sub(lambda match: match.group(1) + "'" + match.group(2), value)


def _csv_lines(tables: list[Table]) -> Iterator[str]:
    # A BOM and semicolons: what Excel with Swedish settings opens correctly on a double click.
    yield "\ufeff"
    writer = csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_NONNUMERIC)
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                yield writer.writerow([])
            yield writer.writerow([_csv_cell(table.title)])
        yield writer.writerow([_csv_cell(header) for header in table.headers])
        for row in table.rows:
            yield writer.writerow([_csv_cell(value) for value in row])


def csv_response(tables: list[Table], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(tables), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_csv(tables: list[Table], fileobj) -> None:
    """The same CSV as `csv_response`, into a binary file (the worker's exports)."""
    for line in _csv_lines(tables):
        fileobj.write(line.encode("utf-8"))


def write_xlsx(tables: list[Table], fileobj) -> None:
    """One sheet per table, written row by row (openpyxl's write-only mode) into `fileobj`."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        sheet.append([_text_cell(sheet, header) for header in table.headers])
        for row in table.rows:
            sheet.append([_cell(sheet, value) for value in row])
    workbook.save(fileobj)


def xlsx_response(tables: list[Table], filename: str) -> FileResponse:
    """The workbook written to a temporary file and streamed from there."""
    spool = tempfile.TemporaryFile()
    write_xlsx(tables, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)


WRITERS = {"xlsx": write_xlsx, "csv": write_csv}


def _cell(sheet, value):
    if isinstance(value, date):
        return _date_cell(sheet, value)
    value = neutralise(value)
    return value if isinstance(value, int | float) else _text_cell(sheet, value)


def _date_cell(sheet, value: date) -> WriteOnlyCell:
    """A real date cell, so Excel's date filter and sorting work (the CSV keeps ISO text)."""
    if isinstance(value, datetime):
        # Excel has no time zone: the Swedish local time, as on the page, without its offset.
        if timezone.is_aware(value):
            value = timezone.make_naive(value)  # into the current (Swedish) time zone
        number_format = XLSX_DATETIME
    else:
        number_format = XLSX_DATE
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _text_cell(sheet, value) -> WriteOnlyCell:
    # Typed as a string, so even an unneutralised "=" could never be stored as a formula.
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"
    return cell


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31]
