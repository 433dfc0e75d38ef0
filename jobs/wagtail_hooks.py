from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from jobs.views import PERMISSION, ScheduleView


class ScheduleMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_schedule_urls():
    return [path("schemalagda-jobb/", ScheduleView.as_view(), name="jobs_schedule")]


@hooks.register("register_settings_menu_item")
def register_schedule_menu_item():
    return ScheduleMenuItem(
        _("Schemalagda jobb"), reverse("jobs_schedule"), icon_name="time", order=900
    )
