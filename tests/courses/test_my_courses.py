"""Mina kurser: what a learner sees of their courses."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import ModuleProgress
from courses.services import record_module_completion
from tests.factories import ModulePageFactory

pytestmark = pytest.mark.django_db


def test_mina_kurser_requires_login(client):
    """An anonymous visitor is sent to the login page, and comes back after logging in."""
    response = client.get(reverse("my_courses"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('my_courses')}"


def test_employee_sees_modules_meant_for_everyone_but_not_the_managers_module(
    client, course, employee
):
    client.force_login(employee.user)
    response = client.get(reverse("my_courses"))
    assert response.status_code == 200
    titles = [m.page.title for c in response.context["courses"] for m in c.modules]
    assert titles == ["Introduktion", "Jäv"]
    assert "Rekryteringskontroller" not in response.content.decode()


def test_manager_also_sees_the_recruitment_module(client, course, manager):
    client.force_login(manager.user)
    response = client.get(reverse("my_courses"))
    titles = [m.page.title for c in response.context["courses"] for m in c.modules]
    assert titles == ["Introduktion", "Jäv", "Rekryteringskontroller"]


def test_read_state_follows_opened_modules(client, course, employee):
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    response = client.get(reverse("my_courses"))
    [listed] = response.context["courses"]
    states = {m.page.title: m.last_opened_at is not None for m in listed.modules}
    assert states == {"Introduktion": True, "Jäv": False}
    assert listed.read_count == 1
    # Neither module has a quiz, so reading the introduction completed it.
    assert "1 modul kvar att klara." in response.content.decode()


def test_unpublished_modules_are_not_listed(client, course, employee):
    course.jav_module.unpublish()
    client.force_login(employee.user)
    response = client.get(reverse("my_courses"))
    titles = [m.page.title for c in response.context["courses"] for m in c.modules]
    assert titles == ["Introduktion"]


def test_account_without_employee_gets_a_clear_message(client, course, django_user_model):
    user = django_user_model.objects.create_user("extern", password="x-secret-123")
    client.force_login(user)
    response = client.get(reverse("my_courses"))
    assert response.status_code == 200
    assert "inte kopplat till någon anställd" in response.content.decode()


def _queries_for_my_courses(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("my_courses")).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_modules_or_progress(client, course, manager):
    """Listing costs the same number of queries however many modules are opened and passed."""
    client.force_login(manager.user)
    client.get(reverse("my_courses"))  # warm the site and settings caches
    baseline = _queries_for_my_courses(client)

    for number in range(5):
        extra = ModulePageFactory(parent=course, title=f"Extra {number}")
        ModuleProgress.record_open(employee=manager, module=extra)
        record_module_completion(employee=manager, module=extra, score=90)
    for module in (course.intro_module, course.jav_module, course.recruitment_module):
        ModuleProgress.record_open(employee=manager, module=module)
        record_module_completion(employee=manager, module=module, score=100)

    client.get(reverse("my_courses"))  # new pages empty the site cache: warm it again
    assert _queries_for_my_courses(client) == baseline
