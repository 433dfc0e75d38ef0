"""Reading spreadsheets people upload: CSV from Swedish Excel or a video-meeting tool, or XLSX.

CSV arrives as UTF-8 (with or without BOM) or Windows-1252, separated by `,`, `;` or tabs;
tablib does the parsing once we know the encoding and the separator.
"""

import csv

import tablib
from django.utils.translation import gettext as _


class UnreadableFile(ValueError):
    """The upload is not a table we can read; the message says why, in Swedish."""


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("Filen har en teckenkodning som inte går att läsa. Spara den som CSV (UTF-8).")
    )


def read_table(name: str, data: bytes) -> tablib.Dataset:
    """The uploaded file as a tablib Dataset with headers from its first row."""
    if not data:
        raise UnreadableFile(_("Filen är tom."))
    if name.lower().endswith(".xlsx"):
        try:
            return tablib.Dataset().load(data, format="xlsx")
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise UnreadableFile(_("Excelfilen gick inte att läsa.")) from error
    if not name.lower().endswith((".csv", ".txt")):
        raise UnreadableFile(_("Ladda upp en CSV- eller XLSX-fil."))
    text = _decode(data)
    try:
        delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t").delimiter
    except (csv.Error, IndexError):
        delimiter = ","
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as error:  # tablib wraps csv errors inconsistently
        raise UnreadableFile(_("CSV-filen gick inte att läsa.")) from error


def find_column(dataset: tablib.Dataset, *candidates: str) -> int | None:
    """The index of the first header that matches one of the candidate names (any case)."""
    headers = [str(header or "").strip().lower() for header in dataset.headers or []]
    for candidate in candidates:
        if candidate in headers:
            return headers.index(candidate)
    return None
