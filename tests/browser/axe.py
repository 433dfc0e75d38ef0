"""The accessibility gate: axe-core in the browser, WCAG 2.1 A and AA, zero violations."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def violations(page) -> list[dict]:
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def format_violations(found: list[dict], url: str) -> str:
    lines = [f"{len(found)} accessibility violation(s) on {url}:"]
    for violation in found:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(node['target'])}: {node['failureSummary']!r}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with every violation's rule, target and help text when axe finds any."""
    found = violations(page)
    assert not found, format_violations(found, page.url)
