"""The follow-up report as a document: letterhead, header rows on every page, document info."""

import io
import re
import zipfile
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site
from wagtail_factories import ImageFactory

from certificates import pdf
from content.models import SiteSettings
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db

# Four and a half years: 54 months, more than one page holds.
LONG_PERIOD = {"start": "2022-01-01", "end": "2026-06-30"}
MONTH_ROW = re.compile(
    r"^(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
    r" \d{4}\b",
    re.MULTILINE,
)


@pytest.fixture
def letterhead():
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Norrdalens stadsdelsförvaltning"
    site_settings.logo = ImageFactory(file__width=300, file__height=120, file__format="PNG")
    site_settings.save()
    return site_settings


def _report(client, org, period) -> PdfReader:
    response = client.get(reverse("reports:report"), {"org_unit": org.a.pk, **period})
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content))


def test_a_table_that_runs_over_a_page_repeats_its_header_row(hr_client, org, letterhead):
    reader = _report(hr_client, org, LONG_PERIOD)
    texts = [page.extract_text() for page in reader.pages]
    with_months = [text for text in texts if MONTH_ROW.search(text)]
    assert len(with_months) >= 2, "the month table should run over a page"
    for text in with_months:  # the table's heading and its header row, on each page
        assert "Utveckling per månad" in text
        assert "Månad" in text and "Närvarande" in text


def test_the_report_has_the_letterhead_and_its_document_info(hr_client, org, letterhead):
    before = timezone.now().replace(microsecond=0)
    reader = _report(hr_client, org, LONG_PERIOD)
    after = timezone.now()

    first = reader.pages[0]
    assert "NORRDALENS STADSDELSFÖRVALTNING" in first.extract_text()
    assert [image.image.size for image in first.images] == [(300, 120)]

    info = reader.metadata
    assert info.title == "Uppföljningsrapport – Nämnd A"
    assert info.author == "Norrdalens stadsdelsförvaltning"
    assert info.subject == "Kursuppföljning för perioden 1 januari 2022 – 30 juni 2026"
    # Dated when its figures were read, in Swedish time.
    assert before <= info.creation_date <= after
    assert info.creation_date.utcoffset() == timezone.localtime(before).utcoffset()


def test_a_bundle_of_reports_reads_the_logo_once(hr_client, org, letterhead):
    """Each unit's report has the logo, read from storage once for the whole ZIP."""
    with mock.patch("certificates.pdf.image_data_uri", wraps=pdf.image_data_uri) as reads:
        response = hr_client.post(reverse("reports:bundles"), PERIOD)
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    reports = [PdfReader(io.BytesIO(archive.read(name))) for name in archive.namelist()]
    assert len(reports) == 2
    assert all([image.image.size for image in r.pages[0].images] == [(300, 120)] for r in reports)
    assert reads.call_count == 1
