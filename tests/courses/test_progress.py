"""Opening a module leaves one progress row per employee and module."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import ModuleProgress

pytestmark = pytest.mark.django_db


def test_opening_a_module_twice_keeps_one_row_and_moves_last_opened(client, course, employee):
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    first = ModuleProgress.objects.get(employee=employee, module=course.intro_module)
    ModuleProgress.objects.filter(pk=first.pk).update(
        first_opened_at=timezone.now() - timedelta(days=3),
        last_opened_at=timezone.now() - timedelta(days=3),
    )
    client.get(course.intro_module.url)
    assert ModuleProgress.objects.filter(employee=employee).count() == 1
    progress = ModuleProgress.objects.get(pk=first.pk)
    assert progress.last_opened_at > progress.first_opened_at + timedelta(days=2)


def test_progress_is_per_employee(client, course, employee, manager):
    for person in (employee, manager):
        client.force_login(person.user)
        client.get(course.intro_module.url)
    assert ModuleProgress.objects.filter(module=course.intro_module).count() == 2


def test_opening_another_module_adds_its_own_row_and_leaves_the_first_alone(course, employee):
    """The first opening is the first and the last one; opening another module neither moves
    this one's last opening nor stands in for its own row."""
    ModuleProgress.record_open(employee=employee, module=course.intro_module)
    intro = ModuleProgress.objects.get(employee=employee, module=course.intro_module)
    assert intro.first_opened_at == intro.last_opened_at
    three_days_ago = timezone.now() - timedelta(days=3)
    ModuleProgress.objects.filter(pk=intro.pk).update(last_opened_at=three_days_ago)
    ModuleProgress.record_open(employee=employee, module=course.jav_module)
    jav = ModuleProgress.objects.get(employee=employee, module=course.jav_module)
    assert jav.first_opened_at == jav.last_opened_at > three_days_ago
    assert ModuleProgress.objects.get(pk=intro.pk).last_opened_at == three_days_ago


def test_record_open_survives_a_row_created_meanwhile(course, employee, manager, monkeypatch):
    """If another request inserts the row between our update and insert, we update it: that
    row only, not the employee's other modules nor a colleague's."""
    three_days_ago = timezone.now() - timedelta(days=3)
    for person, module in (
        (employee, course.intro_module),
        (employee, course.jav_module),
        (manager, course.intro_module),
    ):
        ModuleProgress.record_open(employee=person, module=module)
    ModuleProgress.objects.update(last_opened_at=three_days_ago)
    original_filter = ModuleProgress.objects.filter
    calls = {"n": 0}

    class MissFirstUpdate:
        def __init__(self, qs):
            self.qs = qs

        def update(self, **kwargs):
            calls["n"] += 1
            return 0 if calls["n"] == 1 else self.qs.update(**kwargs)

    monkeypatch.setattr(
        ModuleProgress.objects, "filter", lambda **kw: MissFirstUpdate(original_filter(**kw))
    )
    ModuleProgress.record_open(employee=employee, module=course.intro_module)
    assert calls["n"] == 2
    opened = {
        (row.employee, row.module): row.last_opened_at for row in ModuleProgress.objects.all()
    }
    assert opened.pop((employee, course.intro_module)) > three_days_ago
    assert opened == {
        (employee, course.jav_module): three_days_ago,
        (manager, course.intro_module): three_days_ago,
    }


def test_a_course_with_history_is_not_deleted_but_explained(admin_client, course, employee):
    """The course holds pages of several types; the check once answered 500 for it."""
    from courses.services import record_module_completion

    record_module_completion(employee=employee, module=course.intro_module)
    for method in ("get", "post"):
        response = getattr(admin_client, method)(f"/admin/pages/{course.pk}/delete/", follow=True)
        assert response.status_code == 200
        assert "Avpublicera sidan i stället" in response.content.decode()
    assert type(course).objects.filter(pk=course.pk).exists()
