"""Security finding 5 (issue 14): no filter value makes a 500 or a minute of CPU.

A manager could ask for a report over a thousand years (60 s of CPU, then a 500). Periods are
bounded with a Swedish message; edge dates and absurd ids give 400 on the pages and a refusal
(back to the page with the reason) for exports and the report.
"""

import time

import pytest
from django.urls import reverse

from people.groups import HR, ensure_groups
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VIEWS = ["overview", "trend", "sessions", "people", "questions"]
BAD = [
    ({"start": "1000-01-01"}, "Välj ett datum mellan"),
    ({"start": "0001-01-01", "end": "9999-12-31"}, "Välj ett datum mellan"),
    ({"start": "10000-01-01"}, "Fyll i ett giltigt datum"),
    ({"end": "2026-02-30"}, "Fyll i ett giltigt datum"),
    ({"org_unit": "9" * 30}, "Välj ett giltigt alternativ"),
    ({"role": "9" * 30}, "Välj ett giltigt alternativ"),
    ({"course": "-" + "9" * 30}, "Välj ett giltigt alternativ"),
    ({"status": "x" * 500}, "Välj ett giltigt alternativ"),
    ({"org_unit": "1\x00"}, "Välj ett giltigt alternativ"),
]


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize(("query", "message"), BAD)
def test_pages_answer_400_with_the_reason(manager_client, org, name, query, message):
    started = time.monotonic()
    response = manager_client.get(reverse(f"reports:{name}"), query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert time.monotonic() - started < 10


def test_a_period_longer_than_ten_years_is_refused(hr_client, org):
    response = hr_client.get(reverse("reports:trend"), {"start": "2012-01-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert "Perioden får vara högst 10 år." in response.content.decode()
    # The page falls back to the default twelve months rather than drawing 168.
    assert len(response.context["months"]) == 12


def test_ten_years_are_allowed(hr_client, org, settings):
    response = hr_client.get(reverse("reports:trend"), {"start": "2016-01-01", "end": "2025-12-31"})
    assert response.status_code == 200
    assert len(response.context["months"]) == 120


@pytest.mark.parametrize(("query", "message"), BAD[:3])
def test_exports_and_the_report_refuse_an_unreadable_period(manager_client, org, query, message):
    for url in (
        reverse("reports:people_export", args=["xlsx"]),
        reverse("reports:overview_export", args=["csv"]),
        reverse("reports:report"),
    ):
        response = manager_client.get(url, query)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("reports:overview"))


@pytest.mark.parametrize("name", [*VIEWS, "report"])
def test_a_new_installation_without_units_shows_empty_figures(client, name):
    """Before the first personnel import there are no units: HR sees empty pages, not a 500."""
    user = UserFactory(username="hr-forsta-dagen")
    user.groups.add(ensure_groups()[HR])
    client.force_login(user)
    response = client.get(reverse(f"reports:{name}"))
    assert response.status_code == 200
    if name == "report":
        assert response["Content-Type"] == "application/pdf"
    else:
        assert "Du ser hela organisationen." in response.content.decode()


def test_a_limit_of_one_year_is_not_said_as_years(hr_client, org, settings):
    """Swedish says "1 år" and "2 år" alike; English needs the plural entry to say "1 year"."""
    from django.utils import timezone

    settings.FOLLOW_UP_MAX_YEARS = 1
    today = timezone.localdate()
    period = {"start": f"{today.year - 1}-01-01", "end": f"{today.year}-12-31"}
    response = hr_client.get(reverse("reports:trend"), period, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    message = str(response.context["form"].errors["end"][0])
    assert " 1 " in f"{message} " and "1 years" not in message
