"""Register extracts: each person's own from Mina uppgifter, and HR's for anyone in the admin.

HR (and administrators) may produce the extract of any employee, protected accounts included:
producing it reads and changes nothing, the file holds no secret (no password hash, TOTP key or
token) and the entry in the audit log names who produced whose extract. Refusing HR for an
administrator's account would only move an art. 15 request past the person whose job it is.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from content.models import SiteSettings
from people.access import employee_or_403, require_permission
from people.access_log import Kind, Purpose, record_access
from people.models import Employee
from privacy import extract

LOG_ACTION = "privacy.register_extract"
PERMISSION = "privacy.produce_register_extract"
SEARCH_LIMIT = 20
MIN_SEARCH_LENGTH = 3


def _extract_rate(group, request):
    return settings.REGISTER_EXTRACT_RATE


def _site_settings(request) -> SiteSettings:
    return SiteSettings.for_request(request)


def extract_response(request, employee: Employee) -> HttpResponse:
    """The employee's ZIP as a download, logged on the employee with who asked."""
    built = extract.build(employee, controller=_site_settings(request).organisation_name)
    body = extract.zip_bytes(built)
    own = employee.user_id == request.user.pk
    log(instance=employee, action=LOG_ACTION, user=request.user, data={"own": own})
    if not own:
        record_access(
            request,
            action=LOG_ACTION,
            description=_("Registerutdrag"),
            purpose=Purpose.DATA_SUBJECT_RIGHTS,
            kind=Kind.EXPORT,
            employees=[employee],
        )
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{extract.file_name(built)}"'
    response["Cache-Control"] = "no-store"
    return response


# -------------------------------------------------------------------------- Mina uppgifter


@never_cache
@login_required
def my_data(request):
    """What Vaksam holds about the signed-in person: counts, purposes, retention, contact."""
    employee = employee_or_403(request)
    built = extract.build(employee)
    return render(
        request,
        "privacy/my_data.html",
        {
            "sections": [section for section in built if section["key"] != "person"],
            "person": built.sections[0]["rows"][0],
            "purposes": built.purposes,
        },
    )


@login_required
@require_POST
@ratelimit(group="register-extract", key="user", rate=_extract_rate, method="POST", block=True)
def my_data_download(request):
    """The person's own extract; only ever their own (no id is taken from the request)."""
    return extract_response(request, employee_or_403(request))


# -------------------------------------------------------------------------- the admin


class RegisterExtractView(WagtailAdminTemplateMixin, TemplateView):
    """Find an employee and produce their extract (POST, to the view below)."""

    template_name = "privacy/admin/register_extract.html"
    page_title = gettext_lazy("Registerutdrag")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": _("Dataskydd")}, {"url": "", "label": self.page_title}]

    def matches(self, query: str, chosen: str):
        people = Employee.objects.select_related("user", "org_unit")
        if chosen:
            if not chosen.isdigit() or len(chosen) > 18:
                messages.error(self.request, _("Ogiltigt val av anställd."))
                return []
            return list(people.filter(pk=int(chosen)))
        if not query:
            return []
        if "\x00" in query or len(query) < MIN_SEARCH_LENGTH:
            # Not a way to list the staff one letter at a time.
            messages.error(
                self.request,
                _("Skriv minst %(n)d tecken av namnet, numret eller e-postadressen.")
                % {"n": MIN_SEARCH_LENGTH},
            )
            return []
        matches = people.search(query).order_by("user__last_name", "pk")
        return list(matches[: SEARCH_LIMIT + 1])

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:100]
        chosen = self.request.GET.get("anstalld", "").strip()
        people = self.matches(query, chosen)
        # The matches are shown by name: recorded like any list of people.
        record_access(
            self.request,
            action="privacy.register_extract.search",
            description=_("Registerutdrag: sökning"),
            purpose=Purpose.DATA_SUBJECT_RIGHTS,
            employees=people[:SEARCH_LIMIT],
        )
        return super().get_context_data(
            query=query,
            searched=bool(query or chosen),
            people=people[:SEARCH_LIMIT],
            more=len(people) > SEARCH_LIMIT,
            **kwargs,
        )


def produce_register_extract(request, pk: int):
    """HR's extract of one employee (any employee: see the module docstring); POST only."""
    require_permission(request, PERMISSION)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    employee = get_object_or_404(Employee, pk=pk)
    if employee.is_pseudonymised:
        # Nothing in Vaksam identifies the person any more (GDPR art. 11): no extract to give.
        messages.error(
            request,
            _(
                "%(name)s är pseudonymiserad: Vaksam har inga uppgifter kvar som kan knytas till "
                "personen, så det finns inget registerutdrag att ta fram."
            )
            % {"name": employee.pseudonym},
        )
        return redirect("privacy_register_extract")
    return extract_response(request, employee)


def register_extract_url(employee: Employee) -> str:
    return f"{reverse('privacy_register_extract')}?anstalld={employee.pk}"
