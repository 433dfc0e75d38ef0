"""Issue 14: a leaver's pseudonymisation changes no figure of an old period, and names nobody."""

import pytest
from django.urls import reverse

from people.models import Employee
from people.services import employees_changed
from privacy.leavers import pseudonymise
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db


def _figures(f):
    return (f.assigned, f.valid, f.late, f.expiring, f.not_started)


def _snapshot(client):
    overview = client.get(reverse("reports:overview"), PERIOD).context["overview"]
    months = client.get(reverse("reports:trend"), PERIOD).context["months"]
    sessions = client.get(reverse("reports:sessions"), PERIOD).context
    people = client.get(reverse("reports:people"), PERIOD).context
    return {
        "total": _figures(overview.total),
        "by_unit": [(g.label, _figures(g.figures)) for g in overview.by_unit],
        "by_role": [(g.label, _figures(g.figures)) for g in overview.by_role],
        "by_course": [(g.label, _figures(g.figures)) for g in overview.by_course],
        "trend": [(m.month, m.completions, m.present, m.absent, m.excused) for m in months],
        "sessions": [
            (r.session.pk, r.booked, r.present, r.absent, r.excused, r.no_shows)
            for r in sessions["rows"]
        ],
        "summary": vars(sessions["summary"]) if "summary" in sessions else None,
        "people": people["paginator"].count if "paginator" in people else len(people["statuses"]),
    }


def test_figures_of_an_old_period_are_the_same_after_pseudonymisation(hr_client, org):
    """Bertil completed the course in May 2026 and attended the March session; he has left."""
    bertil = org.people.b1
    Employee.objects.filter(pk=bertil.pk).deactivate()
    employees_changed(employee_ids={bertil.pk})  # as every path that deactivates does
    before = _snapshot(hr_client)
    # The period does count him: one completion in May, one of three present in March.
    assert (before["trend"][4][1], before["sessions"][0][2]) == (1, 3)

    pseudonymise(bertil)

    assert _snapshot(hr_client) == before


def test_a_pseudonymised_person_is_named_nowhere_in_the_follow_up(hr_client, org, client):
    bertil = org.people.b1
    Employee.objects.filter(pk=bertil.pk).deactivate()
    employees_changed(employee_ids={bertil.pk})
    pseudonymise(bertil)
    bertil.refresh_from_db()
    pages = [
        hr_client.get(reverse(name), PERIOD)
        for name in ("reports:overview", "reports:trend", "reports:sessions", "reports:people")
    ]
    exports = [
        hr_client.get(reverse(f"reports:{name}_export", args=["csv"]), PERIOD)
        for name in ("overview", "trend", "sessions", "people")
    ]
    for response in pages + exports:
        assert response.status_code == 200
        content = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8-sig")
        # Personer lists people with current obligations; a leaver has none, so not even the
        # pseudonym appears there.
        for text in ("Bertil", "Blom", bertil.pseudonym):
            assert text not in content
