"""A tiny English catalogue for tests: locale/ is written elsewhere, and a test must still see
whether a mail or a page was rendered in English."""

import struct
from pathlib import Path

HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU gettext .mo file holding these messages (msgid → msgstr)."""
    entries = sorted({"": HEADER, **messages}.items())
    ids = b"".join(key.encode() + b"\0" for key, _ in entries)
    strs = b"".join(value.encode() + b"\0" for _, value in entries)
    count = len(entries)
    ids_start = 7 * 4 + 16 * count
    strs_start = ids_start + len(ids)
    table_ids, table_strs, id_offset, str_offset = [], [], 0, 0
    for key, value in entries:
        table_ids += [len(key.encode()), ids_start + id_offset]
        table_strs += [len(value.encode()), strs_start + str_offset]
        id_offset += len(key.encode()) + 1
        str_offset += len(value.encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        header
        + struct.pack(f"{2 * count}i", *table_ids)
        + struct.pack(f"{2 * count}i", *table_strs)
        + ids
        + strs
    )


def use_english(settings, folder: Path, messages: dict[str, str]) -> None:
    """Put these English messages first in LOCALE_PATHS (Django reloads its catalogues)."""
    write_mo(folder / "en" / "LC_MESSAGES" / "django.mo", messages)
    settings.LOCALE_PATHS = [folder, *settings.LOCALE_PATHS]
