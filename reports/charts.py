"""Bar charts as inline SVG, drawn on the server: no script, no CDN, readable in greyscale.

Each bar carries its value as text, so nothing depends on colour, and every chart sits beside
a table with the same numbers for screen readers and for copying.
"""

from dataclasses import dataclass

ROW_HEIGHT = 28
LABEL_WIDTH = 190
BAR_AREA = 300
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    text: str
    y: int
    # Text, not float: the Swedish locale would write "12,5" into the SVG.
    width: str
    value_x: int


def bar_chart(items: list[tuple[str, float | None, str]], *, maximum: float | None = None) -> dict:
    """Geometry for `reports/components/bar_chart.html` from (label, value, shown text) items."""
    values = [value for _, value, _ in items if value is not None]
    maximum = maximum or max(values, default=0) or 1
    bars = [
        Bar(
            label=label if len(label) <= 28 else label[:27] + "…",
            text=text,
            y=index * ROW_HEIGHT,
            width=f"{_width(value, maximum):.1f}",
            value_x=LABEL_WIDTH + round(_width(value, maximum)) + 6,
        )
        for index, (label, value, text) in enumerate(items)
    ]
    return {
        "bars": bars,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
    }


def _width(value: float | None, maximum: float) -> float:
    return 0.0 if value is None else BAR_AREA * value / maximum
