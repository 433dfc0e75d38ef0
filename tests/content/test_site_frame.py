"""The cached site frame and the one-query routing: same pages, same answers, fewer queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from content.models import SiteSettings
from content.site_frame import CACHE_KEY, _match, all_frames
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_new_menu_page_and_new_settings_show_at_once(client, home_page, employee):
    client.force_login(employee.user)
    client.get("/")  # fills the cache
    assert cache.get(CACHE_KEY) is not None
    StandardPageFactory(parent=home_page, title="Rutin vid hot", slug="rutin", show_in_menus=True)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Norrdalens stadsdelsförvaltning"
    site_settings.save()
    page = client.get("/").content.decode()
    assert 'href="/rutin/"' in page
    assert "Norrdalens stadsdelsförvaltning" in page


def test_an_unpublished_menu_page_leaves_the_menu(client, home_page, employee):
    page = StandardPageFactory(parent=home_page, title="Rutin", slug="rutin", show_in_menus=True)
    client.force_login(employee.user)
    assert 'href="/rutin/"' in client.get("/").content.decode()
    page.unpublish()
    assert 'href="/rutin/"' not in client.get("/").content.decode()


def test_sites_are_matched_as_wagtail_matches_them(home_page):
    default = Site.objects.get(is_default_site=True)
    other_root = StandardPageFactory(parent=Page.get_first_root_node(), slug="annan")
    Site.objects.create(hostname="annan.example", port=80, root_page=other_root)
    frames = all_frames()
    for hostname, port in [
        (default.hostname, default.port),
        ("annan.example", 80),
        ("annan.example", 8080),  # the only site by that name wins over the default
        ("okand.example", 80),  # unknown: the default site
    ]:
        assert _match(frames, hostname, port).site.pk == get_site_for_hostname(hostname, port).pk


def test_a_module_page_is_routed_in_two_queries(course):
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    path = course.intro_module.url.strip("/").split("/")
    with CaptureQueriesContext(connection) as queries:
        result = root.route(None, path)
    assert result.page == course.intro_module
    assert type(result.page).__name__ == "ModulePage"
    assert len(queries) == 2
    assert result.page.get_parent().pk == course.pk


def test_routing_answers_as_wagtail_did(client, course, employee):
    client.force_login(employee.user)
    assert client.get(course.intro_module.url).status_code == 200
    assert client.get(course.url + "finns-inte/").status_code == 404
    assert client.get("/finns-inte/alls/").status_code == 404
    course.jav_module.unpublish()
    assert client.get(course.jav_module.url).status_code == 404
    # An unpublished course still has its published modules served, as in Wagtail.
    course.unpublish()
    assert client.get(course.intro_module.url).status_code == 200
