from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from sessions import admin_views, requirements
from sessions.demo import build_sessions
from sessions.models import CourseSession

# Courses asks these whether attendance is met, and lets them add the booking to its page.
hooks.register("course_requirements", requirements.attendance_requirement)
hooks.register("course_page_context", requirements.add_booking_to_course_page)
# The demo's sessions, bookings and attendance, after courses has built the site and people.
hooks.register("seed_demo", build_sessions)


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    # The action keeps the name it had under courses: log entries already stored carry it.
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
    cell_template_name = "sessions/admin/attendance_link_cell.html"

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
