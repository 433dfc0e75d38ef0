"""Every interface string is marked for translation (issue 18).

Two finders that stay: the project's templates, lexed with Django's own Lexer, may hold no
words outside {% translate %}/{% blocktranslate %} (neither as text nor in an attribute a
person reads or hears); the apps' Python may pass no literal with Swedish text to a place a
person reads (messages, ValidationError, labels, help texts, verbose names, choices, panels,
menu items, mail subjects, column headers...) without gettext.

Left alone on purpose: CMS and demo content (issue 16 makes it a package), migrations, log
messages and the output of management commands (for operators, in English), tests.
"""

import ast
import re
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "certificates",
    "content",
    "courses",
    "files",
    "identity",
    "jobs",
    "people",
    "privacy",
    "quizzes",
    "reports",
    "sessions",
    "vaksam",
]

# --- Templates ---------------------------------------------------------------------------

# Text that holds no language: entities, numbers, punctuation and template placeholders.
WORD = re.compile(r"[^\W\d_]{2,}")
ENTITY = re.compile(r"&#?\w+;")
# What is not read as text: scripts, styles, comments, the doctype.
NOT_TEXT = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<!doctype[^>]*>", re.DOTALL | re.IGNORECASE
)
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*')", re.DOTALL)
READ_ATTRIBUTES = {
    "alt",
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "placeholder",
    "label",
}
# Where a template tag or variable stood; it is no word.
HOLE = "\x00"

# Template text that may stay as it is, and why.
TEMPLATE_ALLOWED = {
    # The product's name is a proper name, the same in every language.
    "Vaksam",
    # The language switcher names each language in itself, with its lang (footer.html).
    "Svenska",
    "English",
    "Language",
}


def project_templates():
    for app in ["templates", *APPS]:
        yield from sorted((ROOT / app).rglob("*.html"))
    yield from sorted((ROOT / "templates").rglob("*.txt"))
    for app in APPS:
        yield from sorted((ROOT / app).rglob("templates/**/*.txt"))


def visible_source(source: str) -> str:
    """The template with every tag, variable, comment and translated block made a hole."""
    kept, skipping = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if skipping:
                if name == skipping:
                    skipping = None
            elif name in ("blocktranslate", "blocktrans"):
                skipping = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
            elif name == "comment":
                skipping = "endcomment"
            elif name == "verbatim":
                skipping = "endverbatim"
            kept.append(HOLE)
        elif token.token_type == TokenType.TEXT and not skipping:
            kept.append(token.contents)
        else:
            kept.append(HOLE)
    return "".join(kept)


def words(text: str) -> list[str]:
    found = WORD.findall(ENTITY.sub(" ", text))
    return [word for word in found if word not in TEMPLATE_ALLOWED]


def untranslated_in_template(source: str) -> list[str]:
    text = NOT_TEXT.sub(HOLE, visible_source(source))
    problems = []
    for match in TAG.finditer(text):
        tag_name = match.group(2).lower()
        attributes = {
            name.lower(): value[1:-1] for name, value in ATTRIBUTE.findall(match.group(3))
        }
        read = [name for name in attributes if name in READ_ATTRIBUTES]
        # The value of a button is its name.
        if tag_name == "input" and attributes.get("type") in ("submit", "button", "reset"):
            read.append("value")
        # <meta name="description"> is read by search engines and shown in results.
        if tag_name == "meta" and attributes.get("name") == "description":
            read.append("content")
        for name in read:
            if words(attributes[name]):
                problems.append(f'{name}="{attributes[name]}"')
    for chunk in TAG.sub(HOLE, text).split(HOLE):
        if words(chunk):
            problems.append(" ".join(chunk.split()))
    return problems


def test_template_text_is_marked_for_translation():
    found = []
    for path in project_templates():
        for problem in untranslated_in_template(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}: {problem!r}")
    assert not found, "Unmarked interface text in templates:\n" + "\n".join(found)


def test_the_template_finder_finds_text_and_attributes_and_passes_marked_ones():
    assert untranslated_in_template("<p>Hej {{ name }}</p>") == ["Hej"]
    assert untranslated_in_template('<img alt="Logotyp" src="a.png">') == ['alt="Logotyp"']
    assert untranslated_in_template('<input type="submit" value="Spara">') == ['value="Spara"']
    assert untranslated_in_template('<input type="hidden" name="steg" value="två">') == []
    assert untranslated_in_template('<button aria-label="Stäng {{ x }}">×</button>')
    marked = (
        "{% load i18n %}<p>{% translate 'Hej' %}</p>"
        '<button aria-label="{% translate "Stäng" %}">×</button>'
        "{% blocktranslate %}Hej {{ name }}{% endblocktranslate %}"
        "{# Kommentar #}{% comment %}Kommentar{% endcomment %}"
        "<script>const a = 'b';</script><p>&nbsp;&rarr; 12 Vaksam</p>"
    )
    assert untranslated_in_template(marked) == []


# --- Python ------------------------------------------------------------------------------

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
}
# Calls whose literals are for operators or machines, not for the people using the site.
NOT_FOR_PEOPLE = {
    "debug",
    "info",
    "warning",
    "error",
    "exception",
    "critical",
    "log",
    "write",
    "CommandError",
    "print",
}
# Keywords whose literal a person reads.
READ_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "heading",
    "subject",
    "title",
    "message",
    "empty_label",
    "error_messages",
    "label_suffix",
    "description",
}
# Swedish words that are frequent in interface text (a literal with one is Swedish text).
SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(och|att|inte|för|med|som|är|på|till|av|din|ditt|dina|du|eller|kan|ska|"
    r"ingen|inga|finns|saknas|välj|ange|kurs|kurser|intyg|personer|anställd|datum|"
    r"namn|fel|sida|fråga|frågor|svar|enhet|roll|chef|fil)\b",
    re.IGNORECASE,
)
# Files left alone (see the module's docstring).
PYTHON_SKIPPED = (
    "/migrations/",
    "/management/commands/",
    "courses/demo_content.py",
    "courses/demo.py",
    "quizzes/demo_questions.py",
    "people/demo.py",
    "sessions/demo.py",
    # The synthetic organisation of the benchmarks and the load test: demo content.
    "reports/dataset.py",
    # URL paths are Swedish in every language (the project's choice: they are addresses).
    "/urls.py",
    "/settings/",
)
# Keywords whose literal is CMS content an editor starts from (issue 16), not interface text.
CONTENT_KEYWORDS = {"default", "preview_value"}
# Literals in the apps that may stay unmarked, as (file, literal): why.
PYTHON_ALLOWED = {
    # Downloaded files keep one name in every language: scripts and people's folders rely on it.
    ("certificates/admin_views.py", 'attachment; filename="intyg.zip"'): "file name",
    ("certificates/views.py", 'attachment; filename="intyg-'): "file name",
    # What a filtered list records in the access log for a search: a log entry, for the DPO.
    ("certificates/admin_views.py", "sökning"): "log entry",
    # The calendar's product identifier (RFC 5545 PRODID): read by programs only.
    ("sessions/booking.py", "-//Vaksam//Kurstillfällen//SV"): "machine identifier",
    # The SCIM service provider configuration: read by the identity provider's program.
    ("identity/scim/provider.py", "En token från manage.py create_scim_token."): "machine text",
    # Role names are the names of the groups in the database (proper names, WCAG 3.1.2).
    ("people/groups.py", "Chef"): "role name",
    ("people/groups.py", "Administratör"): "role name",
}


def project_python():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not any(part in f"/{relative}" for part in PYTHON_SKIPPED):
                yield path


def call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


# Slugs, paths, file names, query parameters and dictionary-like keys: names, not sentences.
IDENTIFIER = re.compile(r"^[\w./<>:%{}?=&#-]*$")


def is_swedish(value: str) -> bool:
    return bool(SWEDISH.search(value) and WORD.search(value))


def is_sentence(value: str) -> bool:
    """Capitalised, or with a sentence's punctuation: a lower-case word alone is more often a
    key, a slug or an accepted column header (input) than something shown."""
    stripped = value.strip()
    if IDENTIFIER.match(stripped) and not stripped[:1].isupper():
        return False
    return stripped[:1].isupper() or bool(re.search(r"[.!?:;()]", stripped))


def in_content(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.keyword) and node.arg in CONTENT_KEYWORDS:
            return True
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id in CONTENT_KEYWORDS
            for target in node.targets
        ):
            return True
    return False


# Calls whose text arguments are shown to a person.
SHOWN = {
    "success",
    "add_message",
    "ValidationError",
    "add_error",
    "MenuItem",
    "HttpResponse",
    "HttpResponseForbidden",
    "HttpResponseBadRequest",
    "JsonResponse",
    "send_mail",
    "EmailMessage",
    "EmailMultiAlternatives",
}


def read_by_people(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.keyword) and node.arg in READ_KEYWORDS:
            return True
        if isinstance(node, ast.Call) and call_name(node) in SHOWN:
            return True
    return False


def is_annotation(node: ast.AST, parents: dict) -> bool:
    parent = parents.get(node)
    return isinstance(parent, ast.FunctionDef) and parent.returns is node


def untranslated_in_python(source: str) -> list[tuple[int, str]]:
    """Swedish literals outside gettext, except docstrings, log messages and operator output."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(body[0].value)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if node in docstrings or not is_swedish(node.value):
            continue
        # Dictionary keys, comparisons and subscripts are data, not text.
        parent = parents.get(node)
        if isinstance(parent, ast.Dict) and node in parent.keys:
            continue
        if isinstance(parent, (ast.Compare, ast.Subscript)):
            continue
        if in_content(node, parents) or is_annotation(node, parents):
            continue
        ancestor, marked = node, False
        while ancestor in parents:
            ancestor = parents[ancestor]
            if isinstance(ancestor, ast.Call):
                name = call_name(ancestor)
                if name in GETTEXT or name in NOT_FOR_PEOPLE:
                    marked = True
                    break
        if not marked and (is_sentence(node.value) or read_by_people(node, parents)):
            found.append((node.lineno, node.value))
    return found


def test_python_interface_text_is_marked_for_translation():
    found = []
    for path in project_python():
        relative = path.relative_to(ROOT).as_posix()
        for line, value in untranslated_in_python(path.read_text()):
            if (relative, value) not in PYTHON_ALLOWED:
                found.append(f"{relative}:{line}: {value!r}")
    assert not found, "Unmarked interface text in Python:\n" + "\n".join(found)


def test_the_python_finder_finds_unmarked_text_and_passes_marked_text_and_logs():
    source = '''
"""Modul för kurser."""
from django.contrib import messages
from django.utils.translation import gettext as _
import logging
logger = logging.getLogger(__name__)

def view(request):
    messages.success(request, "Kursen är sparad.")
    messages.success(request, _("Kursen är sparad."))
    logger.info("Kursen är sparad för %s", request)
    raise ValidationError("Ange ett datum.")
    form.add_error("slutdatum", "ange ett senare datum")
    HEADERS = ("förnamn", "efternamn")
    return redirect(f"/mina-kurser/?sida={2}")
'''
    assert [value for _line, value in untranslated_in_python(source)] == [
        "Kursen är sparad.",
        "Ange ett datum.",
        "ange ett senare datum",
    ]


def test_the_500_page_is_in_the_active_language_and_says_so():
    """500.html is rendered without a context; the request's language is still active."""
    from django.template import loader
    from django.utils import translation

    for language in ("sv", "en"):
        with translation.override(language):
            html = loader.get_template("500.html").render()
        assert f'<html lang="{language}">' in html


# --- Two English words for one Swedish word ------------------------------------------------


def test_model_names_the_same_in_singular_and_plural_have_an_english_plural(english_entries):
    """ "intyg" is one certificate or several: the plural is its own entry (context "plural")."""
    from django.utils import translation

    from certificates.models import Certificate
    from quizzes.models import QuizAttempt

    english_entries(
        {
            "intyg": "certificate",
            "plural\x04intyg": "certificates",
            "provförsök": "quiz attempt",
            "plural\x04provförsök": "quiz attempts",
        }
    )
    with translation.override("en"):
        assert str(Certificate._meta.verbose_name) == "certificate"
        assert str(Certificate._meta.verbose_name_plural) == "certificates"
        assert str(QuizAttempt._meta.verbose_name_plural) == "quiz attempts"
