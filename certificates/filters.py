"""Filtering certificates for HR and coordinators: unit subtree, course, period and status."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from certificates.models import Certificate
from courses.models import CoursePage
from people.models import OrgUnit


class CertificateFilterSet(WagtailFilterSet):
    org_unit = django_filters.ModelChoiceFilter(
        label=_("Enhet (med underliggande)"),
        queryset=OrgUnit.objects.all(),
        method="filter_org_unit",
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Kurs"), queryset=CoursePage.objects.order_by("title")
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Utfärdat"), widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Certificate.Status.choices, method="filter_status"
    )

    class Meta:
        model = Certificate
        fields = ["org_unit", "course", "issued_at", "status"]

    def filter_org_unit(self, queryset, name, unit):
        return queryset.filter(
            employee__org_unit__path__startswith=unit.path,
            employee__org_unit__depth__gte=unit.depth,
        )

    def filter_status(self, queryset, name, status):
        today = timezone.localdate()
        return {
            Certificate.Status.VALID: queryset.valid_on(today),
            Certificate.Status.EXPIRED: queryset.expired_on(today),
            Certificate.Status.REVOKED: queryset.revoked(),
        }[status]
