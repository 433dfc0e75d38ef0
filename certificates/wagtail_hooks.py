from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from certificates import admin_views
from certificates.filters import CertificateFilterSet
from certificates.models import Certificate, CertificateExport
from certificates.services import issue_certificate
from certificates.tasks import build_certificate_zip
from people.access_log import PeopleShownViewSetMixin, Purpose

# A completed course issues its certificate in the same transaction.
hooks.register("course_completed", issue_certificate)


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.revoke", _("Återkalla intyg"), _("Intyg återkallat"))
    actions.register_action(
        "certificates.download", _("Ladda ner annans intyg"), _("Intyg nedladdat av annan")
    )
    actions.register_action("certificates.export", _("Exportera intyg"), _("Intyg exporterade"))


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Certificates are issued by completions, never typed in or edited by hand."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Certificate, ReadOnlyPolicy(Certificate))


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class RevokeColumn(Column):
    cell_template_name = "certificates/admin/revoke_cell.html"

    def get_value(self, instance):
        if instance.revoked_at is None:
            return reverse("certificates_admin:revoke", args=[instance.pk])
        return None


class CertificateViewSet(PeopleShownViewSetMixin, ModelViewSet):
    access_purpose = Purpose.CERTIFICATES

    def people_of(self, obj):
        return [obj.employee_id], ()

    model = Certificate
    icon = "doc-full"
    menu_label = _("Intyg")
    menu_order = 350
    add_to_admin_menu = True
    url_prefix = "intyg"
    url_namespace = "certificates_admin"
    index_view_class = admin_views.CertificateIndexView
    filterset_class = CertificateFilterSet
    inspect_view_enabled = True
    # The signer is a work role printed on the PDF, not data about the holder; listed here it
    # would name a colleague on a page about someone else (the who-saw-whom walk sees it).
    inspect_view_fields_exclude = ["signer_name", "signer_title"]
    search_fields = ["holder_name", "code", "course_title"]
    list_per_page = 50
    list_display = [
        "holder_name",
        "course_title",
        "issued_at",
        "valid_until",
        StatusColumn("status", label=_("Status")),
        "display_code",
        RevokeColumn("revoke", label=_("Återkalla")),
    ]

    # Never shown: the read-only policy refuses add and change.
    form_fields = ["revoked_reason"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/aterkalla/", admin_views.RevokeView.as_view(), name="revoke"),
            path("zip/", admin_views.ZipDownloadView.as_view(), name="zip"),
            path("exporter/", admin_views.ExportListView.as_view(), name="exports"),
            path("exporter/<int:pk>/", admin_views.export_download, name="export_download"),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")


@hooks.register("task_failed")
def fail_certificate_export(task_path, args, kwargs):
    """A ZIP whose task failed, or whose worker died for good (jobs.recovery), says so instead
    of "Skapas" until it is pruned."""
    if task_path != build_certificate_zip.module_path:
        return
    export_id = args[0] if args else kwargs["export_id"]
    CertificateExport.objects.filter(pk=export_id, state=CertificateExport.State.PENDING).update(
        state=CertificateExport.State.FAILED, finished_at=timezone.now()
    )
