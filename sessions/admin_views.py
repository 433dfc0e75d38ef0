"""Coordinators' admin pages: create a series of sessions, and register attendance."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from people.access import require_permission
from people.access_log import Purpose, record_access
from people.models import Employee
from people.tabular import UnreadableFile, check_size
from sessions.attendance_import import match_attendance_file
from sessions.booking import BookingError, cancel_session, mark_attendance
from sessions.forms import AttendanceImportForm, SessionSeriesForm
from sessions.models import Attendance, Booking, CourseSession

ATTENDANCE_PERMISSION = "course_sessions.change_attendance"


class SessionSeriesView(WagtailAdminTemplateMixin, FormView):
    form_class = SessionSeriesForm
    template_name = "sessions/admin/session_series.html"
    page_title = gettext_lazy("Skapa kurstillfällen för ett år")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, "course_sessions.add_coursesession")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("course_sessions:index"), "label": _("Kurstillfällen")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        with transaction.atomic():
            sessions = CourseSession.objects.bulk_create(form.build_sessions())
        messages.success(
            self.request,
            ngettext(
                "%(count)d kurstillfälle skapat. Du kan ändra det i listan.",
                "%(count)d kurstillfällen skapade. Du kan ändra vart och ett i listan.",
                len(sessions),
            )
            % {"count": len(sessions)},
        )
        return redirect("course_sessions:index")


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Booked employees and walk-ins with their attendance, marked in bulk."""

    template_name = "sessions/admin/attendance.html"
    header_icon = "user"

    def dispatch(self, request, *args, pk, **kwargs):
        require_permission(request, ATTENDANCE_PERMISSION)
        self.session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Närvaro: %(session)s") % {"session": self.session}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("course_sessions:index"), "label": _("Kurstillfällen")},
            {"url": "", "label": self.get_page_title()},
        ]

    def people(self) -> list[dict]:
        """Everyone booked (not waiting) or already marked, with their current mark."""
        marks = {a.employee_id: a for a in self.session.attendances.all()}
        booked = set(
            Booking.objects.filter(
                session=self.session, status=Booking.Status.CONFIRMED
            ).values_list("employee_id", flat=True)
        )
        employees = (
            Employee.objects.filter(pk__in=booked | set(marks))
            .select_related("user", "org_unit")
            .order_by("user__last_name", "user__first_name")
        )
        return [
            {
                "employee": employee,
                "attendance": marks.get(employee.pk),
                "walk_in": employee.pk not in booked,
            }
            for employee in employees
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        matches = []
        if len(query) >= 2:
            matches = (
                Employee.objects.active()
                .filter(
                    Q(employee_number__iexact=query)
                    | Q(user__first_name__icontains=query)
                    | Q(user__last_name__icontains=query)
                )
                .select_related("user", "org_unit")[:20]
            )
        people = self.people()
        record_access(
            self.request,
            action="course_sessions.attendance",
            description=_("Närvaro: %(session)s") % {"session": self.session},
            purpose=Purpose.SESSIONS,
            employees=[row["employee"] for row in people] + list(matches),
            # Whether a search was made, not its text: it may be a name.
            data={"search": True} if query else None,
        )
        context.update(
            session=self.session,
            people=people,
            statuses=Attendance.Status.choices,
            query=query,
            matches=matches,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        if action == "add":
            employee = get_object_or_404(Employee.objects.active(), pk=request.POST.get("employee"))
            try:
                mark_attendance(
                    session=self.session,
                    marks={employee.pk: Attendance.Status.PRESENT},
                    user=request.user,
                )
            except BookingError as error:
                messages.error(request, str(error))
                return redirect("course_sessions:attendance", pk=self.session.pk)
            messages.success(
                request, _("%(name)s är registrerad som närvarande.") % {"name": employee.full_name}
            )
        else:
            allowed = {row["employee"].pk for row in self.people()}
            valid = set(Attendance.Status.values)
            if action == "all_present":
                # Fills in those not yet marked; an absence already registered stays.
                marked = set(self.session.attendances.values_list("employee_id", flat=True))
                marks = dict.fromkeys(allowed - marked, Attendance.Status.PRESENT)
            else:
                marks = {
                    int(key.removeprefix("status-")): value
                    for key, value in request.POST.items()
                    if key.startswith("status-")
                    and key.removeprefix("status-").isdigit()
                    and int(key.removeprefix("status-")) in allowed
                    and value in valid
                }
            if action == "cancel_session":
                count = cancel_session(session=self.session)
                messages.success(
                    request,
                    ngettext(
                        "Tillfället är inställt; %(count)d bokad har fått besked.",
                        "Tillfället är inställt; %(count)d bokade har fått besked.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("course_sessions:index")
            try:
                mark_attendance(session=self.session, marks=marks, user=request.user)
            except BookingError as error:
                messages.error(request, str(error))
                return redirect("course_sessions:attendance", pk=self.session.pk)
            if action == "close":
                self.session.status = CourseSession.Status.HELD
                self.session.save(update_fields=["status"])
                messages.success(request, _("Närvaron är sparad och tillfället är avslutat."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Närvaro sparad för %(count)d person.",
                        "Närvaro sparad för %(count)d personer.",
                        len(marks),
                    )
                    % {"count": len(marks)},
                )
        return redirect("course_sessions:attendance", pk=self.session.pk)


class AttendanceImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a participant list, check the matches, then save them as present."""

    form_class = AttendanceImportForm
    template_name = "sessions/admin/attendance_import.html"
    header_icon = "upload"

    def dispatch(self, request, *args, pk, **kwargs):
        require_permission(request, ATTENDANCE_PERMISSION)
        self.session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Importera närvaro: %(session)s") % {"session": self.session}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("course_sessions:index"), "label": _("Kurstillfällen")},
            {
                "url": reverse("course_sessions:attendance", args=[self.session.pk]),
                "label": _("Närvaro"),
            },
            {"url": "", "label": _("Importera")},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            ids = [int(value) for value in request.POST.getlist("employee") if value.isdigit()]
            employees = list(Employee.objects.active().filter(pk__in=ids))
            try:
                mark_attendance(
                    session=self.session,
                    marks={employee.pk: Attendance.Status.PRESENT for employee in employees},
                    user=request.user,
                )
            except BookingError as error:
                messages.error(request, str(error))
                return redirect("course_sessions:attendance", pk=self.session.pk)
            messages.success(
                request,
                ngettext(
                    "%(count)d person registrerad som närvarande.",
                    "%(count)d personer registrerade som närvarande.",
                    len(employees),
                )
                % {"count": len(employees)},
            )
            return redirect("course_sessions:attendance", pk=self.session.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size)  # before reading a byte of it
            match = match_attendance_file(upload.name, upload.read())
        except UnreadableFile as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        # Nothing is saved yet: the coordinator confirms the matches on the next step.
        record_access(
            self.request,
            action="course_sessions.attendance_import",
            description=_("Importera närvaro: %(session)s") % {"session": self.session},
            purpose=Purpose.SESSIONS,
            employees=[row.employee for row in match.matched],
        )
        return self.render_to_response(self.get_context_data(form=form, match=match))
