"""Who saw whom in certificate ZIPs: every holder in the file, inline or built in the background."""

import zipfile
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from certificates.models import CertificateExport
from courses.services import record_module_completion
from people.models import PersonalDataAccess
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holders(course, roles):
    """Two holders in unit A, one in unit B."""
    a, b = OrgUnitFactory(code="a"), OrgUnitFactory(code="b")
    people = [EmployeeFactory(org_unit=u, roles=[roles["medarbetare"]]) for u in (a, a, b)]
    for person in people:
        for module in (course.intro_module, course.jav_module):
            record_module_completion(employee=person, module=module)
    return {"a": a, "people": people}


def _people(action: str) -> set[int]:
    access = PersonalDataAccess.objects.get(action=action)
    return set(access.people.values_list("employee_id", flat=True))


def test_a_certificate_zip_records_every_holder_in_it(client, login_as_member, holders):
    login_as_member("HR")
    query = urlencode({"org_unit": holders["a"].pk})
    response = client.post(reverse("certificates_admin:zip"), {"query": query})
    names = zipfile.ZipFile(BytesIO(b"".join(response.streaming_content))).namelist()
    assert len(names) == 2
    assert _people("certificates.zip") == {p.pk for p in holders["people"][:2]}
    assert PersonalDataAccess.objects.get(action="certificates.zip").kind == "export"


def test_a_zip_built_in_the_background_records_its_holders_when_downloaded(
    client, login_as_member, holders, settings, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_ZIP_INLINE_LIMIT = 1
    login_as_member("HR")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificates_admin:zip"), {"query": ""})
    export = CertificateExport.objects.get()
    client.get(reverse("certificates_admin:export_download", args=[export.pk]))
    assert _people("certificates.zip_download") == {p.pk for p in holders["people"]}


def test_a_public_verification_is_recorded_without_an_account(client, holders):
    certificate = holders["people"][0].certificates.get()
    client.get(reverse("certificates:verify", args=[certificate.display_code]))
    access = PersonalDataAccess.objects.get(action="certificates.verify")
    assert access.viewer is None and access.purpose == "verification"
    assert _people("certificates.verify") == {holders["people"][0].pk}
