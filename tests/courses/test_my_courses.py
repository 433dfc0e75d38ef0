"""Mina kurser: what a learner sees of their courses."""

import pytest
from django.urls import reverse

from courses.models import ModuleProgress

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
    titles = [m["page"].title for c in response.context["courses"] for m in c["modules"]]
    assert titles == ["Introduktion", "Jäv"]
    assert "Rekryteringskontroller" not in response.content.decode()


def test_manager_also_sees_the_recruitment_module(client, course, manager):
    client.force_login(manager.user)
    response = client.get(reverse("my_courses"))
    titles = [m["page"].title for c in response.context["courses"] for m in c["modules"]]
    assert titles == ["Introduktion", "Jäv", "Rekryteringskontroller"]


def test_read_state_follows_opened_modules(client, course, employee):
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    response = client.get(reverse("my_courses"))
    [listed] = response.context["courses"]
    states = {m["page"].title: m["last_opened_at"] is not None for m in listed["modules"]}
    assert states == {"Introduktion": True, "Jäv": False}
    assert listed["read_count"] == 1
    assert "1 av 2 moduler lästa" in response.content.decode()


def test_unpublished_modules_are_not_listed(client, course, employee):
    course.jav_module.unpublish()
    client.force_login(employee.user)
    response = client.get(reverse("my_courses"))
    titles = [m["page"].title for c in response.context["courses"] for m in c["modules"]]
    assert titles == ["Introduktion"]


def test_account_without_employee_gets_a_clear_message(client, course, django_user_model):
    user = django_user_model.objects.create_user("extern", password="x-secret-123")
    client.force_login(user)
    response = client.get(reverse("my_courses"))
    assert response.status_code == 200
    assert "inte kopplat till någon anställd" in response.content.decode()


def test_query_count_does_not_grow_with_modules_or_progress(
    client, course, employee, django_assert_max_num_queries
):
    """Listing stays a fixed handful of queries however many modules have been opened."""
    for module in (course.intro_module, course.jav_module):
        ModuleProgress.record_open(employee=employee, module=module)
    client.force_login(employee.user)
    client.get(reverse("my_courses"))  # warm the site and settings caches
    with django_assert_max_num_queries(12):
        client.get(reverse("my_courses"))
