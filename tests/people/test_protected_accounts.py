"""Security finding 1 (issue 14): HR must not be able to take over an account with more power.

HR may change ordinary employees. An employee whose account has admin access or a group beyond
Medarbetare/Chef is changed only by administrators: in the admin and in the personnel import.
"""

import pytest
from django.contrib.auth.models import Permission

from people.groups import ADMINISTRATOR, CHEF, HR, KURSANSVARIG, MEDARBETARE, ensure_groups
from people.importing import apply_plan, plan_import
from people.models import Employee, is_protected_account
from people.tabular import read_table
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(db):
    return ensure_groups()


@pytest.fixture
def unit(db):
    return OrgUnitFactory(code="enh-1", kind="enhet")


def _in_groups(unit, groups, *names, **user_fields):
    person = EmployeeFactory(org_unit=unit, user__email=f"{names}@example.org".lower())
    for name in names:
        person.user.groups.add(groups[name])
    for field, value in user_fields.items():
        setattr(person.user, field, value)
    person.user.save()
    return person


@pytest.mark.parametrize(
    ("group_names", "user_fields", "protected"),
    [
        ((), {}, False),
        ((MEDARBETARE,), {}, False),
        ((MEDARBETARE, CHEF), {}, False),
        ((MEDARBETARE, KURSANSVARIG), {}, True),
        ((HR,), {}, True),
        ((ADMINISTRATOR,), {}, True),
        ((), {"is_staff": True}, True),
        ((), {"is_superuser": True}, True),
    ],
)
def test_which_accounts_are_protected(unit, groups, group_names, user_fields, protected):
    person = _in_groups(unit, groups, *group_names, **user_fields)
    assert is_protected_account(person.user) is protected
    assert Employee.objects.with_protected_account().filter(pk=person.pk).exists() is protected


def test_a_permission_given_to_the_user_directly_protects_the_account(unit, groups):
    person = _in_groups(unit, groups, MEDARBETARE)
    person.user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert is_protected_account(person.user)


def _edit_data(person, **changes):
    data = {
        "first_name": person.user.first_name,
        "last_name": person.user.last_name,
        "employee_number": person.employee_number,
        "email": person.user.email,
        "org_unit": person.org_unit_id,
        "start_date": person.start_date.isoformat(),
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("victim_groups", [(ADMINISTRATOR,), (KURSANSVARIG,), (HR,)])
def test_hr_can_neither_open_nor_post_the_edit_form_of_a_protected_employee(
    client, unit, groups, victim_groups
):
    hr = _in_groups(unit, groups, HR)
    victim = _in_groups(unit, groups, *victim_groups)
    client.force_login(hr.user)
    url = f"/admin/people/employees/edit/{victim.pk}/"
    assert client.get(url).status_code in {302, 403}
    response = client.post(url, _edit_data(victim, email="attacker@example.org", is_active=None))
    assert response.status_code in {302, 403}
    victim.user.refresh_from_db()
    assert victim.user.email != "attacker@example.org"
    assert victim.user.is_active
    assert client.post(f"/admin/people/employees/delete/{victim.pk}/").status_code in {302, 403}
    assert Employee.objects.filter(pk=victim.pk).exists()


def test_the_superuser_is_protected_from_hr_too(client, unit, groups):
    hr = _in_groups(unit, groups, HR)
    root = _in_groups(unit, groups, is_superuser=True, is_staff=True)
    client.force_login(hr.user)
    response = client.post(
        f"/admin/people/employees/edit/{root.pk}/", _edit_data(root, email="x@example.org")
    )
    assert response.status_code in {302, 403}
    root.user.refresh_from_db()
    assert root.user.email != "x@example.org"


def test_hr_still_edits_an_ordinary_employee(client, unit, groups):
    hr = _in_groups(unit, groups, HR)
    person = _in_groups(unit, groups, MEDARBETARE, CHEF)
    client.force_login(hr.user)
    assert client.get(f"/admin/people/employees/edit/{person.pk}/").status_code == 200
    response = client.post(
        f"/admin/people/employees/edit/{person.pk}/", _edit_data(person, email="ny@example.org")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.user.refresh_from_db()
    assert person.user.email == "ny@example.org"


def test_an_administrator_edits_a_protected_employee(client, unit, groups):
    admin = _in_groups(unit, groups, ADMINISTRATOR)
    coordinator = _in_groups(unit, groups, KURSANSVARIG)
    client.force_login(admin.user)
    response = client.post(
        f"/admin/people/employees/edit/{coordinator.pk}/",
        _edit_data(coordinator, email="ny.adress@example.org"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    coordinator.user.refresh_from_db()
    assert coordinator.user.email == "ny.adress@example.org"


HEADER = "anställningsnummer;förnamn;efternamn;e-post;enhetskod"


def _plan(*rows, full=False):
    data = "\r\n".join([HEADER, *rows]).encode()
    return plan_import(read_table("personal.csv", data), None, full=full)


def test_the_import_does_not_change_a_coordinator_or_hr_account(unit, groups):
    coordinator = _in_groups(unit, groups, KURSANSVARIG)
    row = f"{coordinator.employee_number};Ny;Person;attacker@example.org;enh-1"
    [error] = _plan(row).errors
    assert "administratörsbehörighet" in error.message


def test_a_full_import_never_deactivates_a_protected_account(unit, groups):
    admin = _in_groups(unit, groups, ADMINISTRATOR)
    ordinary = _in_groups(unit, groups, MEDARBETARE)
    result = apply_plan(_plan("N1;Ny;Person;ny@example.org;enh-1", full=True))
    assert result.deactivated == 1
    admin.refresh_from_db()
    ordinary.refresh_from_db()
    assert admin.is_active and admin.user.is_active
    assert not ordinary.is_active


def test_deleting_someone_with_history_explains_instead_of_a_500(client, unit, groups, course):
    """Issue 14: deleting an employee with history in the admin answered 500."""
    from courses.services import record_module_completion

    admin = _in_groups(unit, groups, ADMINISTRATOR)
    leaver = _in_groups(unit, groups, MEDARBETARE)
    record_module_completion(employee=leaver, module=course.intro_module)
    client.force_login(admin.user)
    url = f"/admin/people/employees/delete/{leaver.pk}/"

    page = client.get(url)
    assert page.status_code == 200
    assert "kan inte tas bort" in page.content.decode()

    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Avaktivera personen i stället" in response.content.decode()
    assert Employee.objects.filter(pk=leaver.pk).exists()


def test_someone_without_history_can_be_deleted(client, unit, groups):
    admin = _in_groups(unit, groups, ADMINISTRATOR)
    mistake = _in_groups(unit, groups, MEDARBETARE)
    client.force_login(admin.user)
    response = client.post(f"/admin/people/employees/delete/{mistake.pk}/")
    assert response.status_code == 302
    assert not Employee.objects.filter(pk=mistake.pk).exists()
