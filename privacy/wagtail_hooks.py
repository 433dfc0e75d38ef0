from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from privacy.views import PLAN_PERMISSION, RetentionPlanView

# The privacy pages (logs, retention plan, record of processing, register extracts) gather
# under one "Dataskydd" menu; each page adds itself with `register_privacy_menu_item`, and the
# menu hides itself from those who may see none of them.
privacy_menu = Menu(register_hook_name="register_privacy_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_privacy_menu():
    return SubmenuMenuItem(
        _("Dataskydd"), privacy_menu, icon_name="lock", name="dataskydd", order=900
    )


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("dataskydd/gallringsplan/", RetentionPlanView.as_view(), name="retention_plan"),
    ]


class PlanMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PLAN_PERMISSION)


@hooks.register("register_privacy_menu_item")
def register_plan_menu_item():
    return PlanMenuItem(_("Gallringsplan"), reverse("retention_plan"), icon_name="date", order=200)
