"""The follow-up dashboards (/uppfoljning/): five views over one filter, each exportable.

Every view resolves the user's scope first (HR: everything; a manager: the units they lead;
anyone else: 403), so a filter or URL can only narrow what the scope allows.
"""

from dataclasses import replace
from io import BytesIO

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.log_actions import log
from wagtail.models import Site

from content.models import SiteSettings
from files.views import BackgroundFileDownloadView
from people.access_log import Kind, Purpose, record_access
from people.models import Employee
from reports import queries
from reports.exports import Table, csv_response, xlsx_response
from reports.filters import FollowUpFilterSet
from reports.models import PeopleExport, ReportBundle
from reports.people_export import (
    SORT_PARAMETER,
    inline_limit,
    people_named,
    people_sort,
    people_table,
)
from reports.report import file_name, report_pdf, report_units, write_zip
from reports.scope import may_follow_up, scope_for
from reports.tasks import build_people_export, build_report_bundle
from reports.templatetags.follow_up import percent

TABS = [
    ("overview", gettext_lazy("Översikt")),
    ("trend", gettext_lazy("Utveckling")),
    ("sessions", gettext_lazy("Kurstillfällen")),
    ("people", gettext_lazy("Personer")),
    ("questions", gettext_lazy("Frågor")),
]
EXPORT_FORMATS = {"xlsx": xlsx_response, "csv": csv_response}


class ScopedMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.scope = scope_for(request.user)
        data = request.POST if request.method == "POST" else request.GET
        self.filterset = FollowUpFilterSet(data or None, scope=self.scope)
        self.criteria = self.filterset.criteria()
        return super().dispatch(request, *args, **kwargs)

    def site_settings(self) -> SiteSettings:
        return SiteSettings.for_site(Site.find_for_request(self.request))


class FollowUpView(ScopedMixin, TemplateView):
    """One dashboard view; `tables()` gives the same figures for export."""

    tab: str
    # Views that list named people are logged on every viewing, not only on export.
    personal = False

    def get(self, request, *args, export_format: str | None = None, **kwargs):
        if export_format is not None:
            return self.export(export_format)
        if self.personal:
            self.audit("reports.view", rows=None)
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_refused:
            # The page still shows the default selection, but says plainly that this is not
            # what was asked for.
            response.status_code = 400
        return response

    def get_data(self, for_export: bool = False) -> dict:
        """The view's figures; `for_export` asks for all rows rather than the page on screen."""
        raise NotImplementedError

    def tables(self, data: dict) -> list[Table]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        data = self.get_data()
        query = self.criteria.query()
        return super().get_context_data(
            **kwargs,
            **data,
            tab=self.tab,
            tabs=[(slug, label, reverse(f"reports:{slug}")) for slug, label in TABS],
            title=dict(TABS)[self.tab],
            filter=self.filterset,
            criteria=self.criteria,
            query=query,
            scope=self.scope,
            export_urls=[
                (label, reverse(f"reports:{self.tab}_export", args=[fmt]) + f"?{query}")
                for fmt, label in (("xlsx", "Excel (XLSX)"), ("csv", "CSV"))
            ],
            report_url=reverse("reports:report") + f"?{query}",
            may_bundle=self.scope.whole_organisation,
            figure_headers=list(queries.FIGURE_COLUMNS.values()),
        )

    def export(self, export_format: str):
        respond = EXPORT_FORMATS.get(export_format)
        if respond is None:
            raise Http404
        if refused := refuse_invalid_filter(self.request, self.filterset):
            return refused
        tables = self.tables(self.get_data(for_export=True))
        rows = sum(table.count if table.count is not None else len(table.rows) for table in tables)
        if (queued := self.export_in_background(export_format, rows)) is not None:
            return queued
        self.audit("reports.export", rows=rows, export_format=export_format)
        if (people := self.people_exported()) is not None:
            record_access(
                self.request,
                action=f"reports.{self.tab}.export",
                description=_("Uppföljning: %(tab)s (%(format)s)")
                % {"tab": dict(TABS)[self.tab], "format": export_format.upper()},
                purpose=Purpose.FOLLOW_UP,
                kind=Kind.EXPORT,
                employees=people,
                data={"filter": self.criteria.describe(), "format": export_format},
            )
        return respond(tables, f"uppfoljning-{self.tab}-{self.criteria.end:%Y%m%d}")

    def people_exported(self):
        """Ids of the people an export names (every row); None for figures without names."""
        return None

    def export_in_background(self, export_format: str, rows: int):
        """A response when the export is too big to build here (queued for the worker)."""
        return None

    def audit(self, action: str, *, rows: int | None, export_format: str | None = None) -> None:
        audit(
            self.request,
            action,
            vy=self.tab,
            format=export_format,
            filter=self.criteria.describe(),
            rader=rows,
        )


def audit(request, action: str, **data) -> None:
    """Who looked at or took out personal statistics, when, and what (filter, rows, file)."""
    log(instance=request.user, action=action, user=request.user, data=data)


def _figure_headers(first: str) -> list[str]:
    return [first, *(str(label) for label in queries.FIGURE_COLUMNS.values())]


def _figure_row(label: str, figures: queries.Figures) -> list:
    return [label, *figures.cells()]


def _rate_bars(groups: list[queries.Group]) -> list[tuple]:
    return [
        (group.label, group.figures.percent, percent(group.figures.percent)) for group in groups
    ]


class OverviewView(FollowUpView):
    tab = "overview"
    template_name = "reports/overview.html"

    def get_data(self, for_export=False):
        overview = queries.overview(self.scope, self.criteria)
        return {
            "overview": overview,
            "unit_bars": _rate_bars(overview.by_unit),
            "role_bars": _rate_bars(overview.by_role),
            "course_bars": _rate_bars(overview.by_course),
            "unit_links": [
                (group, self.criteria.query(org_unit=group.unit.pk) if group.unit else None)
                for group in overview.by_unit
            ],
        }

    def tables(self, data):
        overview = data["overview"]
        return [
            Table(
                _("Totalt"), _figure_headers(_("Urval")), [_figure_row(_("Alla"), overview.total)]
            ),
            Table(
                _("Per enhet"),
                _figure_headers(_("Enhet")),
                [_figure_row(group.label, group.figures) for group in overview.by_unit],
            ),
            Table(
                _("Per roll"),
                _figure_headers(_("Roll")),
                [_figure_row(group.label, group.figures) for group in overview.by_role],
            ),
            Table(
                _("Per kurs"),
                _figure_headers(_("Kurs")),
                [_figure_row(group.label, group.figures) for group in overview.by_course],
            ),
        ]


class TrendView(FollowUpView):
    tab = "trend"
    template_name = "reports/trend.html"

    def get_data(self, for_export=False):
        months = queries.trend(self.scope, self.criteria)
        return {
            "months": months,
            "completion_bars": [
                (f"{m.month:%Y-%m}", m.completions, str(m.completions)) for m in months
            ],
            "attendance_bars": [(f"{m.month:%Y-%m}", m.present, str(m.present)) for m in months],
        }

    def tables(self, data):
        return [
            Table(
                _("Per månad"),
                [
                    _("Månad"),
                    _("Genomförda kurser"),
                    _("Närvarande"),
                    _("Frånvarande"),
                    _("Anmält förhinder"),
                ],  # fmt: skip
                [
                    [f"{m.month:%Y-%m}", m.completions, m.present, m.absent, m.excused]
                    for m in data["months"]
                ],
            )
        ]


class SessionsView(FollowUpView):
    tab = "sessions"
    template_name = "reports/sessions.html"
    paginate_by = 25

    def get_data(self, for_export=False):
        sessions = queries.sessions(self.criteria)
        if for_export:
            return {"rows": queries.session_rows(self.scope, self.criteria, list(sessions))}
        page = Paginator(sessions, self.paginate_by).get_page(self.request.GET.get("sida"))
        return {
            "page_obj": page,
            "rows": queries.session_rows(self.scope, self.criteria, list(page)),
        }

    def tables(self, data):
        return [
            Table(
                _("Kurstillfällen"),
                [
                    _("Kurs"),
                    _("Börjar"),
                    _("Form"),
                    _("Status"),
                    _("Bokade"),
                    _("Närvarande"),
                    _("Frånvarande"),
                    _("Anmält förhinder"),
                    _("Uteblev utan besked (%)"),
                ],  # fmt: skip
                [
                    [
                        row.session.course.title,
                        row.session.starts_at,
                        row.session.get_format_display(),
                        row.session.get_status_display(),
                        row.booked,
                        row.present,
                        row.absent,
                        row.excused,
                        row.no_show_percent,
                    ]
                    for row in data["rows"]
                ],
            )
        ]


class PeopleView(FollowUpView):
    tab = "people"
    template_name = "reports/people.html"
    personal = True
    paginate_by = 50

    def sort(self) -> str:
        return people_sort(self.request.GET)

    def get_data(self, for_export=False):
        if for_export:
            return {}  # tables() streams every row itself
        statuses = queries.people(self.scope, self.criteria, self.sort())
        page = Paginator(statuses, self.paginate_by).get_page(self.request.GET.get("sida"))
        return {"page_obj": page, "statuses": page.object_list, "sort": self.sort()}

    def people_exported(self):
        return people_named(self.scope, self.criteria)

    def export_in_background(self, export_format, rows):
        if rows <= inline_limit():
            return None
        query = self.criteria.query()
        if (sort := self.sort()) != "status":
            query += ("&" if query else "") + f"{SORT_PARAMETER}={sort}"
        with transaction.atomic():
            export = PeopleExport.objects.create(
                requested_by=self.request.user,
                export_format=export_format,
                query=query,
                description=self.criteria.describe(),
                rows=rows,
            )
            export.build_after_commit(build_people_export)
        audit(
            self.request,
            "reports.export",
            vy=self.tab,
            format=export_format,
            filter=self.criteria.describe(),
            rader=rows,
            fil=export.pk,
        )
        messages.success(
            self.request,
            _(
                "Exporten har %(rows)s rader och skapas i bakgrunden. "
                "Ladda ner den här när den är klar."
            )
            % {"rows": rows},
        )
        return redirect("reports:exports")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Who was on the screen: the page of rows, not the whole selection.
        record_access(
            self.request,
            action="reports.people.view",
            description=_("Uppföljning: Personer"),
            purpose=Purpose.FOLLOW_UP,
            employees={status.employee_id for status in context["statuses"]},
            data={"filter": self.criteria.describe(), "page": context["page_obj"].number},
        )
        sort = context["sort"]
        context["columns"] = [
            (key, label, sort.removeprefix("-") == key, sort.startswith("-"))
            for key, label in [
                ("namn", _("Namn")),
                ("enhet", _("Enhet")),
                ("kurs", _("Kurs")),
                ("status", _("Status")),
                ("datum", _("Klar senast / giltig till")),
                ("aktivitet", _("Senaste aktivitet")),
            ]
        ]
        return context

    def tables(self, data):
        return [people_table(self.scope, self.criteria, self.sort())]


class QuestionsView(FollowUpView):
    tab = "questions"
    template_name = "reports/questions.html"

    def get_data(self, for_export=False):
        return {
            "modules": queries.questions(self.scope, self.criteria),
            "minimum": settings.ANONYMITY_MIN_GROUP,
            "period": queries.anonymous_period(self.criteria),
        }

    def tables(self, data):
        rows = []
        for module in data["modules"]:
            for question in module.questions:
                rows.append(
                    [
                        module.course.title,
                        module.module.title,
                        question.text,
                        None if question.too_few else question.answered,
                        None if question.too_few else question.correct,
                        None
                        if question.share_correct is None
                        else round(100 * question.share_correct),
                        question.most_chosen_wrong,
                    ]
                )
        return [
            Table(
                _("Frågor"),
                [
                    _("Kurs"),
                    _("Modul"),
                    _("Fråga"),
                    _("Svar"),
                    _("Rätt"),
                    _("Andel rätt (%)"),
                    _("Vanligaste fel svar"),
                ],  # fmt: skip
                rows,
            )
        ]


def refuse_invalid_filter(request, filterset):
    """A file is never made from a filter that could not be read: back, with the reason."""
    if filterset.is_refused:
        messages.error(request, _("Filtret kunde inte användas. Kontrollera enhet och datum."))
        return redirect(reverse("reports:overview") + "?" + request.GET.urlencode())
    return None


class ReportView(ScopedMixin, View):
    """The follow-up report for the chosen unit (or the user's own units) and period, as PDF.

    The report keeps the unit, role, course and period but not the status filter: its
    figures are the whole picture of the unit, as in every other unit's report.
    """

    def get(self, request):
        if refused := refuse_invalid_filter(request, self.filterset):
            return refused
        criteria = replace(self.criteria, status=None)
        audit(request, "reports.report", filter=criteria.describe())
        pdf = report_pdf(self.scope, criteria, site_settings=self.site_settings())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{file_name(criteria.unit, criteria)}"'
        )
        return response


class BundleView(ScopedMixin, TemplateView):
    """HR: the report for every nämnd and bolag at once, as one ZIP."""

    template_name = "reports/bundles.html"

    def check(self):
        if not self.scope.whole_organisation:
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        self.check()
        # Expired files go when anyone looks, not only when a new bundle is built.
        ReportBundle.objects.prune()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            title=_("Rapporter för alla nämnder"),
            filter=self.filterset,
            units=list(report_units()),
            bundles=ReportBundle.objects.filter(requested_by=self.request.user)[:20],
            retention_days=settings.REPORT_BUNDLE_RETENTION_DAYS,
        )

    def post(self, request, *args, **kwargs):
        self.check()
        units = list(report_units())
        criteria = replace(self.criteria, unit=None, role=None, course=None, status=None)
        audit(request, "reports.report", filter=criteria.describe(), enheter=len(units))
        if len(units) > settings.REPORT_ZIP_INLINE_LIMIT:
            with transaction.atomic():
                bundle = ReportBundle.objects.create(
                    requested_by=request.user,
                    period_start=criteria.start,
                    period_end=criteria.end,
                    unit_ids=[unit.pk for unit in units],
                )
                bundle.build_after_commit(build_report_bundle)
            messages.success(
                request,
                _("Rapporterna skapas i bakgrunden. Ladda ner dem här när de är klara."),
            )
            return redirect(reverse("reports:bundles") + f"?{criteria.query()}")
        archive = BytesIO()
        write_zip(units, criteria, archive, site_settings=self.site_settings())
        response = HttpResponse(archive.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="uppfoljningsrapporter-{criteria.end:%Y%m%d}.zip"'
        )
        return response


class BundleDownloadView(BackgroundFileDownloadView):
    """A bundle built in the background, to the HR user who asked for it."""

    model = ReportBundle
    filename = "uppfoljningsrapporter.zip"

    def allowed(self, request) -> bool:
        return scope_for(request.user).whole_organisation

    def record(self, request, built: ReportBundle) -> None:
        audit(
            request,
            "reports.report",
            paket=built.pk,
            period=f"{built.period_start}–{built.period_end}",
        )


bundle_download = BundleDownloadView.as_view()


class ExportsView(ScopedMixin, TemplateView):
    """The user's own exports built in the background, newest first, with their state."""

    template_name = "reports/exports.html"

    def get(self, request, *args, **kwargs):
        PeopleExport.objects.prune()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            title=_("Dina exporter"),
            exports=PeopleExport.objects.filter(requested_by=self.request.user)[:20],
            retention_days=PeopleExport.retention_days(),
            inline_limit=inline_limit(),
        )


class PeopleExportDownloadView(BackgroundFileDownloadView):
    """A Personer export built in the background, to the user who asked for it, logged as the
    inline export is: in the audit log and, for everyone it names, in the access log."""

    model = PeopleExport

    def allowed(self, request) -> bool:
        return may_follow_up(request.user)

    def download_name(self, built: PeopleExport) -> str:
        return built.download_name()

    def still_allowed(self, request, built: PeopleExport) -> bool:
        # A manager whose units changed since: the file is theirs only while everyone it names
        # is still within what they may see today (HR sees everyone).
        scope = scope_for(request.user)
        return (
            scope.whole_organisation
            or not Employee.objects.filter(pk__in=built.employee_ids)
            .exclude(scope.unit_condition("org_unit"))
            .exists()
        )

    def record(self, request, built: PeopleExport) -> None:
        audit(
            request,
            "reports.export",
            vy="people",
            format=built.export_format,
            filter=built.description,
            rader=built.rows,
            fil=built.pk,
        )
        record_access(
            request,
            action="reports.people.export",
            description=_("Uppföljning: %(tab)s (%(format)s)")
            % {"tab": dict(TABS)["people"], "format": built.export_format.upper()},
            purpose=Purpose.FOLLOW_UP,
            kind=Kind.EXPORT,
            employees=built.employee_ids,
            data={"filter": built.description, "format": built.export_format, "file": built.pk},
        )


export_download = PeopleExportDownloadView.as_view()
