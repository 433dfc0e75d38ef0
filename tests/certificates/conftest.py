import pytest
from django.core.cache import cache

from courses.models import CourseCompletion
from courses.services import record_module_completion


@pytest.fixture(autouse=True)
def _fresh_cache():
    """PDFs and rate limits live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def completed(course, employee):
    """The employee has completed the course (both modules meant for them)."""
    employee.user.first_name, employee.user.last_name = "Åsa", "Öberg-Lindgärd"
    employee.user.save()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, score=100)
    return CourseCompletion.objects.get(employee=employee, course=course)


@pytest.fixture
def certificate(completed):
    return completed.certificate
