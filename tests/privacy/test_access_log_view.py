"""The "Loggar" page: who looked at a person's data, for the DPO, HR and administrators only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people import groups
from people.access_log import Kind, Purpose, record_access
from people.models import PersonalDataAccess
from tests.factories import EmployeeFactory, OrgUnitFactory, UserFactory

URL = reverse("privacy_access_log")


def _user(*group_names, **names):
    user = UserFactory(**names)
    all_groups = groups.ensure_groups()
    user.groups.add(*(all_groups[name] for name in group_names))
    return user


def _shown(viewer, employees, path="/uppfoljning/personer/", **kwargs):
    request = RequestFactory().get(path)
    request.user = viewer
    return record_access(
        request,
        action=kwargs.pop("action", "reports.people.view"),
        description=kwargs.pop("description", "Uppföljning: Personer"),
        purpose=kwargs.pop("purpose", Purpose.FOLLOW_UP),
        employees=employees,
        **kwargs,
    )


@pytest.fixture
def people(db):
    unit = OrgUnitFactory(name="Barn och unga")
    anna = EmployeeFactory(
        org_unit=unit,
        employee_number="E4711",
        user=UserFactory(first_name="Anna", last_name="Svensson", email="anna.s@example.org"),
    )
    bertil = EmployeeFactory(org_unit=unit, user=UserFactory(first_name="Bertil", last_name="Blom"))
    return anna, bertil


@pytest.fixture
def dpo_client(client, db):
    client.force_login(_user(groups.MEDARBETARE, groups.DATASKYDDSOMBUD, username="dso"))
    return client


@pytest.mark.parametrize(
    "group_names",
    [(groups.MEDARBETARE,), (groups.MEDARBETARE, groups.CHEF), (groups.KURSANSVARIG,)],
    ids=["Medarbetare", "Chef", "Kursansvarig"],
)
def test_only_the_dpo_hr_and_administrators_read_the_log(client, people, group_names):
    anna, _bertil = people
    _shown(_user(groups.HR, first_name="Mats", last_name="Björk"), [anna])
    client.force_login(_user(*group_names))
    response = client.get(URL, {"employee": anna.pk})
    assert response.status_code == 302
    assert "Mats" not in response.content.decode()


@pytest.mark.parametrize("group_name", [groups.DATASKYDDSOMBUD, groups.HR, groups.ADMINISTRATOR])
def test_the_dpo_hr_and_administrators_may(client, people, group_name):
    client.force_login(_user(group_name))
    assert client.get(URL).status_code == 200


def test_a_search_by_name_email_or_number_lists_people_to_pick(dpo_client, people):
    anna, bertil = people
    for query in ("Anna Svensson", "svensson", "anna.s@example.org", "e4711"):
        page = dpo_client.get(URL, {"person": query}).content.decode()
        assert f"employee={anna.pk}" in page, query
        assert "Bertil" not in page, query
    assert "Ingen person matchar" in dpo_client.get(URL, {"person": "Zlatan"}).content.decode()


def test_a_person_picked_shows_who_looked_when_what_and_why(dpo_client, people):
    anna, bertil = people
    hr = _user(groups.HR, first_name="Mats", last_name="Björk", username="mats")
    chef = _user(groups.CHEF, first_name="Johan", last_name="Ekström", username="johan")
    _shown(hr, [anna, bertil])
    _shown(
        chef,
        [anna],
        path="/admin/intyg/",
        action="certificates.index",
        description="Intyg",
        purpose=Purpose.CERTIFICATES,
        kind=Kind.EXPORT,
    )
    _shown(chef, [bertil], description="Bara Bertil")
    page = dpo_client.get(URL, {"employee": anna.pk}).content.decode()
    assert "Vem har sett uppgifter om Anna Svensson (E4711)" in page
    assert "Mats Björk (mats)" in page and "Johan Ekström (johan)" in page
    assert "Export: Intyg" in page and "Hantering av intyg" in page
    assert "Visning: Uppföljning: Personer" in page and "Uppföljning av utbildningen" in page
    assert "/admin/intyg/" in page
    assert "Bara Bertil" not in page
    assert "2 träffar" in page


def test_the_log_narrows_by_viewer_and_dates(dpo_client, people):
    anna, _bertil = people
    hr = _user(groups.HR, first_name="Mats", last_name="Björk", username="mats")
    chef = _user(groups.CHEF, first_name="Johan", last_name="Ekström", username="johan")
    old = _shown(hr, [anna], description="Gammal visning")
    PersonalDataAccess.objects.filter(pk=old.pk).update(
        accessed_at=timezone.now() - timedelta(days=40)
    )
    _shown(chef, [anna], description="Ny visning")
    by_viewer = dpo_client.get(URL, {"employee": anna.pk, "viewer": "ekström"}).content.decode()
    assert "Ny visning" in by_viewer and "Gammal visning" not in by_viewer
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    by_date = dpo_client.get(URL, {"start": since}).content.decode()
    assert "Ny visning" in by_date and "Gammal visning" not in by_date
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    by_end = dpo_client.get(URL, {"end": until}).content.decode()
    assert "Gammal visning" in by_end and "Ny visning" not in by_end


def test_reading_the_log_is_itself_recorded(dpo_client, people):
    anna, _bertil = people
    hr = _user(groups.HR, first_name="Mats", last_name="Björk")
    _shown(hr, [anna])
    dpo_client.get(URL, {"employee": anna.pk})
    access = PersonalDataAccess.objects.filter(action="privacy.access_log").get()
    assert access.viewer.username == "dso"
    assert access.purpose == Purpose.ACCESS_CONTROL
    # Anna, looked up; HR's employee record does not exist, so only Anna is named.
    assert list(access.people.values_list("employee_id", flat=True)) == [anna.pk]


def test_bad_dates_are_refused_with_a_message_not_an_error(dpo_client, people):
    response = dpo_client.get(URL, {"start": "2026-13-45"})
    assert response.status_code == 400
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in response.content.decode()
    response = dpo_client.get(URL, {"start": "2026-05-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert "Från-datumet ligger efter till-datumet." in response.content.decode()
    assert dpo_client.get(URL, {"employee": "99999999999999999999"}).status_code == 400
    assert "Personen finns inte" in dpo_client.get(URL, {"employee": 999999}).content.decode()


def test_the_number_of_queries_does_not_grow_with_the_rows(dpo_client, people):
    anna, bertil = people

    def queries_for(count):
        for index in range(count):
            viewer = EmployeeFactory(org_unit=anna.org_unit).user
            _shown(viewer, [anna, bertil], description=f"Visning {index}")
        # Warm-up: the site frame and the header's flags are cached after a first request.
        dpo_client.get(URL, {"employee": anna.pk})
        with CaptureQueriesContext(connection) as queries:
            response = dpo_client.get(URL, {"employee": anna.pk})
        assert response.status_code == 200
        return len(queries)

    few = queries_for(2)
    many = queries_for(30)
    assert many == few
