"""Wagtail's userbar: shown to editors, never costing a learner's page a permission query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_an_editor_sees_the_userbar(admin_client, home_page):
    assert "wagtail-userbar" in admin_client.get("/").content.decode()


def test_a_learner_gets_no_userbar_and_no_permission_queries(client, home_page, employee):
    client.force_login(employee.user)
    client.get("/")  # warm-up: the cached flag is set
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert "wagtail-userbar" not in page
    assert not [query for query in queries if "auth_permission" in query["sql"]]
