"""Who may open a module: role targeting on the server, not only in the listing."""

import pytest
from django.contrib.auth.models import Group

from people.groups import ensure_groups

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client, course):
    response = client.get(course.intro_module.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/?next=")


def test_employee_can_open_a_module_for_everyone(client, course, employee):
    client.force_login(employee.user)
    response = client.get(course.intro_module.url)
    assert response.status_code == 200
    assert "<h1>Introduktion</h1>" in response.content.decode()


def test_employee_is_refused_a_module_meant_for_other_roles(client, course, employee):
    client.force_login(employee.user)
    response = client.get(course.recruitment_module.url)
    assert response.status_code == 403
    assert "inte behörighet" in response.content.decode()


def test_manager_can_open_the_recruitment_module(client, course, manager):
    client.force_login(manager.user)
    assert client.get(course.recruitment_module.url).status_code == 200


def test_coordinator_may_preview_a_module_not_meant_for_their_roles(client, course, employee):
    ensure_groups()
    employee.user.groups.add(Group.objects.get(name="Kursansvarig"))
    client.force_login(employee.user)
    assert client.get(course.recruitment_module.url).status_code == 200
    preview_url = f"/admin/pages/{course.recruitment_module.pk}/view_draft/"
    assert client.get(preview_url).status_code == 200


def test_a_refused_module_records_no_progress(client, course, employee):
    client.force_login(employee.user)
    client.get(course.recruitment_module.url)
    assert not employee.progress.exists()


def test_module_page_links_previous_and_next_module_for_the_learner(client, course, employee):
    client.force_login(employee.user)
    response = client.get(course.intro_module.url)
    assert response.context["next_module"] == course.jav_module
    assert response.context["previous_module"] is None
    response = client.get(course.jav_module.url)
    # The recruitment module is not the employee's, so Jäv is their last.
    assert response.context["next_module"] is None
