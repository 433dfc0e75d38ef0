"""Who saw whom: what `record_access` writes, what it leaves out, and what it costs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people import access_log
from people.access_log import Kind, Purpose, record_access
from people.models import PersonalDataAccess, PersonalDataAccessPerson
from tests.factories import EmployeeFactory, OrgUnitFactory, UserFactory


def _request(user, path="/admin/people/employees/?q=a"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def _record(user, employees, **kwargs):
    return record_access(
        _request(user),
        action="employees.index",
        description="Anställda",
        purpose=Purpose.PERSONNEL,
        employees=employees,
        **kwargs,
    )


@pytest.fixture
def unit(db):
    return OrgUnitFactory()


def test_an_access_records_who_when_what_why_and_each_person_shown(unit):
    viewer = EmployeeFactory(org_unit=unit)
    shown = EmployeeFactory.create_batch(3, org_unit=unit)
    access = _record(viewer.user, shown, kind=Kind.EXPORT, data={"format": "csv"})
    assert access.viewer == viewer.user
    assert access.viewer_username == viewer.user.username
    assert access.viewer_name == viewer.full_name
    # Without the query: a search typed there may be a name.
    assert access.path == "/admin/people/employees/"
    assert (access.kind, access.action, access.purpose) == (
        "export",
        "employees.index",
        "personnel",
    )
    assert access.get_purpose_display() == "Personaladministration"
    assert access.data == {"format": "csv"}
    assert access.people_count == 3
    rows = list(access.people.all())
    assert {row.employee_id for row in rows} == {e.pk for e in shown}
    assert {row.accessed_at for row in rows} == {access.accessed_at}


def test_seeing_oneself_is_not_an_access(unit):
    viewer = EmployeeFactory(org_unit=unit)
    other = EmployeeFactory(org_unit=unit)
    assert _record(viewer.user, [viewer]) is None
    access = _record(viewer.user, [viewer, other])
    assert list(access.people.values_list("employee_id", flat=True)) == [other.pk]
    assert PersonalDataAccess.objects.count() == 1


def test_accounts_shown_are_recorded_as_their_employees(unit):
    viewer = UserFactory()
    shown = EmployeeFactory(org_unit=unit)
    access = record_access(
        _request(viewer),
        action="users.index",
        description="Användare",
        purpose=Purpose.ACCOUNTS,
        users=[shown.user.pk, UserFactory().pk],  # an account without an employee adds nobody
    )
    assert list(access.people.values_list("employee_id", flat=True)) == [shown.pk]


def test_the_entry_outlives_the_viewers_account(unit):
    viewer = UserFactory(first_name="Vera", last_name="Visare")
    access = _record(viewer, [EmployeeFactory(org_unit=unit)])
    viewer.delete()
    access.refresh_from_db()
    assert access.viewer is None
    assert (access.viewer_username, access.viewer_name) == (viewer.username, "Vera Visare")


def test_an_anonymous_visitor_is_recorded_without_an_account(unit):
    from django.contrib.auth.models import AnonymousUser

    access = _record(AnonymousUser(), [EmployeeFactory(org_unit=unit)])
    assert access.viewer is None and access.viewer_username == ""


def test_the_cost_does_not_grow_with_the_people_shown(unit, monkeypatch):
    """An export of 50,000 people is a handful of INSERTs: one per batch, never one per person."""
    viewer = UserFactory()
    people = EmployeeFactory.create_batch(25, org_unit=unit)
    monkeypatch.setattr(access_log, "BATCH_SIZE", 10)

    def statements(employees):
        with CaptureQueriesContext(connection) as queries:
            _record(viewer, employees)
        inserts = [
            q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "people_personaldataac')
        ]
        return len(queries), len(inserts)

    few_total, few_inserts = statements(people[:3])
    many_total, many_inserts = statements(people)
    assert few_inserts == 2  # the access, and its three people in one statement
    if connection.vendor == "postgresql":
        assert many_inserts == 2  # all 25 people as one array
    else:
        assert many_inserts == 1 + 3  # the access, and 25 people in batches of 10
    assert many_total - few_total == many_inserts - few_inserts


def test_old_entries_are_found_by_age_and_deleted_with_their_people(unit):
    viewer = UserFactory()
    old = _record(viewer, EmployeeFactory.create_batch(2, org_unit=unit))
    PersonalDataAccess.objects.filter(pk=old.pk).update(
        accessed_at=timezone.now() - timedelta(days=800)
    )
    recent = _record(viewer, [EmployeeFactory(org_unit=unit)])
    cutoff = timezone.now() - timedelta(days=730)
    assert list(PersonalDataAccess.objects.older_than(cutoff)) == [old]
    PersonalDataAccess.objects.older_than(cutoff).delete()
    assert list(PersonalDataAccess.objects.all()) == [recent]
    assert list(PersonalDataAccessPerson.objects.values_list("access_id", flat=True)) == [recent.pk]


def test_accesses_about_a_person_are_those_that_showed_them(unit):
    viewer = UserFactory()
    anna, bertil = EmployeeFactory.create_batch(2, org_unit=unit)
    both = _record(viewer, [anna, bertil])
    only_bertil = _record(viewer, [bertil])
    assert list(PersonalDataAccess.objects.about(anna)) == [both]
    assert set(PersonalDataAccess.objects.about(bertil)) == {both, only_bertil}
