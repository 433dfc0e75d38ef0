"""Who sees what: HR everything, a manager their subtree only, everyone else nothing."""

from datetime import date

import pytest
from django.urls import reverse

from privacy.retention import apply_retention
from reports.scope import scope_for
from sessions.models import Attendance, SessionTally
from tests.factories import UserFactory
from tests.reports.conftest import PERIOD
from tests.reports.test_exports import csv_text, pdf_text

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


def test_an_account_that_is_no_employee_is_refused_not_an_error(client, org):
    # A service or admin account without an Employee record, and without HR's right.
    client.force_login(UserFactory(username="servicekonto"))
    assert client.get(reverse("reports:overview")).status_code == 403
    assert client.get(reverse("reports:people_export", args=["csv"])).status_code == 403


def test_hr_sees_the_whole_organisation(hr_client, org):
    response = hr_client.get(reverse("reports:people"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alva" in page and "Bertil" in page and "Berit" in page
    # Every unit offered, under "all units" rather than a manager's "all my units".
    assert "Alla enheter" in page and "Alla mina enheter" not in page
    assert "Enhet B1" in page and "Vaksamby kommun" in page
    assert hr_client.get(reverse("reports:overview")).context["overview"].total.assigned == 7
    # Only the whole organisation's scope may produce every nämnd's report.
    assert hr_client.get(reverse("reports:bundles")).status_code == 200
    scope = scope_for(response.wsgi_request.user)
    assert scope.whole_organisation and scope.roots == (org.kommun,)


def test_anonymous_visitors_are_sent_to_log_in(client, org):
    response = client.get(reverse("reports:overview"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_manager_sees_their_subtree_and_not_the_rest(manager_client, org):
    page = manager_client.get(reverse("reports:people")).content.decode()
    assert "Alva" in page and "Anna" in page
    assert "Bertil" not in page and "Berit" not in page


def test_a_manager_of_two_separate_units_sees_both(manager_client, org):
    org.people.anna.manages.add(org.b1)
    page = manager_client.get(reverse("reports:people")).content.decode()
    assert all(name in page for name in ["Anna", "Alva", "Bertil", "Berit"])
    assert manager_client.get(reverse("reports:overview")).context["overview"].total.assigned == 7


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


def test_a_unit_and_a_role_narrow_the_figures_the_same_before_and_after_thinning(
    hr_client, org, roles
):
    """Booked Alva, Agnes (A1) and Bertil (B1); present Alva, the formula name (A1) and Bertil;
    Agnes absent. Alva and Axel are handläggare. Retention then turns attendance into counts."""

    def sessions(**filters) -> list[str]:
        response = hr_client.get(
            reverse("reports:sessions_export", args=["csv"]), {**PERIOD, **filters}
        )
        # Booked, present, absent, excused, no-show %.
        return csv_text(response).splitlines()[1].split(";")[4:]

    expected = {
        "all": ["3", "3", "1", "0", "33"],
        "A1": ["2", "2", "1", "0", "50"],
        "B1": ["1", "1", "0", "0", "0"],
        "handläggare": ["1", "1", "0", "0", "0"],
        "A1 medarbetare": ["2", "2", "1", "0", "50"],
    }

    def everything() -> dict[str, list[str]]:
        staff, officer = roles["medarbetare"], roles["handlaggare"]
        return {
            "all": sessions(),
            "A1": sessions(org_unit=org.a1.pk),
            "B1": sessions(org_unit=org.b1.pk),
            "handläggare": sessions(role=officer.pk),
            "A1 medarbetare": sessions(org_unit=org.a1.pk, role=staff.pk),
        }

    assert everything() == expected
    apply_retention(date(2031, 1, 1))
    assert not Attendance.objects.exists() and SessionTally.objects.exists()
    assert everything() == expected
