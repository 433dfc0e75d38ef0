"""A course completion issues exactly one certificate with a good code."""

import re

import pytest

from certificates import codes
from certificates.models import Certificate
from certificates.services import issue_certificate

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
