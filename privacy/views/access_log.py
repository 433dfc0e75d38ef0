"""The "Loggar" page: who looked at whose personal data, when, what and why.

The data protection officer, HR and administrators search for a person (name, e-mail or
employee number), pick them from the matches, and see every access that showed them, newest
first; or read the whole log, narrowed by viewer and dates. The page names people too, so
looking at it is recorded like any other access.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from people.access import require_permission
from people.access_log import Purpose, record_access
from people.models import Employee, PersonalDataAccess
from vaksam.widgets import DateInput

PERMISSION = "privacy.view_access_log"
MAX_MATCHES = 20
# The log covers its own retention period; a longer range is refused with a message.
MAX_RANGE_DAYS = 10 * 366
# The log begins with Vaksam; earlier or far later dates are refused with a message.
EARLIEST_DAY = date(2000, 1, 1)
MIN_SEARCH_LENGTH = 3


class AccessLogFilter(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("Person"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Namn, e-postadress eller anställningsnummer."),
    )
    # Bounded so that a 30-digit id is a refused filter, not a database error.
    employee = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    viewer = forms.CharField(
        label=gettext_lazy("Vem som tittade"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Användarnamn eller namn."),
    )
    start = forms.DateField(
        label=gettext_lazy("Från och med"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD"),
        error_messages={"invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    end = forms.DateField(
        label=gettext_lazy("Till och med"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD"),
        error_messages={"invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        # Dates the database and the time zone can hold: year 1 or 9999 overflow on conversion.
        for field, day in (("start", start), ("end", end)):
            if day and not EARLIEST_DAY <= day <= timezone.localdate() + timedelta(days=1):
                self.add_error(
                    field,
                    _("Välj ett datum mellan %(first)s och i morgon.")
                    % {"first": EARLIEST_DAY.isoformat()},
                )
        person = data.get("person", "").strip()
        if person and len(person) < MIN_SEARCH_LENGTH:
            # Not a way to list the staff one letter at a time.
            self.add_error("person", _("Skriv minst %(n)d tecken.") % {"n": MIN_SEARCH_LENGTH})
        if start and end and start > end:
            raise forms.ValidationError(_("Från-datumet ligger efter till-datumet."))
        if start and end and (end - start).days > MAX_RANGE_DAYS:
            raise forms.ValidationError(_("Välj en period på högst tio år."))
        return data


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def matching_people(query: str):
    """Employees whose name, e-mail or employee number matches the search, at most 20."""
    return Employee.objects.search(query).select_related("user", "org_unit")[:MAX_MATCHES]


class AccessLogView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/access_log.html"
    page_title = gettext_lazy("Loggar")
    page_subtitle = gettext_lazy("Vem har sett vems uppgifter")
    header_icon = "list-ul"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.form = AccessLogFilter(request.GET or None)
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            response.status_code = 400
        return response

    def accesses(self, data: dict, employee: Employee | None):
        accesses = PersonalDataAccess.objects.all()
        if employee is not None:
            accesses = accesses.about(employee)
        if data.get("viewer"):
            accesses = accesses.filter(
                Q(viewer_username__icontains=data["viewer"])
                | Q(viewer_name__icontains=data["viewer"])
            )
        if data.get("start"):
            accesses = accesses.filter(accessed_at__gte=_day_start(data["start"]))
        if data.get("end"):
            accesses = accesses.filter(accessed_at__lt=_day_start(data["end"] + timedelta(days=1)))
        return accesses

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.form
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        query = data.get("person", "").strip()
        matches = list(matching_people(query)) if query and not data.get("employee") else []
        employee = None
        if data.get("employee"):
            employee = (
                Employee.objects.select_related("user", "org_unit")
                .filter(pk=data["employee"])
                .first()
            )
        page = None
        if form.is_valid() or not form.is_bound:
            if employee is not None or not data.get("employee"):
                page = Paginator(self.accesses(data, employee), self.paginate_by).get_page(
                    self.request.GET.get("sida")
                )
        # This page shows people too: the person looked up, the matches, and the viewers.
        record_access(
            self.request,
            action="privacy.access_log",
            description=_("Loggar: vem har sett vems uppgifter"),
            purpose=Purpose.ACCESS_CONTROL,
            employees=[*matches, *([employee] if employee else [])],
            users={access.viewer_id for access in page or [] if access.viewer_id},
            # What was chosen, not what was typed: a typed name would outlive a pseudonymisation.
            data={key: str(data[key]) for key in ("employee", "start", "end") if data.get(key)},
        )
        context.update(
            form=form,
            query=query,
            matches=matches,
            employee=employee,
            unknown_employee=(bool(data.get("employee")) and employee is None)
            or "employee" in form.errors,
            page_obj=page,
            accesses=page.object_list if page else [],
            paging_query=self.request.GET.copy(),
        )
        context["paging_query"].pop("sida", None)
        return context
