"""The follow-up pages look finished on a desktop (1280 × 800), as HR, in Swedish and English:
the menus stay on one line, every table fits its column, the charts' texts are at least 12 px and
whole, and the period's dates read as ISO dates (2026-11-30) whatever the browser's language.

At 1280 px a table fits: scrolling inside a named, focusable region is for a phone, and
test_reflow.py checks it at 320 px.
"""

import pytest

from reports.filters import default_period

WIDTH, HEIGHT = 1280, 800
# (path, it shows charts, it has the period's date fields)
PAGES = [
    ("/uppfoljning/", True, True),
    ("/uppfoljning/utveckling/", True, True),
    ("/uppfoljning/kurstillfallen/", False, True),
    ("/uppfoljning/personer/", False, True),
    ("/uppfoljning/fragor/", False, True),
    ("/uppfoljning/rapporter/", False, True),
    ("/uppfoljning/exporter/", False, False),
]

# Runs in the page: what looks unfinished, as a list of sentences.
MEASURE = """() => {
    const faults = [];
    const says = el => (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
    const textNodes = root => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
            acceptNode: node => node.textContent.trim()
                ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
        });
        const nodes = [];
        while (walker.nextNode()) nodes.push(walker.currentNode);
        return nodes;
    };
    // Where a text is drawn: an SVG text's box, or the lines of an HTML text.
    const boxes = node => {
        const el = node.parentElement;
        if (el instanceof SVGElement) return [el.getBoundingClientRect()];
        const range = document.createRange();
        range.selectNodeContents(node);
        return Array.from(range.getClientRects()).filter(r => r.width > 0);
    };

    // A menu is on one line when all its texts share a line: every box overlaps every other
    // vertically. A label broken in two ("Mina / kurser") or a second row of items does not.
    const menus = Array.from(document.querySelectorAll("header nav ul, .follow-up-tabs"));
    if (!menus.length) faults.push("no menu found");
    for (const menu of menus) {
        const lines = textNodes(menu).flatMap(boxes);
        const top = Math.max(...lines.map(r => r.top));
        const bottom = Math.min(...lines.map(r => r.bottom));
        if (top >= bottom) faults.push(`the menu "${says(menu)}" takes more than one line`);
    }

    for (const table of document.querySelectorAll("main table")) {
        const box = table.parentElement;
        if (box.scrollWidth > box.clientWidth + 1 || table.getBoundingClientRect().right
                > document.documentElement.clientWidth) {
            faults.push(`the table "${table.caption ? says(table.caption) : says(table)}" is `
                + `${box.scrollWidth} px wide in a ${box.clientWidth} px box`);
        }
    }

    const charts = Array.from(document.querySelectorAll(".follow-up-chart"));
    for (const chart of charts) {
        const frame = chart.getBoundingClientRect();
        for (const node of textNodes(chart)) {
            const el = node.parentElement;
            const text = node.textContent.trim();
            // An SVG's text is drawn at its font size times the scale of its viewBox.
            const scale = el instanceof SVGGraphicsElement ? el.getScreenCTM().a : 1;
            const size = parseFloat(getComputedStyle(el).fontSize) * scale;
            if (size < 12) faults.push(`the chart text "${text}" is ${size.toFixed(1)} px`);
            const outside = boxes(node).some(r => r.left < frame.left - 0.5
                || r.right > frame.right + 0.5 || r.top < frame.top - 0.5
                || r.bottom > frame.bottom + 0.5);
            const cut = !(el instanceof SVGElement) && el.scrollWidth > el.clientWidth + 1;
            if (outside || cut) faults.push(`the chart text "${text}" is clipped`);
            if (text.endsWith("…")) faults.push(`the chart text "${text}" is cut short`);
        }
    }

    const dates = Array.from(document.querySelectorAll("input[name=start], input[name=end]"))
        .map(input => ({name: input.name, type: input.type, value: input.value}));
    return {faults, charts: charts.length, dates};
}"""


def choose_english(page):
    page.goto("/uppfoljning/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()


def look_faults(page, path: str, with_charts: bool, with_dates: bool) -> list[str]:
    page.goto(path)
    found = page.evaluate(MEASURE)
    faults = [f"{path}: {fault}" for fault in found["faults"]]
    if with_charts and not found["charts"]:
        faults.append(f"{path}: no chart found")
    if with_dates and len(found["dates"]) != 2:
        faults.append(f"{path}: {len(found['dates'])} date fields, not the period's two")
    for field in found["dates"]:
        # A date input draws its value in the browser's own format (11/30/2026 in an American
        # browser); a text input draws what it holds, and it holds the ISO date.
        if field["type"] != "text":
            faults.append(f"{path}: the {field['name']} date is drawn by the browser")
        if len(field["value"]) != 10 or field["value"][4::3] != "--":
            faults.append(f"{path}: the {field['name']} date shows {field['value']!r}")
    return faults


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_follow_up_pages_look_finished_at_1280_px(page, login, language):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    login("hr")
    if language == "en":
        choose_english(page)
    faults = []
    for path, with_charts, with_dates in PAGES:
        faults += look_faults(page, path, with_charts, with_dates)
    assert not faults, "\n".join(faults)


def test_a_chosen_period_is_shown_as_it_was_typed(page, login):
    """The default period, typed in by hand, comes back in the fields as ISO dates."""
    start, end = default_period()
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    login("hr")
    page.goto("/uppfoljning/utveckling/")
    page.get_by_role("textbox", name="Från").fill(start.isoformat())
    page.get_by_role("textbox", name="Till").fill(end.isoformat())
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(f"**start={start.isoformat()}**")
    assert page.get_by_role("textbox", name="Från").input_value() == start.isoformat()
    assert page.get_by_role("textbox", name="Till").input_value() == end.isoformat()
    assert page.get_by_role("textbox", name="Från").get_attribute("type") == "text"
