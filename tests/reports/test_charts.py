"""The follow-up bar charts: whole labels, bars as shares of the maximum, SVG lengths with a dot."""

from django.template import Context, Template
from django.utils import translation

from reports.charts import bar_chart


def test_a_long_label_is_kept_whole_and_each_bar_is_a_share_of_the_maximum():
    chart = bar_chart(
        [("Myndighetsutövande handläggare", 38, "38 %"), ("Chef", None, "–"), ("Alla", 250, "")],
        maximum=200,
    )
    labels = [bar.label for bar in chart["bars"]]
    assert labels == ["Myndighetsutövande handläggare", "Chef", "Alla"]
    # A value above the maximum fills its track and no more.
    assert [bar.width for bar in chart["bars"]] == ["19.0", "0.0", "100.0"]
    # The long label goes above the bars on a phone; months keep their place beside them.
    assert chart["long_labels"]
    assert not bar_chart([("2026-11", 3, "3"), ("2026-12", 5, "5")])["long_labels"]


def test_the_chart_writes_its_labels_as_text_and_its_lengths_with_a_dot_in_swedish():
    template = Template("{% load follow_up %}{% chart bars title_id='rubrik' %}")
    with translation.override("sv"):
        html = template.render(Context({"bars": [("Hot och våld", 1, "1"), ("Jäv", 8, "8")]}))
    assert 'role="img" aria-labelledby="rubrik"' in html
    assert '<span class="chart-label">Hot och våld</span>' in html
    assert 'width="12.5%"' in html and 'width="100.0%"' in html
