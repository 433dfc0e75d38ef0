from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from privacy.access_views import PERMISSION as ACCESS_LOG_PERMISSION
from privacy.access_views import AccessLogView

# The privacy pages (logs, retention plan, record of processing, register extracts) gather
# under one "Dataskydd" menu; each page adds itself with `register_privacy_menu_item`, and the
# menu hides itself from those who may see none of them.
privacy_menu = Menu(register_hook_name="register_privacy_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_privacy_menu():
    return SubmenuMenuItem(
        _("Dataskydd"), privacy_menu, icon_name="lock", name="dataskydd", order=900
    )


class AccessLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ACCESS_LOG_PERMISSION)


@hooks.register("register_admin_urls")
def register_access_log_url():
    return [path("dataskydd/loggar/", AccessLogView.as_view(), name="privacy_access_log")]


@hooks.register("register_privacy_menu_item")
def register_access_log_menu_item():
    return AccessLogMenuItem(
        _("Loggar"), reverse("privacy_access_log"), icon_name="list-ul", order=100
    )
