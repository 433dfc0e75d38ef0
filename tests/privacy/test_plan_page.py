"""The gallringsplan in the admin: every kind of record with its period, and the last runs; for
HR, the data protection officer and administrators only."""

from datetime import date

import pytest
from django.urls import reverse

from people.groups import DATASKYDDSOMBUD, HR
from privacy.plan import record_types
from privacy.retention import apply_retention

URL = "/admin/dataskydd/gallringsplan/"


def test_the_url_is_the_named_one(db):
    assert reverse("retention_plan") == URL


@pytest.mark.parametrize("group", [DATASKYDDSOMBUD, HR])
def test_hr_and_the_data_protection_officer_read_the_plan(client, login_as_member, group):
    login_as_member(group)
    apply_retention(date(2030, 6, 15), dry_run=True)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for record in record_types():
        assert str(record.label) in page
        assert str(record.then) in page
    assert "24 månader" in page and "6 timmar" in page
    # The one run so far, a dry run.
    assert "provkörning, inget togs bort" in page
    # Every kind with a period is thinned by the job.
    assert "Gallras ännu inte av den dagliga körningen." not in page


@pytest.mark.parametrize(("group", "status"), [("Kursansvarig", 302), ("Medarbetare", 302)])
def test_others_are_refused(client, login_as_member, group, status):
    login_as_member(group)
    response = client.get(URL)
    assert response.status_code == status
    assert "Gallringsplan" not in response.content.decode()


def test_a_manager_without_the_permission_is_refused(client, manager):
    client.force_login(manager.user)
    response = client.get(URL)
    assert response.status_code == 302


def test_the_menu_shows_the_plan_only_to_those_who_may_see_it(client, login_as_member):
    login_as_member(DATASKYDDSOMBUD)
    assert URL in client.get("/admin/").content.decode()
    client.logout()
    login_as_member("Kursansvarig")
    assert URL not in client.get("/admin/").content.decode()
