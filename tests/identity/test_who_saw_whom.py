"""Who saw whom in the account pages: the invitation confirmation, Wagtail's user admin."""

import pytest
from django.urls import reverse

from people.models import PersonalDataAccess
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _people(action: str) -> set[int]:
    access = PersonalDataAccess.objects.get(action=action)
    return set(access.people.values_list("employee_id", flat=True))


def test_the_invitation_confirmation_records_everyone_it_names(client, login_as_member, unit):
    login_as_member("HR")
    chosen = [EmployeeFactory(org_unit=unit) for _ in range(2)]
    url = reverse("wagtail_bulk_action", args=["people", "employee", "invite"])
    assert client.get(url, {"id": [e.pk for e in chosen]}).status_code == 200
    assert _people("employees.invite") == {e.pk for e in chosen}


def test_wagtails_user_admin_records_the_accounts_listed(client, unit, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    listed = [EmployeeFactory(org_unit=unit) for _ in range(2)]
    client.force_login(admin)
    response = client.get(reverse("wagtailusers_users:index"))
    assert listed[0].user.username in response.content.decode()
    assert _people("wagtailusers_users.index") == {e.pk for e in listed}
