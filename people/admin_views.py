"""HR's upload of the personnel register: a preview of every change and error before saving."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from people.access import require_permission
from people.importing import (
    EMPLOYEE_COLUMNS,
    UNIT_COLUMNS,
    apply_plan,
    columns_help,
    plan_import,
)
from people.tabular import UnreadableFile, check_size, read_table
from people.uploads import discard_upload, read_upload, store_upload


class ImportForm(forms.Form):
    employees = forms.FileField(label=gettext_lazy("Personalfil (CSV eller XLSX)"))
    units = forms.FileField(label=gettext_lazy("Enhetsfil (valfri)"), required=False)
    full = forms.BooleanField(
        label=gettext_lazy("Filen är hela personalregistret"),
        required=False,
        help_text=gettext_lazy("Den som saknas i filen avaktiveras (tas aldrig bort)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The headings are the file's own (Swedish) words, set apart from the translated text.
        self.fields["employees"].help_text = columns_help(EMPLOYEE_COLUMNS)
        self.fields["units"].help_text = columns_help(UNIT_COLUMNS)

    def _checked(self, name):
        upload = self.cleaned_data[name]
        if upload:
            try:
                check_size(upload.size)  # before the file is stored or read
            except UnreadableFile as error:
                raise forms.ValidationError(str(error)) from error
        return upload

    def clean_employees(self):
        return self._checked("employees")

    def clean_units(self):
        return self._checked("units")


def _store(upload) -> str:
    """Keep the upload privately between preview and confirmation; return its token."""
    return store_upload(upload)


def _load(token: str):
    if not token:
        return None
    data = read_upload(token)
    if data is None:
        raise UnreadableFile(_("Filen har gått ut. Ladda upp den igen."))
    return read_table(token, data)


def _discard(*tokens: str) -> None:
    for token in tokens:
        discard_upload(token)


class PersonnelImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "people/admin/import.html"
    page_title = gettext_lazy("Importera personal")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, "people.add_employee")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        tokens = {"employees": _store(form.cleaned_data["employees"]), "units": ""}
        if form.cleaned_data["units"]:
            tokens["units"] = _store(form.cleaned_data["units"])
        try:
            plan = plan_import(
                _load(tokens["employees"]), _load(tokens["units"]), full=form.cleaned_data["full"]
            )
        except UnreadableFile as error:
            _discard(*tokens.values())
            form.add_error(None, str(error))
            return self.form_invalid(form)
        # A blocking problem (missing columns, broken units) leaves only the errors to show.
        preview = None if plan.blocking else apply_plan(plan, valid_only=True, dry_run=True)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                preview=preview,
                tokens=tokens,
                full=form.cleaned_data["full"],
            )
        )

    def confirm(self, request):
        tokens = {key: request.POST.get(key, "") for key in ("employees", "units")}
        try:
            plan = plan_import(
                _load(tokens["employees"]), _load(tokens["units"]), full="full" in request.POST
            )
        except UnreadableFile as error:
            messages.error(request, str(error))
            return redirect("people_import")
        if plan.blocking or (plan.has_errors and "valid_only" not in request.POST):
            messages.error(request, _("Filen har fel. Välj att importera bara de giltiga raderna."))
            return redirect("people_import")
        result = apply_plan(plan, valid_only=True)
        _discard(*tokens.values())
        log(
            instance=request.user,
            action="people.import",
            user=request.user,
            data={
                "created": result.created,
                "updated": result.updated,
                "deactivated": result.deactivated,
                "skipped_rows": result.skipped_rows,
            },
        )
        messages.success(
            request,
            # Label and number, so that no count needs a plural form ("1 nya", "1 rader").
            _(
                "Importen är klar. Nya anställda: %(created)d, ändrade: %(updated)d, "
                "avaktiverade: %(deactivated)d, rader som hoppades över: %(skipped)d."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "deactivated": result.deactivated,
                "skipped": result.skipped_rows,
            },
        )
        return redirect(reverse("people_import"))
