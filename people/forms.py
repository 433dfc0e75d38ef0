"""Admin forms for the organisation tree and employees."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from people.models import OrgUnit
from people.services import employees_changed


class OrgUnitForm(WagtailAdminModelForm):
    """Places a unit in the tree through treebeard, which a plain save() would bypass."""

    parent = forms.ModelChoiceField(
        queryset=OrgUnit.objects.all(),
        required=False,
        label=_("Överordnad enhet"),
        help_text=_("Lämna tomt för den översta nivån (kommunen)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            # A unit cannot be moved below itself.
            self.fields["parent"].queryset = OrgUnit.objects.exclude(
                path__startswith=self.instance.path
            )

    @transaction.atomic
    def save(self, commit=True):
        unit = self.instance
        parent = self.cleaned_data.get("parent")
        if unit.pk is None:
            if parent is None:
                return OrgUnit.add_root(instance=unit)
            return parent.add_child(instance=unit)
        unit.save()
        if parent != unit.get_parent():
            if parent is None:
                unit.move(OrgUnit.get_first_root_node(), pos="last-sibling")
            else:
                unit.move(parent, pos="last-child")
            unit.refresh_from_db()
        return unit


class EmployeeForm(WagtailAdminModelForm):
    """Edits the employee together with the name and e-mail of their login account."""

    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(label=_("E-post"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.user_id:
            user = self.instance.user
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"].strip()
        # New accounts take the employee number as username; it must be free.
        if self.instance.pk is None and get_user_model().objects.filter(username=number).exists():
            raise forms.ValidationError(
                _("Anställningsnumret används redan som användarnamn för ett annat konto.")
            )
        return number

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.filter(email__iexact=email)
        if self.instance.pk:
            users = users.exclude(pk=self.instance.user_id)
        if users.exists():
            raise forms.ValidationError(_("E-postadressen används redan av en annan person."))
        return email

    @transaction.atomic
    def save(self, commit=True):
        employee = self.instance
        if employee.pk is None:
            user = get_user_model()(username=self.cleaned_data["employee_number"])
            # People log in through the organisation's sign-in; no password is set here.
            user.set_unusable_password()
        else:
            user = employee.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.email = self.cleaned_data["email"]
        user.is_active = self.cleaned_data["is_active"]
        user.save()
        employee.user = user
        # Retention of leavers counts from the day they were switched off (privacy.leavers).
        if not employee.is_active:
            was_active = employee.pk is None or (
                type(employee).objects.filter(pk=employee.pk, is_active=True).exists()
            )
            if was_active or employee.deactivated_at is None:
                employee.deactivated_at = timezone.localdate()
        else:
            employee.deactivated_at = None
        employee = super().save(commit=commit)
        # Apps built on people (courses keeps compliance) react to the changed employee.
        employees_changed(employee_ids={employee.pk})
        return employee
