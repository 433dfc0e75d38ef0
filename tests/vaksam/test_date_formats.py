"""Dates: the project's named formats (vaksam/formats), one style in Swedish and in English."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, time_format

from certificates.models import Certificate
from courses.models import ComplianceStatus, CourseCompletion, ModuleCompletion
from courses.services import record_module_completion
from sessions.models import CourseSession
from tests.factories import ComplianceStatusFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A fixed day before every date below, whatever clock the suite runs under.
TODAY = datetime(2026, 6, 1, 12, 0, tzinfo=STOCKHOLM)
# What Django's "M" and "b" make of a month, and what a day number must never be followed by.
ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct"}
ABBREVIATIONS |= {"nov", "dec"}


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def dated(today, course, employee):
    """A passed module on 27 May, a course valid until 30 November, to redo by 30 October 2026;
    a session on Tuesday 1 December 2026 at 10:00, to book by 30 November."""
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, score=100)
    ModuleCompletion.objects.filter(employee=employee).update(
        completed_at=datetime(2026, 5, 27, 9, 0, tzinfo=STOCKHOLM)
    )
    CourseCompletion.objects.filter(employee=employee).update(valid_until=date(2026, 11, 30))
    Certificate.objects.filter(completion__employee=employee).update(
        issued_at=datetime(2026, 5, 27, 9, 0, tzinfo=STOCKHOLM), valid_until=date(2026, 11, 30)
    )
    ComplianceStatusFactory(
        employee=employee,
        course=course,
        status=ComplianceStatus.Status.COMPLETED,
        due_date=date(2026, 10, 30),
        valid_until=date(2026, 11, 30),
    )
    starts_at = datetime(2026, 12, 1, 10, 0, tzinfo=STOCKHOLM)
    CourseSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=datetime(2026, 12, 1, 12, 0, tzinfo=STOCKHOLM),
        format=CourseSession.Format.ONLINE,
        meeting_url="https://moten.example.org/kurs",
        capacity=2,
        booking_deadline=datetime(2026, 11, 30, 16, 0, tzinfo=STOCKHOLM),
    )
    return employee


def abbreviated_months(content: str) -> set[str]:
    """Month words after a day number that are short forms ("30 Nov", "27 Maj", "1 dec.")."""
    words = re.findall(r"\b\d{1,2} ([^\W\d_]+\.?)", content)
    return {word for word in words if word.rstrip(".").lower() in ABBREVIATIONS or word == "Maj"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "sv",
            {
                "DATE_FORMAT": "30 november 2026",
                "DATETIME_FORMAT": "30 november 2026 kl. 14.05",
                "TIME_FORMAT": "14.05",
                "MONTH_DAY_FORMAT": "30 november",
                "YEAR_MONTH_FORMAT": "november 2026",
                "WEEKDAY_DATE_FORMAT": "måndag 30 november 2026",
                "SHORT_DATE_FORMAT": "2026-11-30",
                "SHORT_DATETIME_FORMAT": "2026-11-30 14:05",
            },
        ),
        (
            "en",
            {
                "DATE_FORMAT": "30 November 2026",
                "DATETIME_FORMAT": "30 November 2026, 14:05",
                "TIME_FORMAT": "14:05",
                "MONTH_DAY_FORMAT": "30 November",
                "YEAR_MONTH_FORMAT": "November 2026",
                "WEEKDAY_DATE_FORMAT": "Monday 30 November 2026",
                "SHORT_DATE_FORMAT": "2026-11-30",
                "SHORT_DATETIME_FORMAT": "2026-11-30 14:05",
            },
        ),
    ],
)
def test_every_named_format_reads_right_in_both_languages(language, expected):
    moment = datetime(2026, 11, 30, 14, 5)
    with translation.override(language):
        shown = {
            name: time_format(moment, name) if name == "TIME_FORMAT" else date_format(moment, name)
            for name in expected
        }
    assert shown == expected


@pytest.mark.parametrize("language", ["sv", "en"])
def test_date_inputs_show_and_accept_iso(language):
    from django import forms

    class Filter(forms.Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override(language):
        assert 'value="2026-11-30"' in str(Filter(initial={"day": date(2026, 11, 30)})["day"])
        form = Filter(data={"day": "2026-11-30"})
        assert form.is_valid() and form.cleaned_data["day"] == date(2026, 11, 30)
        # Never the American month first: 11/30/2026 is no date in Sweden or Britain.
        assert not Filter(data={"day": "11/30/2026"}).is_valid()


def test_mina_kurser_writes_dates_out_in_swedish_and_in_english(client, dated):
    client.force_login(dated.user)
    swedish = client.get(reverse("my_courses")).content.decode()
    assert "Giltig till och med 30 november 2026." in swedish
    assert "Gör om kursen senast 30 oktober 2026." in swedish
    assert "27 maj 2026" in swedish  # the module passed; "27 Maj 2026" before
    english = client.get(reverse("my_courses"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "30 November 2026" in english and "30 October 2026" in english
    assert "27 May 2026" in english
    assert "Nov. 30" not in english and "30 november" not in english
    assert abbreviated_months(swedish) == abbreviated_months(english) == set()


def test_mina_intyg_shows_iso_dates_in_its_table(client, dated):
    client.force_login(dated.user)
    content = client.get(reverse("certificates:mine")).content.decode()
    # The cells carry their label for the phone layout: match the value at the end of a cell.
    assert ">2026-05-27</td>" in content and ">2026-11-30</td>" in content
    english = client.get(reverse("certificates:mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">2026-11-30</td>" in english
    assert abbreviated_months(content) == abbreviated_months(english) == set()


def test_kurstillfallen_names_the_weekday_and_spells_out_the_months(client, dated):
    client.force_login(dated.user)
    content = client.get(reverse("sessions")).content.decode()
    assert "tisdag 1 december 2026" in content
    assert "10.00–12.00" in content  # Swedish time, as Språkrådet writes it
    assert "Boka 1 december" in content and "Boka senast 30 november" in content
    english = client.get(reverse("sessions"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Tuesday 1 December 2026" in english and "10:00–12:00" in english
    assert abbreviated_months(content) == abbreviated_months(english) == set()
