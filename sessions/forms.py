"""Coordinators' forms: a year of sessions at once, attendance lists, walk-ins."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule, weekday
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.models import Employee
from sessions.models import CourseSession


def nth_weekday_dates(first: datetime, *, count: int, interval_months: int) -> list[datetime]:
    """`count` dates every `interval_months`, on the same weekday of the same week as `first`.

    The second Tuesday stays the second Tuesday; a fifth one becomes the month's last.
    """
    week = (first.day - 1) // 7 + 1
    rule_day = weekday(first.weekday(), -1 if week == 5 else week)
    return list(
        rrule(MONTHLY, interval=interval_months, byweekday=rule_day, dtstart=first, count=count)
    )


class SessionSeriesForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Kurs"), queryset=CoursePage.objects.live())
    first_date = forms.DateField(
        label=_("Första tillfället"),
        help_text=_("Följande tillfällen hamnar på samma veckodag i samma vecka av månaden."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    start_time = forms.TimeField(
        label=_("Starttid"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Längd (minuter)"), min_value=15, max_value=8 * 60, initial=120
    )
    count = forms.IntegerField(label=_("Antal tillfällen"), min_value=1, max_value=24, initial=6)
    interval_months = forms.IntegerField(
        label=_("Månader mellan tillfällena"), min_value=1, max_value=12, initial=2
    )
    format = forms.ChoiceField(label=_("Form"), choices=CourseSession.Format.choices)
    location = forms.CharField(label=_("Plats"), max_length=200, required=False)
    meeting_url = forms.URLField(label=_("Möteslänk"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Antal platser"), min_value=1, max_value=1000, initial=30)
    leader = forms.ModelChoiceField(
        label=_("Kursledare"),
        queryset=Employee.objects.active()
        .filter(user__groups__name="Kursansvarig")
        .select_related("user"),
        required=False,
    )
    deadline_days = forms.IntegerField(
        label=_("Sista bokningsdag, dagar före"), min_value=0, max_value=60, initial=2
    )

    def clean(self):
        data = super().clean()
        if data.get("format") == CourseSession.Format.ONLINE and not data.get("meeting_url"):
            self.add_error("meeting_url", _("Ange möteslänken för digitala tillfällen."))
        if data.get("format") == CourseSession.Format.ON_SITE and not data.get("location"):
            self.add_error("location", _("Ange platsen för tillfällen på plats."))
        return data

    def session_starts(self) -> list[datetime]:
        data = self.cleaned_data
        first = datetime.combine(data["first_date"], data["start_time"])
        return [
            timezone.make_aware(moment)
            for moment in nth_weekday_dates(
                first, count=data["count"], interval_months=data["interval_months"]
            )
        ]

    def build_sessions(self) -> list[CourseSession]:
        data = self.cleaned_data
        return [
            CourseSession(
                course=data["course"],
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=data["duration_minutes"]),
                format=data["format"],
                location=data["location"],
                meeting_url=data["meeting_url"],
                capacity=data["capacity"],
                leader=data["leader"],
                booking_deadline=starts_at - relativedelta(days=data["deadline_days"]),
            )
            for starts_at in self.session_starts()
        ]


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Deltagarlista"),
        help_text=_(
            "CSV eller XLSX med en kolumn för e-post och/eller namn, t.ex. en export "
            "från mötesverktyget."
        ),
    )
