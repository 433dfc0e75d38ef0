from django import template

from reports.charts import bar_chart

register = template.Library()


@register.inclusion_tag("reports/components/bar_chart.html")
def chart(items, title_id: str, maximum=None):
    """A bar chart labelled by the heading with `title_id`; its table holds the data."""
    return {**bar_chart(items, maximum=maximum), "title_id": title_id}


@register.filter
def percent(value):
    return "–" if value is None else f"{value}\u00a0%"
