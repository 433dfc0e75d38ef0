"""The catalogue check (`make messages-check`) on catalogues planted in a temporary folder."""

import shutil
from pathlib import Path

import pytest

from vaksam.catalogues import ToolFailed, compile_messages, empty_forms, po_file

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is needed")

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def plant(locale: Path, english: str) -> None:
    for language, body in (("sv", ""), ("en", english)):
        po_file(locale, language).parent.mkdir(parents=True)
        po_file(locale, language).write_text(HEADER + body)


def test_a_plural_entry_with_an_empty_form_is_found(tmp_path):
    plant(
        tmp_path / "locale",
        'msgid "Spara"\nmsgstr "Save"\n\n'
        'msgid "%(n)s fil"\nmsgid_plural "%(n)s filer"\nmsgstr[0] "%(n)s file"\nmsgstr[1] ""\n',
    )
    compile_messages(tmp_path / "locale", tmp_path / "compiled")
    mo = tmp_path / "compiled" / "en" / "LC_MESSAGES" / "django.mo"
    assert empty_forms(mo) == ["%(n)s fil"]


def test_a_catalogue_msgfmt_refuses_says_why(tmp_path):
    plant(
        tmp_path / "locale", '#, python-format\nmsgid "%(n)s filer"\nmsgstr "%(n)s files %(m)s"\n'
    )
    with pytest.raises(ToolFailed) as failure:
        compile_messages(tmp_path / "locale", tmp_path / "compiled")
    assert str(failure.value).startswith("msgfmt failed:\n")
    assert "django.po:8: a format specification for argument 'm'" in str(failure.value)
