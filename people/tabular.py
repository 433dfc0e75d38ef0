"""Reading spreadsheets people upload: CSV from Swedish Excel or a video-meeting tool, or XLSX.

CSV arrives as UTF-8 (with or without BOM) or Windows-1252, separated by `,`, `;` or tabs.
Uploads are untrusted: size, rows, columns and cell length are limited while reading, so a
small file that declares a huge sheet or one enormous line cannot take the process with it.
"""

import csv
import io
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

DELIMITERS = (";", "\t", ",")


class UnreadableFile(ValueError):
    """The upload is not a table we can read; the message says why, in Swedish."""


def check_size(size: int) -> None:
    """Refuse a file before reading it when it is larger than any register needs."""
    limit = settings.TABLE_UPLOAD_MAX_BYTES
    if size > limit:
        raise UnreadableFile(
            _("Filen är för stor (högst %(mb)d MB).") % {"mb": limit // (1024 * 1024)}
        )


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("Filen har en teckenkodning som inte går att läsa. Spara den som CSV (UTF-8).")
    )


def _delimiter(text: str) -> str:
    # The header line decides; counting is linear where csv.Sniffer is quadratic on long lines.
    header = text[: text.find("\n")] if "\n" in text else text
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_rows(data: bytes):
    text = _decode(data)
    if "\x00" in text:
        raise UnreadableFile(_("Filen innehåller ogiltiga tecken (NUL). Spara den som CSV."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadableFile(
            _("CSV-filen gick inte att läsa (rad %(row)d).") % {"row": reader.line_num}
        ) from error


def _xlsx_rows(data: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile(_("Excelfilen gick inte att läsa.")) from error
    # A ZIP bomb: a few kilobytes that unpack to gigabytes.
    if unpacked > settings.TABLE_UPLOAD_MAX_BYTES * 20:
        raise UnreadableFile(_("Excelfilen packas upp till för mycket data."))
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        # The sheet's declared size is the uploader's word; read only the cells that exist.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            yield ["" if value is None else value for value in row]
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(_("Excelfilen gick inte att läsa.")) from error


def _limited(rows) -> tablib.Dataset:
    max_rows = settings.TABLE_UPLOAD_MAX_ROWS
    max_columns = settings.TABLE_UPLOAD_MAX_COLUMNS
    max_cell = settings.TABLE_UPLOAD_MAX_CELL_LENGTH
    headers, body = None, []
    for number, row in enumerate(rows, start=1):
        if number > max_rows + 1:
            raise UnreadableFile(_("Filen har fler än %(rows)d rader.") % {"rows": max_rows})
        row = list(row)
        while row and row[-1] in ("", None):
            row.pop()
        if len(row) > max_columns:
            raise UnreadableFile(
                _("Rad %(row)d har fler än %(columns)d kolumner.")
                % {"row": number, "columns": max_columns}
            )
        for value in row:
            if isinstance(value, str) and len(value) > max_cell:
                raise UnreadableFile(
                    _("Rad %(row)d har en cell med fler än %(chars)d tecken.")
                    % {"row": number, "chars": max_cell}
                )
            if isinstance(value, str) and "\x00" in value:
                raise UnreadableFile(
                    _("Rad %(row)d innehåller ogiltiga tecken (NUL).") % {"row": number}
                )
        if headers is None:
            if not row:
                continue  # blank lines above the header
            headers = [str(value).strip() for value in row]
            continue
        if not row:
            continue
        if len(row) > len(headers):
            raise UnreadableFile(
                _("Rad %(row)d har fler kolumner än rubrikraden.") % {"row": number}
            )
        body.append(row + [""] * (len(headers) - len(row)))
    if headers is None:
        raise UnreadableFile(_("Filen är tom."))
    dataset = tablib.Dataset(headers=headers)
    dataset.extend(body)
    return dataset


def read_table(name: str, data: bytes) -> tablib.Dataset:
    """The uploaded file as a tablib Dataset with headers from its first row."""
    if not data:
        raise UnreadableFile(_("Filen är tom."))
    check_size(len(data))
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return _limited(_xlsx_rows(data))
    if not lowered.endswith((".csv", ".txt")):
        raise UnreadableFile(_("Ladda upp en CSV- eller XLSX-fil."))
    return _limited(_csv_rows(data))


def find_column(dataset: tablib.Dataset, *candidates: str) -> int | None:
    """The index of the first header that matches one of the candidate names (any case)."""
    headers = [str(header or "").strip().lower() for header in dataset.headers or []]
    for candidate in candidates:
        if candidate in headers:
            return headers.index(candidate)
    return None
