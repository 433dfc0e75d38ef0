"""A table stacked into cards on a phone (`table-stack`) says it is a table in ARIA roles too:
Safari drops a table's semantics when CSS changes its display, and the roles keep them."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ROLES = {
    "table": "table",
    "thead": "rowgroup",
    "tbody": "rowgroup",
    "tr": "row",
    "th": "columnheader",
    "td": "cell",
}


def stacked_tables() -> list[tuple[Path, str]]:
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text()
        for table in re.findall(r"<table[^>]*table-stack.*?</table>", text, re.DOTALL):
            found.append((template, table))
    return found


def test_every_stacked_table_keeps_its_table_roles():
    tables = stacked_tables()
    assert len(tables) >= 2  # Mina intyg and the course sessions
    missing = []
    for template, table in tables:
        for tag, attributes in re.findall(r"<(table|thead|tbody|tr|th|td)\b([^>]*)>", table):
            if f'role="{ROLES[tag]}"' not in attributes:
                missing.append(f"{template.relative_to(TEMPLATES)}: <{tag}{attributes}>")
    assert not missing, "\n".join(missing)
