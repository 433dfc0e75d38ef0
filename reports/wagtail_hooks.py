from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from reports.models import PeopleExport, ReportBundle
from reports.tasks import build_people_export, build_report_bundle


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(
        "reports.view", _("Se personuppgifter i uppföljningen"), _("Uppföljning med namn visad")
    )
    actions.register_action(
        "reports.export", _("Exportera uppföljning"), _("Uppföljning exporterad")
    )
    actions.register_action(
        "reports.report", _("Ta fram uppföljningsrapport"), _("Uppföljningsrapport framtagen")
    )


@hooks.register("task_failed")
def fail_report_bundle(task_path, args, kwargs):
    """A bundle or export whose task failed, or whose worker died for good (jobs.recovery),
    says so instead of "Skapas" until it is pruned."""
    files = {
        build_report_bundle.module_path: (ReportBundle, "bundle_id"),
        build_people_export.module_path: (PeopleExport, "export_id"),
    }
    if task_path not in files:
        return
    model, argument = files[task_path]
    pk = args[0] if args else kwargs[argument]
    model.objects.filter(pk=pk, state=model.State.PENDING).update(
        state=model.State.FAILED, finished_at=timezone.now()
    )
