from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from reports.models import ReportBundle
from reports.tasks import build_report_bundle


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
    """A bundle whose task failed, or whose worker died for good (jobs.recovery), says so
    instead of "Skapas" until it is pruned."""
    if task_path != build_report_bundle.module_path:
        return
    bundle_id = args[0] if args else kwargs["bundle_id"]
    ReportBundle.objects.filter(pk=bundle_id, state=ReportBundle.State.PENDING).update(
        state=ReportBundle.State.FAILED, finished_at=timezone.now()
    )
