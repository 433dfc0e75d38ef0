"""A course completion issues exactly one certificate with a good code."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from certificates import codes
from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.models import CourseCompletion
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_completion_issues_one_certificate_with_what_it_covered(completed, course):
    certificate = Certificate.objects.get()
    assert certificate.completion == completed
    assert certificate.holder_name == "Åsa Öberg-Lindgärd"
    assert certificate.course_title == course.title
    assert certificate.module_titles == ["Introduktion", "Jäv"]
    assert certificate.issued_at == completed.completed_at
    assert certificate.valid_until == completed.valid_until


def test_issuing_again_returns_the_same_certificate(completed):
    first = Certificate.objects.get()
    assert issue_certificate(completion=completed) == first
    assert Certificate.objects.count() == 1


def a_completion_without_certificate(course, unit):
    return CourseCompletion.objects.create(
        employee=EmployeeFactory(org_unit=unit),
        course=course,
        completed_at=timezone.now(),
        valid_until=timezone.localdate() + timedelta(days=730),
    )


def codes_drawn(monkeypatch, *sequence):
    """Make codes.generate return the given codes in turn (the last one for ever after)."""
    drawn = []

    def generate():
        drawn.append(sequence[min(len(drawn), len(sequence) - 1)])
        return drawn[-1]

    monkeypatch.setattr(codes, "generate", generate)
    return drawn


def test_a_code_already_taken_is_drawn_again(monkeypatch, certificate, course, unit):
    completion = a_completion_without_certificate(course, unit)
    drawn = codes_drawn(monkeypatch, certificate.code, "0000AAAA1111")
    issued = issue_certificate(completion=completion)
    assert (issued.code, issued.completion, issued.employee) == (
        "0000AAAA1111",
        completion,
        completion.employee,
    )
    assert drawn == [certificate.code, "0000AAAA1111"]
    assert Certificate.objects.get(code=certificate.code) == certificate  # untouched


def test_issuing_gives_up_with_a_clear_error_after_five_taken_codes(
    monkeypatch, certificate, course, unit
):
    completion = a_completion_without_certificate(course, unit)
    drawn = codes_drawn(monkeypatch, certificate.code)
    with pytest.raises(RuntimeError) as error:
        issue_certificate(completion=completion)
    assert str(error.value) == "Could not draw a unique certificate code"
    assert len(drawn) == 5
    assert not Certificate.objects.filter(completion=completion).exists()


def test_a_certificate_issued_meanwhile_by_another_request_is_returned(monkeypatch, course, unit):
    """Two requests complete the same course at once: the one that loses the race gets the
    winner's certificate back, not an error and not a second certificate."""
    from certificates import services

    completion = a_completion_without_certificate(course, unit)
    real_required_modules = services.required_modules

    def the_other_request_commits_meanwhile(**kwargs):
        # After this request found no certificate, before it inserts its own.
        Certificate.objects.create(
            code="1111BBBB2222",
            completion=completion,
            employee=completion.employee,
            course=course,
            holder_name=completion.employee.full_name,
            course_title=course.title,
            issued_at=completion.completed_at,
            valid_until=completion.valid_until,
        )
        return real_required_modules(**kwargs)

    monkeypatch.setattr(services, "required_modules", the_other_request_commits_meanwhile)
    codes_drawn(monkeypatch, "0000AAAA1111")
    issued = issue_certificate(completion=completion)
    assert issued == Certificate.objects.get(completion=completion)
    assert issued.code == "1111BBBB2222"


def test_codes_are_twelve_unambiguous_characters_and_unique():
    drawn = {codes.generate() for _ in range(2000)}
    assert len(drawn) == 2000
    for code in drawn:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{12}", code), code
    assert codes.display("7K3MQ9XD2HVB") == "7K3M-Q9XD-2HVB"


@pytest.mark.parametrize(
    "typed", ["7k3m-q9xd-2hvb", "7K3M Q9XD 2HVB", " 7k3mq9xd2hvb ", "7K3M–Q9XD–2HVB"]
)
def test_typed_codes_are_read_case_and_separator_insensitively(typed):
    assert codes.normalise(typed) == "7K3MQ9XD2HVB"


def test_look_alike_letters_are_read_as_digits():
    assert codes.normalise("O1L2-0000-0000") == "0112" + "0" * 8


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Skriv in koden"),
        ("7K3M-Q9XD", "12 tecken; du skrev 8"),
        ("7K3M-Q9XD-2HV!", "tecken som inte finns"),
        ("X" * 41, "för lång"),
    ],
)
def test_malformed_codes_get_a_swedish_reason(typed, message):
    with pytest.raises(codes.MalformedCode, match=message):
        codes.normalise(typed)
