from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

# The privacy pages (logs, retention plan, record of processing, register extracts) gather
# under one "Dataskydd" menu; each page adds itself with `register_privacy_menu_item`, and the
# menu hides itself from those who may see none of them.
privacy_menu = Menu(register_hook_name="register_privacy_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_privacy_menu():
    return SubmenuMenuItem(
        _("Dataskydd"), privacy_menu, icon_name="lock", name="dataskydd", order=900
    )
