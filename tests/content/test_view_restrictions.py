"""Wagtail's privacy settings, checked from cached paths: no queries where none applies, and a
restriction added, moved into or removed takes effect at once."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from content.view_restrictions import CachedViewRestrictionsMixin
from people.groups import ensure_groups
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def _restriction_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "pageviewrestriction" in query["sql"]]


def test_every_page_type_of_ours_uses_the_cached_check():
    ours = [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and not model.__module__.startswith("wagtail")
    ]
    assert ours
    assert [model for model in ours if not issubclass(model, CachedViewRestrictionsMixin)] == []


def test_a_page_without_restrictions_is_served_without_asking_for_them(client, course, employee):
    client.force_login(employee.user)
    assert client.get(course.intro_module.url).status_code == 200  # warm-up
    with CaptureQueriesContext(connection) as queries:
        assert client.get(course.intro_module.url).status_code == 200
    assert _restriction_queries(queries) == []


def test_a_restriction_on_an_ancestor_applies_at_once_and_its_removal_too(client, course, employee):
    client.force_login(employee.user)
    assert client.get(course.intro_module.url).status_code == 200  # fills the cache
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(ensure_groups()["HR"])
    refused = client.get(course.intro_module.url)
    # Wagtail sends a user outside the groups to its login page.
    assert refused.status_code == 302 and "login" in refused["Location"]
    employee.user.groups.add(ensure_groups()["HR"])
    assert client.get(course.intro_module.url).status_code == 200
    employee.user.groups.clear()
    restriction.delete()
    assert client.get(course.intro_module.url).status_code == 200


def test_a_page_moved_under_a_restricted_page_is_restricted(client, home_page, employee):
    private = StandardPageFactory(parent=home_page, title="Internt", slug="internt")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    page = StandardPageFactory(parent=home_page, title="Rutin", slug="rutin")
    client.force_login(employee.user)
    assert client.get("/rutin/").status_code == 200  # fills the cache
    page.move(private, pos="last-child")
    response = client.get("/internt/rutin/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()  # the password form, not the page


def test_a_restriction_on_an_aliased_source_applies_to_the_alias(client, home_page, employee):
    source = StandardPageFactory(parent=home_page, title="Källa", slug="kalla")
    alias = source.create_alias(update_slug="alias")
    PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    client.force_login(employee.user)
    response = client.get("/alias/")
    assert 'name="password"' in response.content.decode()
    assert alias.specific.get_view_restrictions().exists()
