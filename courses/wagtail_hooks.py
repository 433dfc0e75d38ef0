from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet

from courses.compliance import recompute_compliance
from courses.models import AssignmentRule
from courses.tasks import recompute_compliance_task


@hooks.register("employees_changed")
def recompute_changed_employees(*, employee_ids):
    recompute_compliance(employee_ids=employee_ids)


class AssignmentRuleForm(WagtailAdminModelForm):
    def save(self, commit=True):
        rule = super().save(commit=commit)
        # A rule can concern anyone: every status is rebuilt by the worker once committed.
        transaction.on_commit(recompute_compliance_task.enqueue)
        return rule


class AssignmentRuleDeleteView(DeleteView):
    def delete_action(self):
        super().delete_action()
        # Without the rule, its people may no longer be assigned the course.
        transaction.on_commit(recompute_compliance_task.enqueue)


class MatchColumn(Column):
    """How many employees a rule reaches: a rule that matches nobody says so."""

    def get_value(self, instance):
        count = instance.matching_employees().count()
        if not count:
            return _("Ingen just nu")
        return ngettext("%(count)d person", "%(count)d personer", count) % {"count": count}


class AssignmentRuleViewSet(ModelViewSet):
    model = AssignmentRule
    icon = "tasks"
    menu_label = _("Tilldelningsregler")
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "tilldelning"
    url_namespace = "assignment_rules"
    list_display = [
        "name",
        "course",
        "due_days",
        "active_from",
        MatchColumn("match", label=_("Omfattar")),
    ]
    edit_handler = ObjectList(AssignmentRule.panels, base_form_class=AssignmentRuleForm)
    delete_view_class = AssignmentRuleDeleteView


@hooks.register("register_admin_viewset")
def register_assignment_rule_viewset():
    return AssignmentRuleViewSet("assignment_rules")


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_history(request, page):
    """Courses and modules that people have taken keep their history: unpublish instead."""
    collector = Collector(using="default")
    # The collector takes one model at a time; a course holds pages of several types.
    by_type = defaultdict(list)
    for descendant in page.get_descendants(inclusive=True).specific():
        by_type[type(descendant)].append(descendant)
    try:
        for pages in by_type.values():
            collector.collect(pages)
    except ProtectedError:
        messages.error(
            request,
            _(
                "Sidan kan inte tas bort eftersom anställda har gjort kursen eller testet "
                "(historiken sparas). Avpublicera sidan i stället."
            ),
        )
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None
