"""The follow-up report in the language of the person who asks for it, also when the worker
builds it."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from reports.models import PeopleExport, ReportBundle
from reports.tasks import build_people_export, build_report_bundle
from tests.catalogue import use_english
from tests.reports.conftest import PERIOD
from tests.reports.test_exports import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_reader(hr_client, settings, tmp_path):
    use_english(settings, tmp_path / "locale", {"Uppföljningsrapport": "Follow-up report"})
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="hr-analytiker"))
    profile.preferred_language = "en"
    profile.save()
    return hr_client


def test_the_report_pdf_is_in_the_readers_language(english_reader, org):
    response = english_reader.get(reverse("reports:report"), {"org_unit": org.a.pk, **PERIOD})
    assert "Follow-up report: Nämnd A" in pdf_text(response.content)


@override_settings(REPORT_ZIP_INLINE_LIMIT=1)
def test_reports_built_in_the_background_are_in_the_requesters_language(
    english_reader, org, private_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        english_reader.post(reverse("reports:bundles"), PERIOD)
    bundle = ReportBundle.objects.get()
    with translation.override("sv"):  # the worker: no request, no reader's language
        build_report_bundle.call(bundle.pk)
    download = english_reader.get(reverse("reports:bundle_download", args=[bundle.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    texts = [pdf_text(archive.read(name)) for name in archive.namelist()]
    assert len(texts) == 2
    assert all("Follow-up report: Nämnd" in text for text in texts)


def test_a_people_export_built_in_the_background_is_in_the_requesters_language(
    hr_client, org, settings, tmp_path, django_capture_on_commit_callbacks
):
    use_english(settings, tmp_path / "locale", {"Personer": "People", "Namn": "Name"})
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="hr-analytiker"))
    profile.preferred_language = "en"
    profile.save()
    settings.EXPORT_INLINE_MAX_ROWS = 1
    with django_capture_on_commit_callbacks(execute=False):
        hr_client.get(reverse("reports:people_export", args=["xlsx"]), PERIOD)
    export = PeopleExport.objects.get()
    with translation.override("sv"):  # the worker: no request, no reader's language
        build_people_export.call(export.pk)
    download = hr_client.get(reverse("reports:export_download", args=[export.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames == ["People"]
    assert next(workbook["People"].iter_rows(values_only=True))[0] == "Name"
