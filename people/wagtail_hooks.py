from collections import Counter

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects, quote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from people.access import may_change_protected_accounts
from people.access_log import PeopleShownViewSetMixin, Purpose
from people.admin_views import PersonnelImportView
from people.forms import EmployeeForm, OrgUnitForm
from people.models import Employee, OrgUnit, Role, is_protected_account
from people.services import remove_account


class EmployeePermissionPolicy(ModelPermissionPolicy):
    """HR changes employees, but not one whose account has more power than HR's own."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in {"change", "delete"} and is_protected_account(instance.user):
            return may_change_protected_accounts(user)
        return True


register_permission_policy(Employee, EmployeePermissionPolicy(Employee))


class _InstancePermissionMixin:
    # Wagtail's generic edit view checks only the model permission; this one asks the policy
    # about the employee at hand, so a crafted URL is refused as well as the hidden button.
    def get_object(self, queryset=None):
        employee = super().get_object(queryset)
        if not self.user_has_permission_for_instance(self.permission_required, employee):
            raise PermissionDenied
        return employee


def _kinds(objects) -> list[tuple[str, int]]:
    """(plural name, count) per kind of record, in name order."""
    counts = Counter(str(item._meta.verbose_name_plural) for item in objects)
    return sorted(counts.items())


class EmployeeDeleteView(_InstancePermissionMixin, generic.DeleteView):
    """Says what deleting will remove and what stays, and never answers 500.

    Someone with history (attempts, completions, certificates, attendance) is not deleted: the
    follow-up of past periods counts them. The page says so and offers the alternatives other
    apps register (`employee_delete_alternatives`: privacy pseudonymises the person now).
    Someone without history goes with their account, unless the account has admin access:
    that is an administrator's to remove, under Users.
    """

    template_name = "people/admin/employee_delete.html"

    @cached_property
    def collector(self) -> NestedObjects:
        collector = NestedObjects(using=router.db_for_write(Employee))
        collector.collect([self.object])
        return collector

    @cached_property
    def kept_history(self) -> list[tuple[str, int]]:
        return _kinds(self.collector.protected)

    @cached_property
    def removed(self) -> list[tuple[str, int]]:
        removed = [
            item
            for model, items in self.collector.model_objs.items()
            if model is not Employee
            for item in items
        ]
        return _kinds(removed)

    @cached_property
    def account_is_kept(self) -> bool:
        return is_protected_account(self.object.user)

    def refusal(self) -> str:
        if self.object.is_pseudonymised:
            return _(
                "%(name)s är redan pseudonymiserad: namn, e-post och konto är borttagna. Det "
                "som finns kvar är historik som uppföljningen behöver (%(kinds)s)."
            ) % {"name": self.object.full_name, "kinds": self.kinds_text(self.kept_history)}
        return _(
            "%(name)s kan inte tas bort: det finns historik som uppföljningen behöver "
            "(%(kinds)s). Avaktivera personen i stället (avmarkera Aktiv): historiken finns kvar "
            "och personen kan inte längre logga in."
        ) % {"name": self.object.full_name, "kinds": self.kinds_text(self.kept_history)}

    @staticmethod
    def kinds_text(kinds) -> str:
        return ", ".join(f"{name} {count}" for name, count in kinds)

    def alternatives(self) -> list:
        found = []
        for hook in hooks.get_hooks("employee_delete_alternatives"):
            found.extend(hook(self.object, self.request.user))
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kept_history=self.kept_history,
            removed=self.removed,
            account_is_kept=self.account_is_kept,
            alternatives=self.alternatives() if self.kept_history else [],
            refusal=self.refusal() if self.kept_history else "",
        )
        return context

    def form_valid(self, form):
        if self.kept_history:
            messages.error(self.request, self.refusal())
            return redirect(self.edit_url_name, self.object.pk)
        user = None if self.account_is_kept else self.object.user
        with transaction.atomic():
            response = super().form_valid(form)
            if user is not None:
                remove_account(user)
        return response


class OrgUnitViewSet(PeopleShownViewSetMixin, ModelViewSet):
    # A unit names nobody, but its usage page lists the employees placed in it.
    access_purpose = Purpose.PERSONNEL

    def people_of(self, obj):
        return (), ()

    model = OrgUnit
    icon = "site"
    menu_label = _("Organisation")
    list_display = ["name", "code", "kind", "depth"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
            FieldPanel("parent"),
        ],
        base_form_class=OrgUnitForm,
    )


class RoleViewSet(PeopleShownViewSetMixin, ModelViewSet):
    access_purpose = Purpose.PERSONNEL

    def people_of(self, obj):
        return (), ()

    model = Role
    icon = "group"
    menu_label = _("Roller")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    form_fields = ["name", "code", "description"]


def _employee_buttons(employee, request):
    """Buttons other apps offer for one employee (identity: send an invitation)."""
    buttons = []
    for hook in hooks.get_hooks("employee_admin_buttons"):
        buttons.extend(hook(employee, request.user, request.get_full_path()))
    return buttons


class EmployeeIndexView(generic.IndexView):
    """The listing with checkboxes, for bulk actions other apps register on Employee."""

    def get_base_queryset(self):
        # Each row shows the person's name (their account) and unit.
        return super().get_base_queryset().select_related("user", "org_unit")

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="employee"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda e: f"employee_{quote(e.pk)}_title"
        )

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *_employee_buttons(instance, self.request),
        ]


class EmployeeEditView(_InstancePermissionMixin, generic.EditView):
    def _pseudonymised(self, request):
        """Nothing to edit once the name and account are gone: the rest is history."""
        self.object = self.get_object()
        if not self.object.is_pseudonymised:
            return None
        messages.info(
            request,
            _("%(name)s har slutat och är pseudonymiserad; uppgifterna kan inte ändras.")
            % {"name": self.object.full_name},
        )
        return redirect(self.index_url_name)

    def get(self, request, *args, **kwargs):
        return self._pseudonymised(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._pseudonymised(request) or super().post(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *_employee_buttons(self.object, self.request)]


class EmployeeViewSet(PeopleShownViewSetMixin, ModelViewSet):
    # Every page of it names the employees shown (the listing's page, the one edited…).
    access_purpose = Purpose.PERSONNEL

    def people_of(self, obj):
        return [obj.pk], ()

    model = Employee
    index_view_class = EmployeeIndexView
    index_template_name = "people/admin/employee_index.html"
    edit_view_class = EmployeeEditView
    delete_view_class = EmployeeDeleteView
    icon = "user"
    menu_label = _("Anställda")
    list_display = ["__str__", "org_unit", "is_active", "start_date", "end_date"]
    list_filter = ["is_active", "roles"]
    search_fields = ["employee_number", "user__first_name", "user__last_name", "user__email"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
            FieldRowPanel([FieldPanel("employee_number"), FieldPanel("email")]),
            FieldPanel("org_unit"),
            FieldPanel("roles"),
            FieldPanel("manages"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldPanel("is_active"),
                ],
                heading=_("Anställning"),
            ),
        ],
        base_form_class=EmployeeForm,
    )


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = _("Personal")
    menu_icon = "group"
    menu_order = 300
    items = (
        EmployeeViewSet("employees", url_prefix="people/employees"),
        OrgUnitViewSet("org_units", url_prefix="people/org_units"),
        RoleViewSet("roles", url_prefix="people/roles"),
    )


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("personal/importera/", PersonnelImportView.as_view(), name="people_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("people.add_employee")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Importera personal"), reverse("people_import"), icon_name="upload", order=305
    )


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    actions.register_action("people.import", _("Importera personal"), _("Personal importerad"))


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()
