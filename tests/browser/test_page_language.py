"""Every page of the gate is in one language, the one the browser asks for (issue 18, WCAG 3.1.1
and 3.1.2): with Accept-Language en-GB the page says <html lang="en"> and its interface text is
English only, with sv-SE it says "sv" and is Swedish only.

The text checked is what a person sees or hears (text nodes, alt, aria-label, title,
placeholder, the value of buttons), outside elements whose nearest `lang` differs from the
root's (CMS content marked as Swedish on an English page is in its language, correctly said).
Proper names from the database are exempt (WCAG 3.1.2): units, roles, people, the organisation.
A page fails on
  (a) a catalogue entry of several words, in the other language, found in its text: a Swedish
      msgid whose English differs on an English page, that English on a Swedish page;
  (b) a frequent function word of the other language, as a whole word.
Each failure names the page and the sentence. One login per user and language: the pages are
grouped by who is logged in.
"""

import gettext
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.gate import PAGES, expect_answer

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo"
BROWSER_LOCALES = {"en": "en-GB", "sv": "sv-SE"}
# Frequent function words: one of the other language's in a sentence is a sentence in it.
FUNCTION_WORDS = {
    "sv": {
        "och", "att", "inte", "för", "med", "som", "är", "på", "av", "din", "ditt", "dina",
        "du", "eller", "kan", "ska", "vid", "inga", "ingen", "har", "det", "den", "ett", "en",
        "om", "finns", "vill", "från", "måste", "sig", "efter", "här",
    },
    "en": {
        "the", "and", "of", "your", "you", "to", "is", "are", "with", "this", "not", "for",
        "has", "have", "there", "from", "must", "or", "an", "can", "will", "please",
    },
}  # fmt: skip
# An entry of fewer words is too likely to be the same in both languages or a fragment of
# something else ("Status", "E-post", "HR").
MIN_WORDS = 3
PLACEHOLDER = re.compile(r"%(\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^}]*\}|<[^>]+>")

# Text nodes and read attributes that are visible or heard, each with its nearest `lang`.
TEXTS_JS = """
() => {
  const root = (document.documentElement.getAttribute('lang') || '').toLowerCase();
  const out = [];
  const primary = (l) => (l || '').toLowerCase().split('-')[0];
  const langOf = (el) => {
    const marked = el.closest('[lang]');
    return marked ? marked.getAttribute('lang') : '';
  };
  const shown = (el) => el.checkVisibility ? el.checkVisibility({visibilityProperty: true})
                                            : !!el.getClientRects().length;
  const skip = 'script, style, noscript, template';
  const walker = document.createTreeWalker(document.body || document.documentElement,
                                           NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || !node.textContent.trim()) continue;
    if (!shown(el)) continue;
    out.push([primary(langOf(el)), node.textContent]);
  }
  const attrs = ['alt', 'aria-label', 'title', 'placeholder', 'aria-description'];
  for (const el of document.querySelectorAll('*')) {
    if (el.closest('head, ' + skip) && el.tagName !== 'TITLE') continue;
    for (const a of attrs) {
      if (el.hasAttribute(a)) out.push([primary(langOf(el)), el.getAttribute(a)]);
    }
    if (el.matches('input[type=submit], input[type=button], input[type=reset]') && el.value)
      out.push([primary(langOf(el)), el.value]);
  }
  // <title> can carry no lang of its own: a content page's title is checked without it.
  out.push(['title:' + primary(root), document.title]);
  return {root, texts: out};
}
"""


def grouped_pages():
    by_user = defaultdict(list)
    for username, path in PAGES:
        by_user[username].append(path)
    return list(by_user.items())


def catalogue_fragments(*, whole: bool = False) -> dict[str, set[str]]:
    """For a page in each language, the catalogue text of the other that must not be on it:
    the Swedish msgids whose English differs and that English, cut at placeholders and markup
    into fragments of several words; a fragment both languages share is left out. `whole`
    adds each entry without placeholders whole, however short."""
    with CATALOGUE.open("rb") as handle:
        entries = gettext.GNUTranslations(handle)._catalog
    fragments = {"sv": set(), "en": set()}
    for msgid, english in entries.items():
        if isinstance(msgid, tuple):  # a plural form: (msgid, index)
            msgid = msgid[0]
        if not msgid or not english or english == msgid:
            continue
        for language, text in (("sv", msgid), ("en", english)):
            if whole and not PLACEHOLDER.search(text):
                fragments[language].add(normalised(text))
            for part in PLACEHOLDER.split(text):
                part = normalised(part or "")
                if len(part.split()) >= MIN_WORDS:
                    fragments[language].add(part)
    shared = fragments["sv"] & fragments["en"]
    return {"en": fragments["sv"] - shared, "sv": fragments["en"] - shared}


def normalised(text: str) -> str:
    return " ".join(text.split())


def proper_names() -> tuple[re.Pattern, list[str]]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from content.models import SiteSettings
    from people.models import OrgUnit, Role

    names = set(OrgUnit.objects.values_list("name", flat=True))
    names |= set(Role.objects.values_list("name", flat=True))
    names |= set(Group.objects.values_list("name", flat=True))
    for first, last in get_user_model().objects.values_list("first_name", "last_name"):
        names |= {f"{first} {last}", f"{last}, {first}", first, last}
    for settings in SiteSettings.objects.all():
        names |= {settings.organisation_name, settings.signer_name}
    names |= set(Site.objects.values_list("site_name", flat=True))
    longest_first = sorted((name for name in names if name and name.strip()), key=len, reverse=True)
    pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)"
    return re.compile(pattern), longest_first


def page_titles() -> tuple[re.Pattern, list[str]]:
    from wagtail.models import Page

    titles = {title for title in Page.objects.values_list("title", flat=True) if title.strip()}
    longest_first = sorted(titles, key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)"
    ), longest_first


def shortened_name(sentence: str, names: list[str]) -> bool:
    """A long name cut short to fit a table cell ("Avdelningen för individ- oc…")."""
    if not sentence.endswith("…"):
        return False
    start = sentence[:-1].strip()
    return any(name.startswith(start) for name in names)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"\n+|(?<=[.!?:])\s+", text) if s.strip()]


def language_problems(
    path: str,
    language: str,
    page_texts: dict,
    names: tuple | None,
    forbidden: set[str],
    titles: tuple | None = None,
    marked: dict[str, set[str]] | None = None,
) -> list[str]:
    """`forbidden`: the other language's catalogue text, not to be in the page's own; `marked`:
    for a part marked as another language, the catalogue text that is not in that language
    (interface text inside CMS content marked lang="sv" on an English page is English)."""
    problems = []
    if page_texts["root"] != language:
        problems.append(f'{path}: <html lang="{page_texts["root"]}">, expected "{language}"')
    values = []
    marked_values = defaultdict(list)
    for element_language, value in page_texts["texts"]:
        if element_language == f"title:{language}":
            # The document's title names a CMS page in its content language ("Hot och våld –
            # Vaksam"), and a title element cannot mark that part: a page's title is a name.
            value = titles[0].sub(" ", value) if titles else value
        elif element_language != language:
            marked_values[element_language].append(value)
            continue
        values.append(value)
    for element_language, texts in sorted(marked_values.items()):
        # Interface text is mostly a whole text node ("Show reflection"), too short for a
        # fragment: a node that is a whole catalogue entry counts too.
        nodes = {normalised(text) for text in texts}
        flat = normalised("\n".join(texts))
        for wrong in sorted((marked or {}).get(element_language, ())):
            long = len(wrong.split()) >= MIN_WORDS
            if wrong in nodes or (
                long and wrong in flat and re.search(rf"(?<!\w){re.escape(wrong)}(?!\w)", flat)
            ):
                problems.append(f"{path}: {wrong!r} marked as {element_language}")
    text = "\n".join(values)
    if names:
        text = names[0].sub(" ", text)
    flat = normalised(text)
    other = "sv" if language == "en" else "en"
    for wrong in sorted(forbidden):
        if wrong in flat and re.search(rf"(?<!\w){re.escape(wrong)}(?!\w)", flat):
            problems.append(f"{path}: catalogue text in {other}: {wrong!r}")
    words = FUNCTION_WORDS[other]
    for sentence in dict.fromkeys(sentences(text)):
        if names and shortened_name(sentence, names[1]):
            continue
        found = [w for w in re.findall(r"\w+", sentence.lower()) if w in words]
        if found:
            problems.append(f"{path}: {other} words {sorted(set(found))} in {sentence!r}")
    return problems


@pytest.fixture
def pages_in(browser, live_server):
    contexts = []

    def _page(language):
        context = browser.new_context(base_url=live_server.url, locale=BROWSER_LOCALES[language])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield _page
    for context in contexts:
        context.close()


def log_in(page, username):
    """The login form by its field names: its labels are in the page's language."""
    page.goto("/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[method=post] button[type=submit]")
    page.wait_for_url("**/mina-kurser/")


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("username", "paths"), grouped_pages(), ids=lambda v: str(v)[:20])
@pytest.mark.usefixtures("gate_settings")
def test_every_page_is_in_the_language_asked_for(pages_in, language, username, paths):
    if not CATALOGUE.exists():
        pytest.fail(f"{CATALOGUE.relative_to(ROOT)} is missing: run `make messages`")
    forbidden = catalogue_fragments()[language]
    # In a part marked as the other language, the interface's own catalogue text is wrong.
    marked = catalogue_fragments(whole=True)
    names = proper_names()
    titles = page_titles()
    page = pages_in(language)
    if username:
        log_in(page, username)
    problems = []
    for path in paths:
        expect_answer(page.goto(path), username, path)
        page.eval_on_selector_all("details", "els => els.forEach(el => el.open = true)")
        problems += language_problems(
            path, language, page.evaluate(TEXTS_JS), names, forbidden, titles, marked=marked
        )
    assert not problems, f"Not all in {language} for {username or 'a visitor'}:\n" + "\n".join(
        problems
    )


def test_the_language_check_finds_the_other_language_and_passes_names_and_marked_parts():
    listed = ["Anna Andersson", "Avdelningen för stöd", "Per"]
    names = (re.compile(r"(?<!\w)(?:Anna Andersson|Avdelningen för stöd|Per)(?!\w)"), listed)
    english_page = {
        "root": "en",
        "texts": [
            ["en", "My courses"],
            ["en", "Ladda ner intyg som ZIP"],
            ["en", "Välj en kurs och spara."],
            ["en", "Anna Andersson, Personnel"],
            ["en", "Avdelningen för s…"],
            ["sv", "Otillåten påverkan och hot"],  # CMS content, marked lang="sv"
            ["sv", "Text version of the video"],  # interface text wrongly marked lang="sv"
            ["sv", "Show reflection"],
            ["sv", "Show reflection on this"],  # a short entry is wrong only as a whole node
        ],
    }
    marked = {"sv": {"Text version of the video", "Show reflection"}}
    problems = language_problems(
        "/x/", "en", english_page, names, {"Ladda ner intyg som ZIP"}, marked=marked
    )
    assert problems == [
        "/x/: 'Show reflection' marked as sv",
        "/x/: 'Text version of the video' marked as sv",
        "/x/: catalogue text in sv: 'Ladda ner intyg som ZIP'",
        "/x/: sv words ['som'] in 'Ladda ner intyg som ZIP'",
        "/x/: sv words ['en', 'och'] in 'Välj en kurs och spara.'",
    ]
    english = {"Download certificates as a ZIP"}
    swedish_page = {"root": "en", "texts": [["sv", "Mina kurser"]]}
    assert language_problems("/y/", "sv", swedish_page, None, english) == [
        '/y/: <html lang="en">, expected "sv"',
    ]
    swedish_page["root"] = "sv"
    swedish_page["texts"] = [
        ["sv", "Download certificates as a ZIP"],
        ["sv", "Mina kurser"],
        ["sv", "Choose the course."],
    ]
    assert language_problems("/y/", "sv", swedish_page, None, english) == [
        "/y/: catalogue text in en: 'Download certificates as a ZIP'",
        "/y/: en words ['the'] in 'Choose the course.'",
    ]
