"""The follow-up filters (unit with subtree, role, course, period, status) and what they mean.

django-filter builds and validates the filter form; the valid choices become `Criteria`, which
`reports.queries` applies to each kind of row (status, completion, attendance, answer).
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import django_filters
from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from courses.dates import add_months
from courses.models import ComplianceStatus, CoursePage
from people.models import OrgUnit, Role
from reports.scope import Scope
from vaksam.widgets import DateInput


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, from the first day of the month eleven months back."""
    today = today or timezone.localdate()
    return add_months(today.replace(day=1), -11), today


@dataclass(frozen=True)
class Criteria:
    unit: OrgUnit | None
    role: Role | None
    course: CoursePage | None
    start: date
    end: date
    status: str | None

    def query(self, **changes) -> str:
        """The filter as a query string, e.g. for a drill-down link with another unit."""
        values = {
            "org_unit": self.unit.pk if self.unit else None,
            "role": self.role.pk if self.role else None,
            "course": self.course.pk if self.course else None,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "status": self.status,
        } | changes
        return urlencode({key: value for key, value in values.items() if value})

    def describe(self) -> dict:
        """The filter in words, for audit entries and report headers."""
        return {
            "enhet": self.unit.name if self.unit else None,
            "roll": self.role.name if self.role else None,
            "kurs": self.course.title if self.course else None,
            "period": f"{self.start.isoformat()}–{self.end.isoformat()}",
            "status": self.status,
        }


class FastSelect(forms.Select):
    """A select written in Python: Django renders each option through a template, which for
    the 600 units of a city costs more than the page's figures."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs) | {"name": name})
        return mark_safe(f"<select{attributes}>{options}</select>")  # noqa: S308 - escaped above


class IdChoiceField(forms.ModelChoiceField):
    """Refuses ids no database column can hold before asking the database about them."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                number = int(str(value))
            except ValueError:
                number = 0
            if not 0 < number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class IdFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class UnitChoiceField(IdChoiceField):
    widget = FastSelect

    def label_from_instance(self, unit):
        return unit_label(unit.depth, unit.name)


def unit_label(depth: int, name: str) -> str:
    # Indent by depth so the tree reads as a tree in a plain select.
    return "\u00a0\u00a0" * (depth - 1) + name


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class FollowUpForm(forms.Form):
    """Bounds the period: a report over a thousand years costs a minute of CPU for nothing."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        today = timezone.localdate()
        years = settings.FOLLOW_UP_MAX_YEARS
        earliest = today.replace(year=today.year - 2 * years, month=1, day=1)
        latest = today.replace(year=today.year + 1, month=12, day=31)
        for name in ("start", "end"):
            value = data.get(name)
            if value is not None and not earliest <= value <= latest:
                self.add_error(
                    name,
                    _("Välj ett datum mellan %(earliest)s och %(latest)s.")
                    % {"earliest": earliest.isoformat(), "latest": latest.isoformat()},
                )
        if start and end and abs((end - start).days) > 366 * years:
            self.add_error(
                "end",
                ngettext(
                    "Perioden får vara högst %(years)d år.",
                    "Perioden får vara högst %(years)d år.",
                    years,
                )
                % {"years": years},
            )
        return data


class FollowUpFilterSet(django_filters.FilterSet):
    org_unit = UnitFilter(
        label=_("Enhet (med underliggande)"),
        queryset=OrgUnit.objects.none(),
        empty_label=_("Alla enheter"),
    )
    role = IdFilter(
        label=_("Roll"), queryset=Role.objects.all(), empty_label=_("Alla"), widget=FastSelect
    )
    course = IdFilter(
        label=_("Kurs"),
        queryset=CoursePage.objects.live().order_by("title"),
        field_name="course",
        empty_label=_("Alla"),
        widget=FastSelect,
    )
    start = django_filters.DateFilter(
        label=_("Från"),
        widget=DateInput(),
        help_text=_("ÅÅÅÅ-MM-DD"),
    )
    end = django_filters.DateFilter(
        label=_("Till"),
        widget=DateInput(),
        help_text=_("ÅÅÅÅ-MM-DD"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ComplianceStatus.Status.choices,
        empty_label=_("Alla"),
        widget=FastSelect,
    )

    class Meta:
        model = ComplianceStatus
        fields = ["org_unit", "role", "course", "start", "end", "status"]
        form = FollowUpForm

    def __init__(self, data=None, *, scope: Scope, **kwargs):
        super().__init__(data, queryset=ComplianceStatus.objects.none(), **kwargs)
        # Only units inside the scope can be chosen; any other id is an invalid choice.
        self.filters["org_unit"].queryset = scope.units().only("pk", "path", "depth", "name")
        if not scope.whole_organisation:
            self.filters["org_unit"].extra["empty_label"] = _("Alla mina enheter")
        # The options straight from three columns: no model instance for each of 600 units.
        field = self.form.fields["org_unit"]
        field.widget.choices = [("", field.empty_label)] + [
            (pk, unit_label(depth, name))
            for pk, depth, name in scope.units().values_list("pk", "depth", "name")
        ]
        # Before any choice, the fields show the period the figures cover.
        for name, day in zip(("start", "end"), default_period(), strict=True):
            self.form.fields[name].initial = day
        self.form.helper = FormHelper()
        self.form.helper.form_method = "get"
        self.form.helper.form_class = "follow-up-filters"
        self.form.helper.layout = Layout(
            Row(
                Column("org_unit", css_class="col-md-4"),
                Column("role", css_class="col-md-4"),
                Column("course", css_class="col-md-4"),
            ),
            Row(
                Column("start", css_class="col-md-3"),
                Column("end", css_class="col-md-3"),
                Column("status", css_class="col-md-3"),
                Column(
                    # A button without a name: Submit("", …) wrote name="", which HTML forbids,
                    # and a named one would add itself to every filter URL.
                    StrictButton(_("Visa"), type="submit", css_class="btn-primary mt-md-4"),
                    css_class="col-md-3",
                ),
            ),
        )

    @property
    def is_refused(self) -> bool:
        """A filter was given and could not be read: the page says why, with status 400."""
        return self.is_bound and not self.is_valid()

    def criteria(self) -> Criteria:
        """The valid choices; anything invalid falls back to its default (and shows an error)."""
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        start, end = default_period()
        # A period is one thing: if either end of it was refused, both fall back.
        if not {"start", "end"} & self.form.errors.keys():
            start, end = data.get("start") or start, data.get("end") or end
        if start > end:
            start, end = end, start
        return Criteria(
            unit=data.get("org_unit"),
            role=data.get("role"),
            course=data.get("course"),
            start=start,
            end=end,
            status=data.get("status") or None,
        )
