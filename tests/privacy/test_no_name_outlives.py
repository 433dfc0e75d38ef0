"""What the review of the lifecycle found: names that outlived a pseudonymisation, extracts that
named others or were not recorded, and filters that answered 500."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from people.groups import ADMINISTRATOR, HR
from people.models import Employee, PersonalDataAccess
from privacy.leavers import pseudonymise
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(unit):
    return EmployeeFactory(
        org_unit=unit,
        employee_number="E4711",
        user__first_name="Annabella",
        user__last_name="Svenssonius",
        user__email="annabella@kommun.example",
    )


def _access_text() -> str:
    return json.dumps(
        [
            [access.description, access.path, access.data, access.viewer_name]
            for access in PersonalDataAccess.objects.all()
        ],
        ensure_ascii=False,
    )


def test_after_pseudonymisation_the_access_log_names_them_nowhere(client, anna, login_as_member):
    hr = login_as_member(HR)
    assert client.get(reverse("employees:edit", args=[anna.pk])).status_code == 200
    client.get(reverse("employees:index") + "?q=Svenssonius")
    client.get(reverse("privacy_access_log") + "?person=Svenssonius")
    client.get(reverse("privacy_access_log") + f"?employee={anna.pk}")
    # Anna was HR too once, and looked at HR's page: she is a viewer in the log as well.
    client.force_login(anna.user)
    anna.user.is_superuser = True
    anna.user.save()
    client.get(reverse("employees:edit", args=[hr.pk]))
    assert PersonalDataAccess.objects.about(anna).exists()

    anna.user.is_superuser = False
    anna.user.save()
    pseudonymise(anna)

    text = _access_text()
    for old in ("Annabella", "Svenssonius", "E4711", "annabella@kommun.example"):
        assert old not in text, old
    anna.refresh_from_db()
    assert anna.pseudonym in text  # her own viewing keeps who, as the pseudonym


def test_an_extract_names_no_one_the_person_saw(client, anna, login_as_member):
    hr = login_as_member(HR)
    client.get(reverse("employees:edit", args=[anna.pk]))
    client.get(reverse("certificates_admin:index") + "?q=Svenssonius")
    client.force_login(hr.user)
    response = client.post(reverse("my_data_download"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "".join(archive.read(name).decode() for name in archive.namelist())
    for old in ("Annabella", "Svenssonius", "E4711"):
        assert old not in text, old


def test_producing_an_extract_is_in_the_log_of_who_saw_whom(client, anna, login_as_member):
    login_as_member(HR)
    client.get(reverse("privacy_register_extract") + "?q=Svenssonius")
    listed = PersonalDataAccess.objects.about(anna)
    assert listed.filter(action="privacy.register_extract.search").exists()
    response = client.post(reverse("privacy_produce_register_extract", args=[anna.pk]))
    assert response.status_code == 200
    produced = PersonalDataAccess.objects.about(anna).get(action="privacy.register_extract")
    assert produced.kind == PersonalDataAccess.Kind.EXPORT
    assert produced.purpose == PersonalDataAccess.Purpose.DATA_SUBJECT_RIGHTS


def test_a_pseudonymised_person_has_no_extract_and_gets_no_500(client, anna, login_as_member):
    pseudonymise(anna)
    login_as_member(HR)
    response = client.post(reverse("privacy_produce_register_extract", args=[anna.pk]))
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("inget registerutdrag" in m for m in messages)
    edit = client.get(reverse("employees:edit", args=[anna.pk]), follow=True)
    assert reverse("privacy_produce_register_extract", args=[anna.pk]) not in edit.content.decode()


def test_an_extract_of_someone_without_an_account_holds_no_one_elses_rows(anna, unit):
    """`user=None` would match every row whose account key is empty: anonymous verifications,
    certificates nobody revoked, the system's own log entries."""
    from privacy import extract

    other = EmployeeFactory(org_unit=unit)
    PersonalDataAccess.objects.create(
        action="certificates.verify", description="Kontroll", purpose="verification"
    )
    pseudonymise(anna)
    anna = Employee.objects.get(pk=anna.pk)
    text = json.dumps(extract.build(anna, controller="Kommunen").as_json(), default=str)
    assert "certificates.verify" not in text and other.employee_number not in text


@pytest.mark.parametrize(
    "query",
    ["end=9999-12-31", "start=0001-01-01", "start=1999-12-31", "person=a", "person=%00"],
)
def test_the_log_refuses_impossible_filters_with_a_message(client, login_as_member, query):
    login_as_member(HR)
    response = client.get(reverse("privacy_access_log") + "?" + query)
    assert response.status_code == 400
    assert "error" in response.content.decode()


@pytest.mark.parametrize("query", ["%00", "a", "ab"])
def test_the_extract_search_refuses_nul_and_single_letters(client, login_as_member, query, anna):
    login_as_member(HR)
    response = client.get(reverse("privacy_register_extract") + "?q=" + query)
    assert response.status_code == 200
    assert "Svenssonius" not in response.content.decode()
    assert "minst 3 tecken" in response.content.decode()


def test_an_administrator_cannot_pseudonymise_themselves(client, unit):
    from people.groups import ensure_groups

    admin = EmployeeFactory(org_unit=unit)
    admin.user.groups.add(ensure_groups()[ADMINISTRATOR])
    admin.user.is_superuser = True
    admin.user.save()
    client.force_login(admin.user)
    response = client.post(reverse("privacy_pseudonymise", args=[admin.pk]))
    assert response.status_code in (302, 403)
    assert not Employee.objects.get(pk=admin.pk).is_pseudonymised
