"""Who may download a certificate, and the learner's list of their own."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from people.groups import ensure_groups
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def _download(client, certificate):
    return client.get(reverse("certificates:download", args=[certificate.display_code]))


def test_holder_downloads_their_certificate_as_pdf(client, certificate, employee):
    client.force_login(employee.user)
    response = _download(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert certificate.display_code in response["Content-Disposition"]


def test_another_learner_gets_not_found(client, certificate, unit):
    other = EmployeeFactory(org_unit=unit)
    client.force_login(other.user)
    assert _download(client, certificate).status_code == 404


def test_manager_above_the_holder_may_download_and_one_elsewhere_may_not(
    client, certificate, employee
):
    parent = OrgUnitFactory(kind="avdelning")
    employee.org_unit.move(parent, pos="last-child")
    employee.org_unit.refresh_from_db()
    above = EmployeeFactory(org_unit=parent, manages=[parent])
    elsewhere_unit = OrgUnitFactory(kind="avdelning")
    elsewhere = EmployeeFactory(org_unit=elsewhere_unit, manages=[elsewhere_unit])

    client.force_login(above.user)
    assert _download(client, certificate).status_code == 200
    client.force_login(elsewhere.user)
    assert _download(client, certificate).status_code == 404


def test_hr_may_download_any_certificate(client, certificate, unit):
    ensure_groups()
    hr = EmployeeFactory(org_unit=unit)
    hr.user.groups.add(Group.objects.get(name="HR"))
    client.force_login(hr.user)
    assert _download(client, certificate).status_code == 200


def test_download_needs_login(client, certificate):
    response = _download(client, certificate)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_certificates_lists_current_and_earlier(client, certificate, employee):
    certificate.valid_until = timezone.localdate() - timedelta(days=1)
    certificate.save()
    client.force_login(employee.user)
    content = client.get(reverse("certificates:mine")).content.decode()
    assert f'<span class="verification-code">{certificate.display_code}</span>' in content
    assert "<code" not in content  # not Bootstrap's pink code style
    assert "Har upphört att gälla" in content
    assert reverse("certificates:download", args=[certificate.display_code]) in content


def test_mina_kurser_links_the_certificate(client, certificate, employee):
    client.force_login(employee.user)
    content = client.get(reverse("my_courses")).content.decode()
    assert reverse("certificates:download", args=[certificate.display_code]) in content


def test_a_managers_download_is_audited(client, certificate, employee):
    from wagtail.models import ModelLogEntry

    parent = OrgUnitFactory(kind="avdelning")
    employee.org_unit.move(parent, pos="last-child")
    above = EmployeeFactory(org_unit=parent, manages=[parent])
    client.force_login(above.user)
    _download(client, certificate)
    entry = ModelLogEntry.objects.get(action="certificates.download")
    assert entry.user == above.user and entry.object_id == str(certificate.pk)
    client.force_login(employee.user)
    _download(client, certificate)
    assert ModelLogEntry.objects.filter(action="certificates.download").count() == 1


def test_revoking_ends_the_completion_and_stops_downloads(client, certificate, employee):
    from certificates.services import revoke_certificate
    from courses.models import CourseCompletion

    revoke_certificate(certificate=certificate, reason="Fel person", user=employee.user)
    assert not CourseCompletion.objects.valid_on(timezone.localdate()).exists()
    client.force_login(employee.user)
    response = client.get(reverse("my_courses"))
    assert "Återkallad" in response.content.decode()
    response = _download(client, certificate)
    assert response.status_code == 302
    assert "återkallat" in client.get(response["Location"]).content.decode()
