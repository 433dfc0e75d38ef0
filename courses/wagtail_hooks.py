from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from courses import admin_views
from courses.compliance import recompute_compliance
from courses.models import AssignmentRule, CourseSession
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


@hooks.register("register_log_actions")
def register_course_log_actions(actions):
    actions.register_action(
        "courses.attendance_changed", _("Ändra närvaro"), _("Närvaro ändrad efter avslut")
    )


class SessionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course").with_counts()

    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Skapa ett år av tillfällen"),
                url=reverse("course_sessions:series"),
                icon_name="date",
            ),
        ]


class AttendanceLinkColumn(Column):
    cell_template_name = "courses/admin/attendance_link_cell.html"

    def get_value(self, instance):
        return reverse("course_sessions:attendance", args=[instance.pk])


class BookedColumn(Column):
    def get_value(self, instance):
        return f"{instance.booked_count} / {instance.capacity}"


class CourseSessionViewSet(ModelViewSet):
    model = CourseSession
    icon = "date"
    menu_label = _("Kurstillfällen")
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "kurstillfallen"
    url_namespace = "course_sessions"
    index_view_class = SessionIndexView
    list_display = [
        "course",
        "starts_at",
        "format",
        BookedColumn("booked", label=_("Bokade")),
        "status",
        AttendanceLinkColumn("attendance", label=_("Närvaro")),
    ]
    list_filter = ["status", "format", "course"]
    ordering = ["-starts_at"]
    panels = [
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("capacity")]),
        FieldPanel("location"),
        FieldPanel("meeting_url"),
        FieldPanel("leader"),
        # Status changes through actions that tell the people booked (close, call off).
        FieldPanel("booking_deadline"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("serie/", admin_views.SessionSeriesView.as_view(), name="series"),
            path("<int:pk>/narvaro/", admin_views.AttendanceView.as_view(), name="attendance"),
            path(
                "<int:pk>/narvaro/importera/",
                admin_views.AttendanceImportView.as_view(),
                name="attendance_import",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_session_viewset():
    return CourseSessionViewSet("course_sessions")
