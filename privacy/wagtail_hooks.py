from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button

from privacy.leavers import ACTION as PSEUDONYMISE_ACTION
from privacy.views import extract as extract_views
from privacy.views import processing as processing_views
from privacy.views.access_log import PERMISSION as ACCESS_LOG_PERMISSION
from privacy.views.access_log import AccessLogView
from privacy.views.leavers import PseudonymiseView, may_pseudonymise
from privacy.views.retention import PLAN_PERMISSION, RetentionPlanView

# The privacy pages (logs, retention plan, record of processing, register extracts) gather
# under one "Dataskydd" menu; each page adds itself with `register_privacy_menu_item`, and the
# menu hides itself from those who may see none of them.
privacy_menu = Menu(register_hook_name="register_privacy_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_privacy_menu():
    return SubmenuMenuItem(
        _("Dataskydd"), privacy_menu, icon_name="lock", name="dataskydd", order=900
    )


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("dataskydd/loggar/", AccessLogView.as_view(), name="privacy_access_log"),
        path("dataskydd/gallringsplan/", RetentionPlanView.as_view(), name="retention_plan"),
        path(
            "dataskydd/pseudonymisera/<int:pk>/",
            PseudonymiseView.as_view(),
            name="privacy_pseudonymise",
        ),
        path(
            "dataskydd/registerutdrag/",
            extract_views.RegisterExtractView.as_view(),
            name="privacy_register_extract",
        ),
        path(
            "dataskydd/registerutdrag/<int:pk>/",
            extract_views.produce_register_extract,
            name="privacy_produce_register_extract",
        ),
        path(
            "dataskydd/registerforteckning/",
            processing_views.ProcessingRecordView.as_view(),
            name="privacy_processing_record",
        ),
    ]


@hooks.register("register_privacy_menu_item")
def register_access_log_menu_item():
    return PermissionMenuItem(
        _("Loggar"),
        reverse("privacy_access_log"),
        icon_name="list-ul",
        order=100,
        permission=ACCESS_LOG_PERMISSION,
    )


@hooks.register("register_privacy_menu_item")
def register_plan_menu_item():
    return PermissionMenuItem(
        _("Gallringsplan"),
        reverse("retention_plan"),
        icon_name="date",
        order=200,
        permission=PLAN_PERMISSION,
    )


@hooks.register("register_privacy_menu_item")
def register_extract_menu_item():
    return PermissionMenuItem(
        _("Registerutdrag"),
        reverse("privacy_register_extract"),
        icon_name="doc-full",
        order=300,
        permission=extract_views.PERMISSION,
    )


@hooks.register("register_privacy_menu_item")
def register_processing_record_menu_item():
    return PermissionMenuItem(
        _("Registerförteckning"),
        reverse("privacy_processing_record"),
        icon_name="list-ul",
        order=400,
        permission=processing_views.PERMISSION,
    )


@hooks.register("employee_admin_buttons")
def register_extract_button(employee, user, next_url):
    if employee.is_pseudonymised or not user.has_perm(extract_views.PERMISSION):
        return []
    return [
        Button(
            _("Registerutdrag"),
            url=extract_views.register_extract_url(employee),
            icon_name="doc-full",
            priority=50,
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
        PSEUDONYMISE_ACTION, _("Pseudonymisera"), _("Personen har slutat och pseudonymiserades")
    )
    actions.register_action(
        extract_views.LOG_ACTION, _("Registerutdrag"), _("Registerutdrag framtaget")
    )
