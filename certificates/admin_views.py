"""Certificates in the Wagtail admin: list and filter, revoke, and download as one ZIP."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.models import Site

from certificates import codes
from certificates.bundles import stream_zip
from certificates.filters import CertificateFilterSet
from certificates.forms import RevokeForm
from certificates.models import Certificate, CertificateExport
from certificates.services import revoke_certificate
from certificates.tasks import build_certificate_zip
from content.models import SiteSettings
from files.views import BackgroundFileDownloadView
from people.access import require_permission
from people.access_log import Kind, Purpose, record_access


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("employee__org_unit")

    def search_queryset(self, queryset):
        # The same search as the ZIP download, so the file holds what the list shows.
        return search(queryset, self.search_query or "")

    @property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        return [
            *super().header_buttons,
            HeaderButton(
                _("Ladda ner urvalet som ZIP"),
                url=reverse("certificates_admin:zip") + (f"?{query}" if query else ""),
                icon_name="download",
            ),
            HeaderButton(
                _("Mina exporter"), url=reverse("certificates_admin:exports"), icon_name="list-ul"
            ),
        ]


class RevokeView(WagtailAdminTemplateMixin, FormView):
    form_class = RevokeForm
    template_name = "certificates/admin/revoke.html"
    header_icon = "warning"
    page_title = gettext_lazy("Återkalla intyg")

    def dispatch(self, request, *args, pk, **kwargs):
        require_permission(request, "certificates.revoke_certificate")
        self.certificate = get_object_or_404(Certificate, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("certificates_admin:index"), "label": _("Intyg")},
            {"url": "", "label": str(self.certificate)},
        ]

    def get_context_data(self, **kwargs):
        if self.request.method == "GET":
            record_access(
                self.request,
                action="certificates.revoke",
                description=_("Återkalla intyg"),
                purpose=Purpose.CERTIFICATES,
                employees=[self.certificate.employee_id],
            )
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        if self.certificate.revoked_at is not None:
            messages.warning(self.request, _("Intyget var redan återkallat."))
        else:
            revoke_certificate(
                certificate=self.certificate,
                reason=form.cleaned_data["reason"],
                user=self.request.user,
            )
            messages.success(self.request, _("Intyget är återkallat."))
        return redirect("certificates_admin:index")


def search(certificates, query: str):
    """The admin listing's search, applied to the ZIP too: the file holds what the list showed."""
    query = query.strip()
    if not query:
        return certificates
    condition = Q(holder_name__icontains=query) | Q(course_title__icontains=query)
    try:
        condition |= Q(code=codes.normalise(query))
    except codes.MalformedCode:
        pass
    return certificates.filter(condition)


class CertificateAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A page under Intyg in the admin, for those who may see certificates."""

    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, "certificates.view_certificate")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("certificates_admin:index"), "label": _("Intyg")},
            {"url": "", "label": self.page_title},
        ]


class ZipDownloadView(CertificateAdminView):
    """The filtered certificates as one ZIP, after a confirmation.

    The listing's button only leads here (GET): the export itself, which writes audit entries
    and may start background work, happens on a POST with a CSRF token, so a link on another
    site cannot start one.
    """

    template_name = "certificates/admin/zip_confirm.html"
    page_title = gettext_lazy("Ladda ner intyg som ZIP")

    def selection(self, query: QueryDict):
        filters = CertificateFilterSet(query, queryset=Certificate.objects.all())
        if not filters.is_valid():
            return None
        return search(filters.qs, query.get("q", "")).order_by("pk")

    def refuse(self):
        messages.error(self.request, _("Filtret kunde inte användas. Kontrollera datumen."))
        return redirect("certificates_admin:index")

    def get(self, request, *args, **kwargs):
        certificates = self.selection(request.GET)
        if certificates is None:
            return self.refuse()
        context = self.get_context_data(
            count=certificates.count(), query=request.GET.urlencode(), **kwargs
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        query = QueryDict(request.POST.get("query", ""))
        certificates = self.selection(query)
        if certificates is None:
            return self.refuse()
        count = certificates.count()
        # Exports of personal data are recorded: who, when, which filter, how many. The filter
        # without its search text, which may be a name (the people are in the access log).
        recorded_filter = filter_without_search(query)
        log(
            instance=request.user,
            action="certificates.export",
            user=request.user,
            data={"filter": recorded_filter, "count": count},
        )
        if count > settings.CERTIFICATE_ZIP_INLINE_LIMIT:
            with transaction.atomic():
                export = CertificateExport.objects.create(
                    requested_by=request.user,
                    description=recorded_filter,
                    certificate_ids=list(certificates.values_list("pk", flat=True)),
                )
                export.build_after_commit(build_certificate_zip)
            messages.success(
                request,
                _("Intygen packas i bakgrunden. Filen finns under Mina exporter när den är klar."),
            )
            return redirect("certificates_admin:exports")
        # A ZIP built in the background is recorded when it is downloaded.
        record_access(
            request,
            action="certificates.zip",
            description=_("Intyg som ZIP"),
            purpose=Purpose.CERTIFICATES,
            kind=Kind.EXPORT,
            employees=set(certificates.order_by().values_list("employee_id", flat=True)),
            data={"filter": recorded_filter},
        )
        site_settings = SiteSettings.for_site(Site.find_for_request(request))
        response = StreamingHttpResponse(
            stream_zip(
                # Each in its holder's language, without a query per certificate.
                certificates.select_related("employee__user__wagtail_userprofile").iterator(),
                site_settings=site_settings,
            ),
            content_type="application/zip",
        )
        response["Content-Disposition"] = 'attachment; filename="intyg.zip"'
        return response


def filter_without_search(query: QueryDict) -> str:
    """The list's filter as recorded: the free-text search (`q`) only as "sökning", since it may
    be a name that must not outlive the person's pseudonymisation in logs and extracts."""
    recorded = query.copy()
    if recorded.pop("q", None):
        recorded["q"] = "sökning"
    return recorded.urlencode()


class ExportListView(CertificateAdminView):
    template_name = "certificates/admin/exports.html"
    page_title = gettext_lazy("Mina exporter")

    def get_context_data(self, **kwargs):
        exports = CertificateExport.objects.filter(requested_by=self.request.user)[:50]
        return super().get_context_data(exports=exports, **kwargs)


class ExportDownloadView(BackgroundFileDownloadView):
    """A ZIP built in the background, to its requester only; recorded when downloaded."""

    model = CertificateExport
    filename = "intyg.zip"

    def allowed(self, request) -> bool:
        return request.user.has_perm("certificates.view_certificate")

    def record(self, request, built: CertificateExport) -> None:
        record_access(
            request,
            action="certificates.zip_download",
            description=_("Intyg som ZIP (framtagen i bakgrunden)"),
            purpose=Purpose.CERTIFICATES,
            kind=Kind.EXPORT,
            employees=set(
                Certificate.objects.filter(pk__in=built.certificate_ids).values_list(
                    "employee_id", flat=True
                )
            ),
            data={"filter": built.description},
        )


export_download = ExportDownloadView.as_view()
