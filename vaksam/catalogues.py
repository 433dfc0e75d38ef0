"""The translation catalogues in locale/: `make messages` writes them, `make messages-check`
checks them (CI).

Swedish is the source language (the msgids are Swedish), so the Swedish catalogue is the
identity, filled by `msgen`; the English one is filled by translators. The .mo files are
committed, so installing the app needs no gettext; the check makes sure they are the .po files
compiled.

    python -m vaksam.catalogues           # update the .po files and compile them
    python -m vaksam.catalogues --check   # exit 1, saying why, when anything is out of date
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ["sv", "en"]
SOURCE_LANGUAGE = "sv"
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
IGNORED = [".venv/*", "node_modules/*", "tests/*", "bench/*", "var/*", "deploy/*"]
# The one header line makemessages rewrites on every run.
CREATION_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)


def po_file(locale: Path, language: str) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def make_messages(tree: Path) -> None:
    """makemessages in `tree` (the repository or a copy of it), then the Swedish identity."""
    from django.conf import settings
    from django.core.management import call_command

    locale = tree / "locale"
    # makemessages scans the current directory and writes into the first of LOCALE_PATHS.
    settings.LOCALE_PATHS = [str(locale)]
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        call_command(
            "makemessages",
            locale=LANGUAGES,
            no_location=True,
            no_obsolete=True,
            ignore_patterns=IGNORED,
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    # In the source language every translation is its msgid. msgen fills only empty ones, and
    # msgmerge guesses for a new msgid from a similar old one ("(borttagen fråga)" got "dragna
    # frågor"): every msgstr is emptied first, then all are filled.
    source = str(po_file(locale, SOURCE_LANGUAGE))
    run("msgattrib", "--clear-fuzzy", "--clear-previous", "-o", source, source)
    run("msgfilter", "--keep-header", "-i", source, "-o", source, "sed", "-e", "d")
    run("msgen", "-o", source, source)
    # Translations of other apps' strings that their catalogues lack (Wagtail's Swedish has
    # gaps): kept by hand in locale/<language>/overrides.po, since makemessages drops what our
    # code does not hold; locale/ comes first in LOCALE_PATHS, so these win.
    for language in LANGUAGES:
        overrides = locale / language / "overrides.po"
        if overrides.exists():
            target = po_file(locale, language)
            run("msgcat", "--use-first", "-o", str(target), str(target), str(overrides))


def compile_messages(locale: Path, into: Path) -> None:
    for language in LANGUAGES:
        target = into / language / "LC_MESSAGES" / "django.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        run("msgfmt", "--check-format", "-o", str(target), str(po_file(locale, language)))


class ToolFailed(Exception):
    """A gettext tool refused a catalogue; the message is what it said (the line at fault)."""


def run(*command: str) -> str:
    # gettext's own tools with paths from this module: nothing from outside.
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise ToolFailed(f"{command[0]} failed:\n{result.stderr.strip()}")
    return result.stdout


def entries(po_text: str) -> list[str]:
    """The msgids of a catalogue's entries (the header left out), for messages."""
    found = re.findall(r'^msgid ((?:".*"\n)+)', po_text, re.MULTILINE)
    msgids = ["".join(re.findall(r'"(.*)"', block)) for block in found]
    return [msgid for msgid in msgids if msgid]


def catalogue(mo_file: Path) -> dict:
    with mo_file.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def empty_forms(mo_file: Path) -> list[str]:
    """The msgids with a translation left empty in a compiled catalogue: a plural entry with
    one form filled passes `msgattrib --untranslated`, and ngettext then returns ''."""
    found = []
    for key, text in catalogue(mo_file).items():
        msgid = key[0] if isinstance(key, tuple) else key  # a plural form: (msgid, index)
        if msgid and not text and msgid not in found:
            found.append(msgid)
    return found


def check() -> list[str]:
    problems = []
    with tempfile.TemporaryDirectory(prefix="vaksam-messages-") as temporary:
        # A copy of the sources (a few MB): makemessages also writes into a locale/ it finds
        # in the directory it scans, so the repository's must stay out of its reach.
        tree = Path(temporary) / "tree"
        shutil.copytree(
            ROOT,
            tree,
            ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", "var", "*.mo"),
        )
        make_messages(tree)
        copy = tree / "locale"
        for language in LANGUAGES:
            committed = CREATION_DATE.sub("", po_file(LOCALE, language).read_text())
            fresh = CREATION_DATE.sub("", po_file(copy, language).read_text())
            if committed != fresh:
                problems.append(
                    f"locale/{language}: the catalogue is not up to date with the code "
                    "(run `make messages` and commit locale/)."
                )
        for language in TRANSLATED:
            source = str(po_file(LOCALE, language))
            for kind, option in [("untranslated", "--untranslated"), ("fuzzy", "--only-fuzzy")]:
                missing = entries(run("msgattrib", "--no-obsolete", option, source))
                if missing:
                    shown = "\n".join(f"    {msgid!r}" for msgid in missing[:10])
                    problems.append(
                        f"locale/{language}: {len(missing)} {kind} entries, among them:\n{shown}"
                    )
        compiled = Path(temporary) / "compiled"
        compile_messages(LOCALE, compiled)
        for language in LANGUAGES:
            mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
            fresh = compiled / language / "LC_MESSAGES" / "django.mo"
            if empty := empty_forms(fresh):
                shown = "\n".join(f"    {msgid!r}" for msgid in empty[:10])
                problems.append(
                    f"locale/{language}: {len(empty)} entries with an empty plural form, "
                    f"among them:\n{shown}"
                )
            if not mo.exists() or catalogue(mo) != catalogue(fresh):
                problems.append(
                    f"locale/{language}: django.mo is not the compiled django.po "
                    "(run `make messages` and commit locale/)."
                )
    return problems


def main(arguments: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.dev")
    import django

    django.setup()
    if shutil.which("msgfmt") is None:
        sys.stderr.write("gettext is needed: apt-get install gettext\n")
        return 1
    if "--check" in arguments:
        try:
            problems = check()
        except ToolFailed as failure:
            problems = [str(failure)]
        for problem in problems:
            sys.stderr.write(problem + "\n")
        if not problems:
            sys.stdout.write("The translation catalogues are up to date, complete and compiled.\n")
        return 1 if problems else 0
    try:
        make_messages(ROOT)
        compile_messages(LOCALE, LOCALE)
    except ToolFailed as failure:
        sys.stderr.write(f"{failure}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
