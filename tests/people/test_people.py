"""The organisation tree, employees and the five groups."""

import pytest
from django.contrib.auth.models import Group

from people.groups import ensure_groups
from people.models import Employee, OrgUnit
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    kommun = OrgUnitFactory(code="k", kind=OrgUnit.Kind.KOMMUN)
    a = OrgUnitFactory(code="a", kind=OrgUnit.Kind.AVDELNING, parent=kommun)
    a1 = OrgUnitFactory(code="a1", parent=a)
    b = OrgUnitFactory(code="b", kind=OrgUnit.Kind.AVDELNING, parent=kommun)
    return {unit.code: unit for unit in (kommun, a, a1, b)}


def test_in_subtree_includes_the_unit_and_everything_below_it(tree):
    in_a = EmployeeFactory(org_unit=tree["a"])
    in_a1 = EmployeeFactory(org_unit=tree["a1"])
    in_b = EmployeeFactory(org_unit=tree["b"])
    assert set(Employee.objects.in_subtree(tree["a"])) == {in_a, in_a1}
    assert set(Employee.objects.in_subtree(tree["k"])) == {in_a, in_a1, in_b}
    assert set(OrgUnit.objects.subtree_of(tree["a"])) == {tree["a"], tree["a1"]}


def test_active_excludes_people_who_left_or_have_not_started(tree):
    from datetime import date

    current = EmployeeFactory(org_unit=tree["a"], start_date=date(2020, 1, 1))
    EmployeeFactory(org_unit=tree["a"], start_date=date(2020, 1, 1), end_date=date(2021, 1, 1))
    EmployeeFactory(org_unit=tree["a"], start_date=date(2099, 1, 1))
    EmployeeFactory(org_unit=tree["a"], start_date=date(2020, 1, 1), is_active=False)
    assert list(Employee.objects.active(on=date(2025, 6, 1))) == [current]


def test_path_names_reads_from_the_top(tree):
    assert tree["a1"].path_names().split(" › ")[0] == tree["k"].name


def test_groups_are_created_idempotently_with_their_permissions(db):
    ensure_groups()
    first = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    ensure_groups()
    second = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert first == second
    assert {"Medarbetare", "Chef", "Kursansvarig", "HR", "Administratör"} <= set(first)
    assert "change_employee" in first["HR"]
    assert "change_employee" not in first["Kursansvarig"]
    assert first["Medarbetare"] == set()


def test_hr_can_open_the_employee_admin_and_a_learner_cannot(client, tree):
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=tree["a"])
    hr.user.groups.add(groups["HR"])
    learner = EmployeeFactory(org_unit=tree["a"])
    learner.user.groups.add(groups["Medarbetare"])

    client.force_login(hr.user)
    assert client.get("/admin/people/employees/").status_code == 200
    client.force_login(learner.user)
    assert client.get("/admin/people/employees/").status_code == 302


def test_hr_adds_a_unit_below_another_through_the_admin(client, tree):
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=tree["a"])
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    response = client.post(
        "/admin/people/org_units/new/",
        {"name": "Nya enheten", "code": "ny", "kind": "enhet", "parent": tree["b"].pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new = OrgUnit.objects.get(code="ny")
    assert new.get_parent() == tree["b"]


def test_hr_creates_an_employee_with_their_account(client, tree, roles):
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=tree["a"])
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    response = client.post(
        "/admin/people/employees/new/",
        {
            "first_name": "Örjan",
            "last_name": "Åkesson",
            "employee_number": "N123",
            "email": "orjan@example.org",
            "org_unit": tree["a1"].pk,
            "roles": [roles["handlaggare"].pk],
            "start_date": "2026-01-01",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Employee.objects.get(employee_number="N123")
    assert created.full_name == "Örjan Åkesson"
    assert not created.user.has_usable_password()


def test_a_new_employee_number_taken_as_a_username_gets_a_message_not_a_500(client, tree):
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=tree["a"])
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    taken = EmployeeFactory(org_unit=tree["a"]).user.username
    response = client.post(
        "/admin/people/employees/new/",
        {
            "first_name": "Örjan",
            "last_name": "Åkesson",
            "employee_number": taken,
            "email": "orjan@example.org",
            "org_unit": tree["a1"].pk,
            "start_date": "2026-01-01",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "används redan som användarnamn" in response.content.decode()


def test_the_employee_listing_has_the_same_query_count_for_more_people(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hr = EmployeeFactory(org_unit=tree["a"])
    hr.user.groups.add(ensure_groups()["HR"])
    client.force_login(hr.user)
    counts = []
    for size in (5, 25):
        while Employee.objects.count() < size:
            EmployeeFactory(org_unit=tree["a1"])
        client.get("/admin/people/employees/")  # caches warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/people/employees/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
