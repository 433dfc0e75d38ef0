"""Who sees what: HR everything, a manager their subtree only, everyone else nothing."""

import pytest
from django.urls import reverse

from tests.reports.conftest import PERIOD
from tests.reports.test_exports import pdf_text

VIEWS = ["overview", "trend", "sessions", "people", "questions"]
EXPORTS = [f"{view}_export" for view in VIEWS]


@pytest.mark.parametrize("name", VIEWS)
def test_an_employee_who_leads_nothing_is_refused(client, org, name):
    client.force_login(org.people.a1.user)
    assert client.get(reverse(f"reports:{name}")).status_code == 403


@pytest.mark.parametrize("name", EXPORTS)
def test_an_employee_who_leads_nothing_cannot_export(client, org, name):
    client.force_login(org.people.a1.user)
    assert client.get(reverse(f"reports:{name}", args=["csv"])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, org):
    response = client.get(reverse("reports:overview"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_manager_sees_their_subtree_and_not_the_rest(manager_client, org):
    page = manager_client.get(reverse("reports:people")).content.decode()
    assert "Alva" in page and "Anna" in page
    assert "Bertil" not in page and "Berit" not in page


def test_a_manager_cannot_choose_a_unit_outside_their_scope(manager_client, org):
    response = manager_client.get(reverse("reports:people"), {"org_unit": org.b1.pk})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in page
    assert "Bertil" not in page and "Berit" not in page
    # The unit is not even offered.
    assert "Enhet B1" not in page


@pytest.mark.parametrize("name", EXPORTS)
def test_a_managers_export_holds_nothing_outside_the_subtree(manager_client, org, name):
    response = manager_client.get(reverse(f"reports:{name}", args=["csv"]), PERIOD)
    content = b"".join(response.streaming_content).decode()
    assert "Bertil" not in content and "Berit" not in content and "Nämnd B" not in content


@pytest.mark.parametrize("name", EXPORTS)
def test_a_managers_export_of_another_unit_is_refused(manager_client, org, name):
    response = manager_client.get(
        reverse(f"reports:{name}", args=["csv"]), {"org_unit": org.b.pk, **PERIOD}, follow=True
    )
    page = response.content.decode()
    assert "Filtret kunde inte användas" in page
    assert "Bertil" not in page and "Berit" not in page


def test_a_managers_overview_counts_only_their_people(manager_client, org):
    overview = manager_client.get(reverse("reports:overview"), {"org_unit": org.b.pk}).context[
        "overview"
    ]
    assert overview.total.assigned == 5


def test_a_managers_report_is_about_their_subtree(manager_client, org):
    """The PDF a manager downloads covers the nämnd they lead and no other unit."""
    response = manager_client.get(reverse("reports:report"), {"org_unit": org.b.pk, **PERIOD})
    assert response.status_code == 302  # refused with a message, not a report about B
    assert response["Content-Type"] != "application/pdf"
    response = manager_client.get(reverse("reports:report"), PERIOD)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Uppföljningsrapport: Nämnd A" in text and "Enhet A1" in text
    assert "Nämnd B" not in text and "Enhet B1" not in text
    assert "Vaksamby kommun" not in text.split("Per enhet")[1]


def test_only_hr_may_produce_every_nämnds_report(manager_client, org):
    assert manager_client.get(reverse("reports:bundles")).status_code == 403
    assert manager_client.post(reverse("reports:bundles"), PERIOD).status_code == 403


def test_the_menu_shows_follow_up_to_managers_and_hr_only(client, org):
    client.force_login(org.people.a1.user)
    assert "Uppföljning" not in client.get(reverse("my_courses")).content.decode()
    client.force_login(org.people.anna.user)
    assert "Uppföljning" in client.get(reverse("my_courses")).content.decode()


def test_a_manager_who_has_left_loses_follow_up(manager_client, org):
    anna = org.people.anna
    anna.is_active = False
    anna.save()
    assert manager_client.get(reverse("reports:overview")).status_code == 403
    assert manager_client.get(reverse("reports:people_export", args=["csv"])).status_code == 403


def test_a_manager_of_nested_units_has_the_highest_as_the_scope(org):
    from reports.scope import scope_for

    anna = org.people.anna
    anna.manages.add(org.a1)  # inside Nämnd A, which she already leads
    scope = scope_for(anna.user)
    assert scope.roots == (org.a,) and not scope.whole_organisation
    assert list(scope.units()) == [org.a, org.a1]
    anna.manages.add(org.b1)
    assert scope_for(anna.user).roots == (org.a, org.b1)
