"""The accessibility gate: axe-core in the browser, WCAG 2.1 A and AA, zero violations."""

import time

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHORT_ANIMATION_RUNNING = """() => document.getAnimations().some(
    a => a.playState === "running" && a.effect.getComputedTiming().endTime <= 3000
)"""

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
    # Colours are measured as drawn: a message still fading in (Wagtail's) has half its contrast.
    # Short animations are waited for; long attention-seekers (a pinging badge) are not. Polled
    # from here: the pages' Content-Security-Policy forbids the eval that wait_for_function uses.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and page.evaluate(SHORT_ANIMATION_RUNNING):
        page.wait_for_timeout(100)
    found = violations(page)
    assert not found, format_violations(found, page.url)
