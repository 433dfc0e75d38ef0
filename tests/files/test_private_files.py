"""Private files (certificate ZIPs, report bundles) reach their owner only, on every storage.

The same tests run with the private store on local disk and on S3 (moto's in-process S3,
through django-storages), since a multi-server installation keeps them in a bucket.
"""

from datetime import date, timedelta

import boto3
import pytest
from django.urls import reverse
from django.utils import timezone
from moto import mock_aws

from certificates.models import CertificateExport
from files.models import prune_expired_files
from files.storage import private_storage
from people.groups import HR, MEDARBETARE, ensure_groups
from reports.models import ReportBundle
from tests.factories import EmployeeFactory, OrgUnitFactory

BUCKET = "vaksam-private-test"
REGION = "eu-north-1"
CONTENT = b"PK\x05\x06" + b"\x00" * 18  # an empty ZIP: the bytes are what is checked


@pytest.fixture(params=["local", "s3"])
def backend(request, settings, tmp_path, monkeypatch):
    """The private store on local disk, or on an S3 bucket (moto) with the production class."""
    if request.param == "local":
        private = {
            "BACKEND": "files.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
        settings.STORAGES = {**settings.STORAGES, "private": private}
        yield "local"
        return
    # Never real credentials or a real endpoint: moto answers in-process.
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        private = {
            "BACKEND": "files.storage.PrivateS3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "location": "private", "region_name": REGION},
        }
        settings.STORAGES = {**settings.STORAGES, "private": private}
        yield "s3"


def member(group: str, unit):
    person = EmployeeFactory(org_unit=unit)
    person.user.groups.add(ensure_groups()[group])
    return person.user


@pytest.fixture
def people(db):
    unit = OrgUnitFactory()
    return {
        "owner": member(HR, unit),
        "colleague": member(HR, unit),  # the same rights, but not the one who asked
        "employee": member(MEDARBETARE, unit),
    }


def built(model, owner, **fields):
    item = model.objects.create(requested_by=owner, **fields)
    item.build("fil.zip", lambda spool: spool.write(CONTENT))
    return item


KINDS = {
    "certificate ZIP": (
        CertificateExport,
        {"description": "Alla"},
        "certificates_admin:export_download",
    ),
    "report bundle": (
        ReportBundle,
        {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30)},
        "reports:bundle_download",
    ),
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_private_file_reaches_its_owner_and_nobody_else(client, backend, people, kind):
    model, fields, url_name = KINDS[kind]
    item = built(model, people["owner"], **fields)
    url = reverse(url_name, args=[item.pk])

    client.force_login(people["owner"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")

    # A colleague with the same rights does not learn the file exists.
    client.force_login(people["colleague"])
    assert client.get(url).status_code == 404
    # An employee without the right is refused (the admin sends them to its login page).
    client.force_login(people["employee"])
    response = client.get(url)
    assert response.status_code in {302, 403}
    assert not getattr(response, "streaming", False)
    # Nobody signed in gets the login page, not the file.
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].split("?")[0] in {reverse("login"), reverse("wagtailadmin_login")}


def test_a_private_file_has_no_address_and_is_stored_privately(backend, people):
    item = built(CertificateExport, people["owner"])
    assert item.file.name.startswith("certificate-exports/")
    assert "fil" not in item.file.name  # a random name, nothing guessable
    with pytest.raises(ValueError, match="no URL"):
        item.file.url  # noqa: B018
    assert private_storage().exists(item.file.name)
    if backend == "s3":
        s3 = boto3.client("s3", region_name=REGION)
        key = f"private/{item.file.name}"
        grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]
        assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == CONTENT


def test_expired_files_leave_the_store(backend, people, settings):
    settings.CERTIFICATE_EXPORT_RETENTION_DAYS = 7
    old, new = built(CertificateExport, people["owner"]), built(CertificateExport, people["owner"])
    CertificateExport.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - timedelta(days=8)
    )
    assert prune_expired_files() == 1
    assert not private_storage().exists(old.file.name)
    assert private_storage().exists(new.file.name)
    assert list(CertificateExport.objects.all()) == [new]
