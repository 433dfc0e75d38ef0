"""The tillgänglighetsredogörelse: DIGG's structure, and a link to it from every page."""

from datetime import date

import pytest
import wagtail_factories
from wagtail.models import Site

from content.models import AccessibilityStatementPage, SiteSettings

pytestmark = pytest.mark.django_db


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Tillgänglighetsredogörelse"
    slug = "tillganglighet"
    shortcomings = "<p>Videospelaren saknar textning.</p>"
    reviewed_on = date(2026, 11, 1)


@pytest.fixture
def statement(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accessibility_contact_email = "tillganglighet@example.org"
    settings.organisation_name = "Exempelkommun"
    settings.save()
    return AccessibilityStatementPageFactory(parent=home_page)


def test_statement_follows_diggs_structure(client, statement):
    content = client.get(statement.url).content.decode()
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert f">{heading}</h" in content, heading
    assert "delvis förenlig" in content
    assert "Videospelaren saknar textning." in content
    assert "mailto:tillganglighet@example.org" in content
    assert "Myndigheten för digital förvaltning" in content
    assert "1 november 2026" in content


def test_every_page_links_the_statement_in_the_footer(client, statement, home_page):
    for url in (home_page.url, "/konto/logga-in/"):
        content = client.get(url).content.decode()
        assert f'href="{statement.url}">Tillgänglighetsredogörelse</a>' in content
