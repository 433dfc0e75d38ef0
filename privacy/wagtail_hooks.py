from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from privacy.admin_views import PseudonymiseView, may_pseudonymise
from privacy.leavers import ACTION

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
        path(
            "dataskydd/pseudonymisera/<int:pk>/",
            PseudonymiseView.as_view(),
            name="privacy_pseudonymise",
        )
    ]


@hooks.register("employee_delete_alternatives")
def pseudonymise_instead(employee, user):
    """Someone with history cannot be deleted; they can lose their name now."""
    if employee.is_pseudonymised or not may_pseudonymise(user, employee):
        return []
    return [
        {
            "label": _("Pseudonymisera nu"),
            "url": reverse("privacy_pseudonymise", args=[employee.pk]),
            "description": _(
                "Namn, e-post och anställningsnummer ersätts och kontot tas bort nu, i stället "
                "för när gallringsfristen har gått ut. Det personen har genomfört räknas "
                "fortfarande i uppföljningen och intygen går att kontrollera, utan namn."
            ),
        }
    ]


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        ACTION, _("Pseudonymisera"), _("Personen har slutat och pseudonymiserades")
    )
