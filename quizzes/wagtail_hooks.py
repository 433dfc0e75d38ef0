from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quizzes import admin_views
from quizzes.demo import seed_quizzes

hooks.register("seed_demo", seed_quizzes)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path(
            "kunskapstest/statistik/",
            admin_views.ModuleListView.as_view(),
            name="quiz_statistics",
        ),
        path(
            "kunskapstest/statistik/<int:module_id>/",
            admin_views.ModuleStatisticsView.as_view(),
            name="quiz_statistics_module",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Frågestatistik"), reverse("quiz_statistics"), icon_name="table", order=400
    )
