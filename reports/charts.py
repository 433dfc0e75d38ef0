"""Bar charts drawn on the server in HTML, each bar a small SVG: no script, no CDN, readable in
greyscale.

The labels and values are HTML text at the page's own size, so they never shrink with the chart
and a long label wraps instead of being cut. Each bar carries its value as text, so nothing
depends on colour, and every chart goes with a table of the same numbers for screen readers
and for copying.
"""

from dataclasses import dataclass

# Characters: a label this long fits beside its bar at 40 % of a 320 px screen.
SHORT_LABEL = 12


@dataclass
class Bar:
    label: str
    text: str
    # The bar's length as a share of the longest possible, in per cent. Text, not float: the
    # Swedish locale would write "12,5" into the SVG.
    width: str


def bar_chart(items: list[tuple[str, float | None, str]], *, maximum: float | None = None) -> dict:
    """The bars for `reports/components/bar_chart.html` from (label, value, shown text) items."""
    values = [value for _, value, _ in items if value is not None]
    maximum = maximum or max(values, default=0) or 1
    return {
        "bars": [
            Bar(label=label, text=text, width=f"{_share(value, maximum):.1f}")
            for label, value, text in items
        ],
        # Short labels (months) keep their place beside the bars on a phone; longer ones
        # (units, roles) go above them there, rather than break inside a word.
        "long_labels": any(len(label) > SHORT_LABEL for label, _, _ in items),
    }


def _share(value: float | None, maximum: float) -> float:
    return 0.0 if value is None else min(100.0, 100 * value / maximum)
