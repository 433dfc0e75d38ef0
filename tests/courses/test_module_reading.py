"""A module without a quiz is passed by reading it: once per round, re-read for free."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseCompletion, ModuleCompletion

pytestmark = pytest.mark.django_db


def test_reading_again_in_the_round_records_nothing_and_takes_no_lock(client, course, employee):
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    [first] = ModuleCompletion.objects.filter(employee=employee, module=course.intro_module)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(course.intro_module.url).status_code == 200
    assert ModuleCompletion.objects.filter(employee=employee).get() == first
    assert not [query for query in queries if "FOR UPDATE" in query["sql"]]


def test_the_first_reading_counts_and_the_last_module_read_completes_the_course(
    client, course, employee
):
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    [first] = ModuleCompletion.objects.filter(employee=employee)
    client.get(course.intro_module.url)
    assert not CourseCompletion.objects.exists()
    client.get(course.jav_module.url)
    completion = CourseCompletion.objects.get(employee=employee)
    assert ModuleCompletion.objects.filter(employee=employee).count() == 2
    assert ModuleCompletion.objects.get(module=course.intro_module) == first
    assert (
        completion.completed_at
        == ModuleCompletion.objects.get(module=course.jav_module).completed_at
    )


def test_after_expiry_reading_records_the_new_round(client, course, employee):
    long_ago = timezone.now() - timedelta(days=800)
    for module in (course.intro_module, course.jav_module):
        ModuleCompletion.objects.create(employee=employee, module=module, completed_at=long_ago)
    CourseCompletion.objects.create(
        employee=employee,
        course=course,
        completed_at=long_ago,
        valid_until=(long_ago + timedelta(days=730)).date(),
    )
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    assert (
        ModuleCompletion.objects.filter(employee=employee, module=course.intro_module).count() == 2
    )
    assert CourseCompletion.objects.filter(employee=employee).count() == 1  # Jäv again too
    client.get(course.jav_module.url)
    assert CourseCompletion.objects.filter(employee=employee).count() == 2


def test_reading_again_completes_a_course_whose_requirements_shrank(client, course, employee):
    client.force_login(employee.user)
    client.get(course.intro_module.url)
    assert not CourseCompletion.objects.exists()
    course.jav_module.unpublish()
    client.get(course.intro_module.url)
    assert CourseCompletion.objects.filter(employee=employee).count() == 1
    assert ModuleCompletion.objects.filter(employee=employee).count() == 1
