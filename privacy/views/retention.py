"""The privacy pages in the admin: the retention plan (gallringsplan) with the job's last runs."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from people.access import require_permission
from privacy.models import RetentionRun
from privacy.plan import record_types
from privacy.retention import Clock, cutoff, step_for

PLAN_PERMISSION = "privacy.view_retention_plan"
RUNS_SHOWN = 10


class RetentionPlanView(WagtailAdminTemplateMixin, TemplateView):
    """Every kind of personal data, how long it is kept and what then happens; the last runs."""

    template_name = "privacy/admin/retention_plan.html"
    page_title = _("Gallringsplan")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, PLAN_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clock = Clock.current()
        kinds = record_types()
        context["kinds"] = [
            {
                "record": record,
                "thinned": step_for(record) is not None,
                "cutoff": cutoff(record, clock) if step_for(record) else None,
            }
            for record in kinds
        ]
        labels = {record.key: record.label for record in kinds}
        context["runs"] = [
            {
                "run": run,
                "removed": [
                    (labels.get(key, key), count) for key, count in run.removed.items() if count
                ],
            }
            for run in RetentionRun.objects.all()[:RUNS_SHOWN]
        ]
        return context
