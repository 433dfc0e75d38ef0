"""HR and coordinators: filter, revoke with a logged reason, and download ZIPs."""

import stat
import zipfile
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import Certificate, CertificateExport
from courses.services import record_module_completion
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(login_as_member):
    return login_as_member("HR")


@pytest.fixture
def three_certificates(course, roles):
    """Certificates for three people: two in unit A (one below it), one in unit B."""
    a = OrgUnitFactory(code="a", kind="avdelning")
    a1 = OrgUnitFactory(code="a1", parent=a)
    b = OrgUnitFactory(code="b", kind="avdelning")
    people = [EmployeeFactory(org_unit=u, roles=[roles["medarbetare"]]) for u in (a, a1, b)]
    for person in people:
        for module in (course.intro_module, course.jav_module):
            record_module_completion(employee=person, module=module)
    return {"a": a, "b": b, "people": people}


def post_zip(client, **filters):
    """The export as the confirmation page sends it: a POST carrying the listing's filter."""
    return client.post(reverse("certificates_admin:zip"), {"query": urlencode(filters)})


def test_listing_filters_by_unit_subtree(client, hr, three_certificates):
    url = reverse("certificates_admin:index")
    response = client.get(url, {"org_unit": three_certificates["a"].pk})
    content = response.content.decode()
    assert response.status_code == 200
    names = [p.full_name for p in three_certificates["people"]]
    assert names[0] in content and names[1] in content and names[2] not in content


def test_revoking_needs_a_reason_and_is_logged(client, hr, three_certificates):
    certificate = Certificate.objects.first()
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    response = client.post(url, {"reason": ""})
    assert "Ange varför intyget återkallas." in response.content.decode()
    client.post(url, {"reason": "Utfärdat av misstag"})
    certificate.refresh_from_db()
    assert certificate.status() == "revoked"
    assert certificate.revoked_by == hr.user
    entry = ModelLogEntry.objects.get(action="certificates.revoke")
    assert entry.user == hr.user and entry.data["reason"] == "Utfärdat av misstag"


def test_learner_cannot_reach_the_certificate_admin(client, three_certificates, unit):
    learner = EmployeeFactory(org_unit=unit)
    client.force_login(learner.user)
    assert client.get(reverse("certificates_admin:zip")).status_code in (302, 403)
    assert post_zip(client).status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action="certificates.export").exists()
    certificate = Certificate.objects.first()
    client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "x"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_zip_of_the_filtered_set_is_streamed(client, hr, three_certificates):
    response = post_zip(client, org_unit=three_certificates["a"].pk)
    assert response.status_code == 200 and response.streaming
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 2
    assert all(name.endswith(".pdf") for name in names)
    assert all(archive.read(name).startswith(b"%PDF") for name in names)


def test_a_large_zip_is_built_in_the_background_and_offered_when_ready(
    client, hr, three_certificates, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_ZIP_INLINE_LIMIT = 2
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        response = post_zip(client)
    assert response["Location"] == reverse("certificates_admin:exports")
    export = CertificateExport.objects.get()
    assert export.state == CertificateExport.State.READY  # the immediate backend ran it
    content = client.get(response["Location"]).content.decode()
    download = reverse("certificates_admin:export_download", args=[export.pk])
    assert download in content
    archive = zipfile.ZipFile(BytesIO(b"".join(client.get(download).streaming_content)))
    assert len(archive.namelist()) == 3


def test_zip_holds_what_the_search_showed(client, hr, three_certificates):
    person = three_certificates["people"][0]
    listing = client.get(reverse("certificates_admin:index"), {"q": person.full_name})
    assert listing.content.decode().count("Återkalla</a>") == 1
    response = post_zip(client, q=person.full_name)
    archive = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content)))
    assert len(archive.namelist()) == 1


def test_every_export_is_audited_with_filter_and_count(client, hr, three_certificates):
    response = post_zip(client, org_unit=three_certificates["a"].pk)
    b"".join(response.streaming_content)
    entry = ModelLogEntry.objects.get(action="certificates.export")
    assert entry.user == hr.user
    assert entry.data["count"] == 2
    assert f"org_unit={three_certificates['a'].pk}" in entry.data["filter"]


def test_background_exports_are_private_and_pruned(
    client, hr, three_certificates, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta
    from pathlib import Path

    from django.utils import timezone

    settings.CERTIFICATE_ZIP_INLINE_LIMIT = 1
    with django_capture_on_commit_callbacks(execute=True):
        post_zip(client)
    export = CertificateExport.objects.get()
    path = Path(export.file.path)
    assert path.is_file()
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert "intyg" not in path.name  # a random name, not a guessable one
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the app's user alone reads it

    CertificateExport.objects.update(requested_at=timezone.now() - timedelta(days=30))
    assert CertificateExport.objects.prune() == 1
    assert not path.exists()


def test_a_get_only_confirms_and_exports_nothing(client, hr, three_certificates):
    """Security finding 7: a link on another site must not start an export."""
    response = client.get(
        reverse("certificates_admin:zip"), {"org_unit": three_certificates["a"].pk}
    )
    content = response.content.decode()
    assert response.status_code == 200 and not response.streaming
    assert "Urvalet innehåller 2 intyg." in content
    assert f'value="org_unit={three_certificates["a"].pk}"' in content
    assert not ModelLogEntry.objects.filter(action="certificates.export").exists()
    assert not CertificateExport.objects.exists()


def test_the_export_needs_a_csrf_token(hr, three_certificates):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(hr.user)
    assert post_zip(strict).status_code == 403
    assert not ModelLogEntry.objects.filter(action="certificates.export").exists()


def test_an_unreadable_filter_exports_nothing(client, hr, three_certificates):
    response = post_zip(client, issued_at_from="inte-ett-datum")
    assert response.status_code == 302
    assert not ModelLogEntry.objects.filter(action="certificates.export").exists()


def test_coordinators_see_no_certificates(client, login_as_member, three_certificates):
    """Security finding 8: coordinators get no personal data beyond the sessions they lead."""
    login_as_member("Kursansvarig")
    certificate = Certificate.objects.first()
    for url in (
        reverse("certificates_admin:index"),
        reverse("certificates_admin:zip"),
        reverse("certificates_admin:exports"),
        reverse("certificates_admin:revoke", args=[certificate.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert post_zip(client).status_code in (302, 403)
    client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "x"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
