"""Mina uppgifter, HR's register extract in the admin, and the record of processing."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from people.groups import ADMINISTRATOR, DATASKYDDSOMBUD, HR, KURSANSVARIG, ensure_groups
from privacy.views.extract import LOG_ACTION
from tests.factories import EmployeeFactory

MY_DATA = "/mina-uppgifter/"
MY_DOWNLOAD = "/mina-uppgifter/utdrag/"
ADMIN_EXTRACT = "/admin/dataskydd/registerutdrag/"
RECORD = "/admin/dataskydd/registerforteckning/"


def _member(unit, group_name):
    person = EmployeeFactory(org_unit=unit)
    person.user.groups.add(ensure_groups()[group_name])
    return person


def _zip_json(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response))) as archive:
        return json.loads(archive.read("uppgifter.json"))


# ---------------------------------------------------------------------------- Mina uppgifter


def test_mina_uppgifter_shows_the_persons_own_counts_and_nobody_elses(
    client, full_person, other_person
):
    client.force_login(full_person.user)
    response = client.get(MY_DATA)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Astrid" in page and full_person.employee_number in page
    assert "Bertil" not in page and other_person.employee_number not in page
    sections = {section["key"]: section for section in response.context["sections"]}
    assert len(sections["module_completions"]["rows"]) == 2
    assert len(sections["quiz_answers"]["rows"]) == 1
    assert "24 månader" in page  # the retention of quiz answers, from the plan
    assert "no-store" in response["Cache-Control"]


def test_mina_uppgifter_says_each_retention_as_a_sentence(client, employee):
    """A number reads "Sparas 6 timmar."; a phrase is its own sentence, never "Sparas Så länge"."""
    client.force_login(employee.user)
    page = client.get(MY_DATA).content.decode()
    assert "Sparas 6 timmar." in page  # uploads, with the plural of the hours
    assert "Så länge personen är anställd, sedan utan namn." in page
    assert "Sparas Så" not in page


def test_mina_uppgifter_names_the_contact_of_the_site_settings(client, employee, home_page):
    from wagtail.models import Site

    from content.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Exempelby kommun"
    site_settings.security_contact_email = "dataskydd@exempelby.se"
    site_settings.save()
    client.force_login(employee.user)
    page = client.get(MY_DATA).content.decode()
    assert "Exempelby kommun är personuppgiftsansvarig" in page
    assert "mailto:dataskydd@exempelby.se" in page


def test_mina_uppgifter_needs_a_login_and_an_employee(client, django_user_model):
    response = client.get(MY_DATA)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(django_user_model.objects.create_user("utan-anstallning"))
    assert client.get(MY_DATA).status_code == 403


def test_the_download_is_the_persons_own_extract_and_is_logged(client, full_person, other_person):
    client.force_login(full_person.user)
    data = _zip_json(client.post(MY_DOWNLOAD, {"employee": other_person.pk}))
    assert data["person"]["id"] == full_person.pk  # no id from the request is ever used
    entry = ModelLogEntry.objects.get(action=LOG_ACTION)
    assert entry.object_id == str(full_person.pk) and entry.user_id == full_person.user_id
    assert entry.data == {"own": True}


def test_the_download_takes_only_a_post(client, employee):
    client.force_login(employee.user)
    assert client.get(MY_DOWNLOAD).status_code == 405
    assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()


def test_the_download_is_rate_limited(client, employee, settings):
    settings.REGISTER_EXTRACT_RATE = "2/h"
    client.force_login(employee.user)
    assert client.post(MY_DOWNLOAD).status_code == 200
    assert client.post(MY_DOWNLOAD).status_code == 200
    refused = client.post(MY_DOWNLOAD)
    assert refused.status_code == 429
    assert ModelLogEntry.objects.filter(action=LOG_ACTION).count() == 2


def test_the_footer_links_to_mina_uppgifter(client, employee, home_page):
    client.force_login(employee.user)
    assert f'href="{MY_DATA}"' in client.get(reverse("my_courses")).content.decode()


# ---------------------------------------------------------------------------- HR in the admin


@pytest.mark.parametrize("group", [HR, ADMINISTRATOR])
def test_hr_and_administrators_produce_anyones_extract_logged_on_the_person(
    client, unit, full_person, group
):
    producer = _member(unit, group)
    client.force_login(producer.user)
    data = _zip_json(client.post(f"{ADMIN_EXTRACT}{full_person.pk}/"))
    assert data["person"]["id"] == full_person.pk
    assert len(data["quiz_attempts"]) == 1
    entry = ModelLogEntry.objects.get(action=LOG_ACTION)
    assert (entry.object_id, entry.user_id) == (str(full_person.pk), producer.user_id)
    assert entry.data == {"own": False}


def test_hr_may_produce_the_extract_of_a_protected_account(client, unit):
    """Reading is not changing: an administrator's data is given out like anyone's, logged."""
    hr = _member(unit, HR)
    administrator = _member(unit, ADMINISTRATOR)
    client.force_login(hr.user)
    data = _zip_json(client.post(f"{ADMIN_EXTRACT}{administrator.pk}/"))
    assert data["person"]["groups"] == [ADMINISTRATOR]


@pytest.mark.parametrize("group", [KURSANSVARIG, DATASKYDDSOMBUD])
def test_admin_users_without_the_permission_are_refused(client, unit, employee, group):
    client.force_login(_member(unit, group).user)
    for response in (
        client.post(f"{ADMIN_EXTRACT}{employee.pk}/"),
        client.get(ADMIN_EXTRACT, {"q": employee.user.last_name}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()


def test_an_employee_without_admin_access_cannot_produce_anothers_extract(client, unit, employee):
    client.force_login(EmployeeFactory(org_unit=unit).user)
    response = client.post(f"{ADMIN_EXTRACT}{employee.pk}/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()


def test_producing_takes_a_post_with_csrf(unit, employee):
    from django.test import Client

    hr = _member(unit, HR)
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr.user)
    assert client.get(f"{ADMIN_EXTRACT}{employee.pk}/").status_code == 405
    assert client.post(f"{ADMIN_EXTRACT}{employee.pk}/").status_code == 403  # no token
    assert not ModelLogEntry.objects.filter(action=LOG_ACTION).exists()


def test_hr_finds_a_person_and_gets_a_post_form_for_them(client, unit, full_person):
    client.force_login(_member(unit, HR).user)
    page = client.get(ADMIN_EXTRACT, {"q": "Extraktsson"}).content.decode()
    assert f'action="{ADMIN_EXTRACT}{full_person.pk}/"' in page
    assert 'method="post"' in page
    chosen = client.get(ADMIN_EXTRACT, {"anstalld": full_person.pk})
    assert [p.pk for p in chosen.context["people"]] == [full_person.pk]


def test_a_bad_choice_gets_a_message_not_an_error(client, unit):
    client.force_login(_member(unit, HR).user)
    for bad in ("abc", "9" * 30, "-1"):
        response = client.get(ADMIN_EXTRACT, {"anstalld": bad})
        assert response.status_code == 200
        assert response.context["people"] == []
    assert "Ogiltigt val av anställd." in response.content.decode()
    assert client.post(f"{ADMIN_EXTRACT}999999999/").status_code == 404


def test_the_employee_edit_page_offers_the_extract_to_hr(client, unit, employee):
    client.force_login(_member(unit, HR).user)
    page = client.get(f"/admin/people/employees/edit/{employee.pk}/").content.decode()
    assert f"{ADMIN_EXTRACT}?anstalld={employee.pk}" in page


def test_the_dataskydd_menu_lists_the_pages_each_may_use(client, unit):
    client.force_login(_member(unit, HR).user)
    hr_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ADMIN_EXTRACT in hr_home and RECORD in hr_home
    client.force_login(_member(unit, DATASKYDDSOMBUD).user)
    dpo_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert RECORD in dpo_home and ADMIN_EXTRACT not in dpo_home


# ---------------------------------------------------------------------------- art. 30


@pytest.mark.parametrize("group", [HR, DATASKYDDSOMBUD, ADMINISTRATOR])
def test_the_record_of_processing_is_shown_to_hr_and_the_data_protection_officer(
    client, unit, group, home_page
):
    client.force_login(_member(unit, group).user)
    response = client.get(RECORD)
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Personuppgiftsansvarig", "Ändamål", "Kategorier av personuppgifter",
                    "Mottagare inom organisationen", "Överföring till tredje land", "Gallring",
                    "Säkerhetsåtgärder"):  # fmt: skip
        assert heading in page
    assert "provförsök" in page  # a model's name under its record type
    printable = client.get(RECORD, {"utskrift": "1"})
    assert printable.status_code == 200
    assert '<html lang="sv">' in printable.content.decode()
    assert "wagtailadmin" not in printable.content.decode()


@pytest.mark.parametrize("group", [KURSANSVARIG])
def test_the_record_of_processing_is_refused_to_others(client, unit, group):
    client.force_login(_member(unit, group).user)
    response = client.get(RECORD)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_record_follows_the_settings(client, unit, settings, home_page):
    settings.BASE_URL = "http://127.0.0.1:8000"
    client.force_login(_member(unit, DATASKYDDSOMBUD).user)
    before = client.get(RECORD).content.decode()
    assert "24 månader" in before
    assert "Tvåstegsverifiering för administrationen är avstängd." in before  # test settings
    assert "använder inte HTTPS" in before
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "quiz_answers": 7}
    settings.BASE_URL = "https://vaksam.exempelby.se"
    settings.SESSION_IDLE_TIMEOUT = 2 * 60 * 60
    after = client.get(RECORD).content.decode()
    assert "7 månader" in after
    assert "krypterad (HTTPS) till vaksam.exempelby.se" in after
    assert "efter 2 timmar utan aktivitet" in after


@pytest.mark.parametrize(("months", "said"), [(1, "sparas 1 månad."), (2, "sparas 2 månader.")])
def test_the_security_measures_say_the_log_retention_in_the_right_number(settings, months, said):
    from privacy.views.processing import security_measures

    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "audit_log": months}
    assert any(measure.endswith(said) for measure in security_measures())


def test_the_security_measures_name_the_second_factor_when_it_is_required(settings):
    from privacy.views.processing import security_measures

    settings.ADMIN_REQUIRE_TOTP = True
    assert any("autentiseringsapp (TOTP)" in measure for measure in security_measures())
    settings.ADMIN_REQUIRE_TOTP = False
    assert not any("autentiseringsapp (TOTP)" in measure for measure in security_measures())


def test_the_recipients_come_from_the_groups_permissions(client, unit, home_page):
    client.force_login(_member(unit, DATASKYDDSOMBUD).user)
    recipients = {row["group"]: row for row in client.get(RECORD).context["recipients"]}
    assert "Ta fram registerutdrag åt en person" in recipients[HR]["may"]
    assert "Ta fram registerutdrag åt en person" not in recipients[DATASKYDDSOMBUD]["may"]
    assert "Se gallringsplanen och registerförteckningen" in recipients[DATASKYDDSOMBUD]["may"]
    assert "Se anställda" in recipients[HR]["may"]
