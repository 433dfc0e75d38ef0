"""The personnel register import: plan from a file, show the plan, then apply it in one go.

Planning reads the file (via tablib), checks every row and works out what would change,
without writing anything. Applying writes the plan in bulk inside one transaction, so a run
is all or nothing, and a re-import of the same file changes nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from people.models import Employee, OrgUnit, Role, protected_accounts
from people.services import UNUSABLE_PASSWORD, employees_changed

EMPLOYEE_COLUMNS = {
    "employee_number": ("anställningsnummer", "anstallningsnummer", "anst.nr"),
    "first_name": ("förnamn", "fornamn"),
    "last_name": ("efternamn",),
    "email": ("e-post", "epost", "e-postadress", "mejl"),
    "unit_code": ("enhetskod", "enhet"),
    "roles": ("roller", "roll"),
    "manages": ("chef för", "chef for"),
    "start_date": ("anställningsdatum", "anstallningsdatum", "startdatum"),
    "end_date": ("slutdatum",),
}
REQUIRED_EMPLOYEE_COLUMNS = ("employee_number", "first_name", "last_name", "email", "unit_code")
UNIT_COLUMNS = {
    "code": ("kod", "enhetskod"),
    "name": ("namn",),
    "kind": ("typ",),
    "parent": ("överordnad kod", "overordnad kod", "överordnad"),
}


def headings(names) -> str:
    """Column headings as the file must spell them: Swedish data in any interface language,
    so outside the translated sentence and marked lang="sv" for screen readers."""
    return format_html(
        '<span lang="sv">{}</span>', format_html_join(", ", "{}", ((name,) for name in names))
    )


def columns_help(columns: dict) -> str:
    """The help text of an upload field: the headings the file needs, in order."""
    return format_html(
        "{} {}", _("Kolumner (rubriker på första raden):"), headings(c[0] for c in columns.values())
    )


LIST_SEPARATORS = re.compile(r"[,;|]")
KINDS = {
    **{k.value: k.value for k in OrgUnit.Kind},
    **{str(k.label).lower(): k.value for k in OrgUnit.Kind},
}


def _kind_names() -> list[str]:
    # The types as the file spells them: Swedish, whatever the interface's language.
    with translation.override("sv"):
        return [str(kind.label).lower() for kind in OrgUnit.Kind]


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    message: str


@dataclass
class EmployeeRow:
    row: int
    employee_number: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    roles: frozenset[str]
    manages: frozenset[str]
    start_date: date | None
    end_date: date | None


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    parent: str


@dataclass
class ImportPlan:
    units: list[UnitRow] = field(default_factory=list)
    employees: list[EmployeeRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    full: bool = False
    # Every employee number read, valid row or not: a full import never deactivates a person
    # whose row merely had an error.
    numbers_in_file: set[str] = field(default_factory=set)
    # Missing columns, or an error in the units: nothing can be imported, not even valid rows.
    blocking: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


@dataclass
class ImportResult:
    units_created: int = 0
    units_updated: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    skipped_rows: int = 0
    dry_run: bool = False
    changed_employee_ids: set[int] = field(default_factory=set)


def _columns(dataset: tablib.Dataset, wanted: dict, sheet: str, errors: list) -> dict | None:
    headers = [str(h or "").strip().lower() for h in dataset.headers or []]
    found = {}
    for key, names in wanted.items():
        found[key] = next((headers.index(n) for n in names if n in headers), None)
    return found


def _text(values, index) -> str:
    if index is None or index >= len(values) or values[index] is None:
        return ""
    # Cells are data, never formulas: "=…" is kept as the text it is, not evaluated.
    return str(values[index]).strip()


def _date(values, index, label: str, sheet: str, row: int, errors: list) -> date | None:
    if index is None or index >= len(values) or values[index] in (None, ""):
        return None
    value = values[index]
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(
        RowError(sheet, row, _("%(label)s ”%(value)s” är inte ett datum (skriv ÅÅÅÅ-MM-DD).")
                 % {"label": label, "value": text})
    )  # fmt: skip
    return None


def _too_long(values, columns: dict, limits: dict, sheet: str, row: int) -> list[RowError]:
    """Values longer than their database column: a clear message instead of a failed save."""
    errors = []
    for key, (label, limit) in limits.items():
        if len(_text(values, columns[key])) > limit:
            errors.append(
                RowError(
                    sheet,
                    row,
                    _("%(column)s får vara högst %(limit)d tecken.")
                    % {"column": label, "limit": limit},
                )
            )
    return errors


def _codes(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in LIST_SEPARATORS.split(text) if part.strip())


def _missing_columns(sheet: str, missing: list[str]) -> RowError:
    return RowError(sheet, 1, format_html("{} {}", _("Kolumner saknas:"), headings(missing)))


def plan_units(dataset: tablib.Dataset, errors: list[RowError]) -> list[UnitRow]:
    sheet = _("Enheter")
    columns = _columns(dataset, UNIT_COLUMNS, sheet, errors)
    missing = [UNIT_COLUMNS[k][0] for k in ("code", "name", "kind") if columns[k] is None]
    if missing:
        errors.append(_missing_columns(sheet, missing))
        return []
    db_paths = dict(OrgUnit.objects.values_list("code", "path"))
    known = set(db_paths)
    rows, seen = [], {}
    limits = {
        "code": (_("Kod"), OrgUnit._meta.get_field("code").max_length),
        "name": (_("Namn"), OrgUnit._meta.get_field("name").max_length),
    }
    for number, values in enumerate(dataset, start=2):
        if too_long := _too_long(values, columns, limits, sheet, number):
            errors.extend(too_long)
            continue
        code, name = _text(values, columns["code"]), _text(values, columns["name"])
        kind_text, parent = _text(values, columns["kind"]).lower(), _text(values, columns["parent"])
        if not code:
            errors.append(RowError(sheet, number, _("Enhetskod saknas.")))
            continue
        if code in seen:
            errors.append(
                RowError(
                    sheet,
                    number,
                    _("Enhetskoden %(code)s finns redan på rad %(row)d.")
                    % {"code": code, "row": seen[code]},
                )
            )
            continue
        seen[code] = number
        if not name:
            errors.append(
                RowError(sheet, number, _("Namn saknas för enheten %(code)s.") % {"code": code})
            )
        if kind_text not in KINDS:
            # The translated sentence is trusted HTML; the type from the file is escaped.
            message = mark_safe(  # noqa: S308
                _("Okänd typ ”%(kind)s”. Använd en av: %(kinds)s.")
                % {"kind": escape(kind_text), "kinds": headings(_kind_names())}
            )
            errors.append(RowError(sheet, number, message))
        rows.append(UnitRow(number, code, name, KINDS.get(kind_text, ""), parent))
    in_file = {row.code: row for row in rows}
    for row in rows:
        if row.parent and row.parent not in in_file and row.parent not in known:
            errors.append(
                RowError(
                    sheet,
                    row.row,
                    _("Överordnad enhet %(code)s finns inte.") % {"code": row.parent},
                )
            )
        # Moving an existing unit below one of its own descendants in the database.
        own, new_parent = db_paths.get(row.code), db_paths.get(row.parent)
        if own and new_parent and new_parent.startswith(own):
            errors.append(
                RowError(
                    sheet,
                    row.row,
                    _("Enheten %(code)s kan inte flyttas in under sin egen underenhet %(parent)s.")
                    % {"code": row.code, "parent": row.parent},
                )
            )
        # Follow the parents within the file: coming back to the start is a cycle.
        seen_codes, current = {row.code}, in_file.get(row.parent)
        while current is not None:
            if current.code in seen_codes:
                errors.append(
                    RowError(
                        sheet,
                        row.row,
                        _(
                            "Enheten %(code)s ligger under sig själv "
                            "(en cirkel av överordnade enheter)."
                        )
                        % {"code": row.code},
                    )
                )
                break
            seen_codes.add(current.code)
            current = in_file.get(current.parent)
    return rows


def plan_employees(
    dataset: tablib.Dataset, errors: list[RowError], unit_codes: set[str], numbers: set[str]
) -> list[EmployeeRow] | None:
    """Valid rows, or None when the columns themselves are missing."""
    sheet = _("Personal")
    columns = _columns(dataset, EMPLOYEE_COLUMNS, sheet, errors)
    missing = [EMPLOYEE_COLUMNS[k][0] for k in REQUIRED_EMPLOYEE_COLUMNS if columns[k] is None]
    if missing:
        errors.append(_missing_columns(sheet, missing))
        return None
    User = get_user_model()
    # Accounts the import must not touch: an administrator's e-mail changed by a file would
    # let its author reset that administrator's password.
    protected = set(
        Employee.objects.with_protected_account().values_list("employee_number", flat=True)
    )
    # A pseudonymised leaver's number is a pseudonym ("X-…"), matched by nothing: a row with
    # it would otherwise take over the leaver's history.
    pseudonymised = set(
        Employee.objects.filter(pseudonymised_at__isnull=False).values_list(
            "employee_number", flat=True
        )
    )
    usernames = set(User.objects.values_list("username", flat=True))
    own_username = dict(Employee.objects.values_list("employee_number", "user__username"))
    email_owners = dict(Employee.objects.values_list("user__email", "employee_number"))
    seen_emails: dict[str, int] = {}
    role_lookup = {}
    for role in Role.objects.all():
        role_lookup[role.code.lower()] = role.code
        role_lookup[role.name.lower()] = role.code
    limits = {
        "employee_number": (
            _("Anställningsnummer"),
            Employee._meta.get_field("employee_number").max_length,
        ),
        "first_name": (_("Förnamn"), User._meta.get_field("first_name").max_length),
        "last_name": (_("Efternamn"), User._meta.get_field("last_name").max_length),
        "email": (_("E-post"), User._meta.get_field("email").max_length),
        "unit_code": (_("Enhetskod"), OrgUnit._meta.get_field("code").max_length),
    }
    rows, seen = [], {}
    for number, values in enumerate(dataset, start=2):
        if too_long := _too_long(values, columns, limits, sheet, number):
            errors.extend(too_long)
            numbers.add(_text(values, columns["employee_number"]))
            continue
        row_errors: list[RowError] = []
        employee_number = _text(values, columns["employee_number"])
        email = _text(values, columns["email"]).lower()
        unit_code = _text(values, columns["unit_code"])
        if not employee_number:
            errors.append(RowError(sheet, number, _("Anställningsnummer saknas.")))
            continue
        if employee_number in seen:
            errors.append(
                RowError(
                    sheet,
                    number,
                    _("Anställningsnumret %(number)s finns redan på rad %(row)d.")
                    % {"number": employee_number, "row": seen[employee_number]},
                )
            )
            continue
        seen[employee_number] = number
        numbers.add(employee_number)
        if employee_number in protected:
            errors.append(
                RowError(
                    sheet,
                    number,
                    _(
                        "Kontot har administratörsbehörighet och ändras inte av importen; "
                        "ändra det för hand."
                    ),
                )
            )
            continue
        if employee_number in pseudonymised:
            errors.append(
                RowError(
                    sheet,
                    number,
                    _(
                        "Anställningsnumret %(number)s tillhör en person som har slutat och "
                        "pseudonymiserats; använd personens riktiga anställningsnummer."
                    )
                    % {"number": employee_number},
                )
            )
            continue
        if employee_number in usernames and own_username.get(employee_number) != employee_number:
            errors.append(
                RowError(
                    sheet,
                    number,
                    _("Användarnamnet %(number)s används redan av ett annat konto.")
                    % {"number": employee_number},
                )
            )
            continue
        try:
            validate_email(email)
        except ValidationError:
            row_errors.append(
                RowError(
                    sheet, number, _("”%(email)s” är ingen giltig e-postadress.") % {"email": email}
                )
            )
        if email in seen_emails:
            row_errors.append(
                RowError(
                    sheet,
                    number,
                    _("E-postadressen finns redan på rad %(row)d.") % {"row": seen_emails[email]},
                )
            )
        elif email_owners.get(email, employee_number) != employee_number:
            row_errors.append(
                RowError(sheet, number, _("E-postadressen används redan av en annan anställd."))
            )
        seen_emails.setdefault(email, number)
        if unit_code not in unit_codes:
            row_errors.append(
                RowError(
                    sheet, number, _("Enheten %(code)s finns inte.") % {"code": unit_code or "–"}
                )
            )
        roles = set()
        for text in _codes(_text(values, columns["roles"])):
            if text.lower() in role_lookup:
                roles.add(role_lookup[text.lower()])
            else:
                row_errors.append(
                    RowError(sheet, number, _("Rollen ”%(role)s” finns inte.") % {"role": text})
                )
        manages = _codes(_text(values, columns["manages"]))
        for code in manages - unit_codes:
            # The translated sentence is trusted HTML; the code from the file is escaped.
            message = mark_safe(  # noqa: S308
                _("Enheten %(code)s i kolumnen ”%(column)s” finns inte.")
                % {"code": escape(code), "column": headings([EMPLOYEE_COLUMNS["manages"][0]])}
            )
            row_errors.append(RowError(sheet, number, message))
        start = _date(
            values, columns["start_date"], _("Anställningsdatum"), sheet, number, row_errors
        )
        end = _date(values, columns["end_date"], _("Slutdatum"), sheet, number, row_errors)
        if start and end and end < start:
            row_errors.append(RowError(sheet, number, _("Slutdatum är före anställningsdatum.")))
        if not _text(values, columns["first_name"]) or not _text(values, columns["last_name"]):
            row_errors.append(RowError(sheet, number, _("För- och efternamn behövs.")))
        errors.extend(row_errors)
        if row_errors:
            continue
        rows.append(EmployeeRow(
            number, employee_number, _text(values, columns["first_name"]),
            _text(values, columns["last_name"]), email, unit_code, frozenset(roles),
            manages, start, end,
        ))  # fmt: skip
    return rows


def plan_import(
    employees: tablib.Dataset, units: tablib.Dataset | None = None, *, full: bool = False
) -> ImportPlan:
    """Check every row and say what would be done; writes nothing."""
    plan = ImportPlan(full=full)
    if units is not None:
        plan.units = plan_units(units, plan.errors)
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True)) | {u.code for u in plan.units}
    rows = plan_employees(employees, plan.errors, unit_codes, plan.numbers_in_file)
    plan.employees = rows or []
    # Without the columns nothing is known; with a broken units file the tree is unknown.
    plan.blocking = rows is None or any(error.sheet == _("Enheter") for error in plan.errors)
    return plan


def _apply_units(plan: ImportPlan, result: ImportResult) -> None:
    existing = {unit.code: unit for unit in OrgUnit.objects.all()}
    pending = list(plan.units)
    # Parents before children: keep passing over the rows until all are placed.
    while pending:
        progressed = False
        for row in list(pending):
            if row.parent and row.parent not in existing:
                continue
            unit = existing.get(row.code)
            parent = existing.get(row.parent) if row.parent else None
            if unit is None:
                new = OrgUnit(code=row.code, name=row.name, kind=row.kind)
                unit = parent.add_child(instance=new) if parent else OrgUnit.add_root(instance=new)
                if parent:
                    parent.refresh_from_db()
                result.units_created += 1
            else:
                changed = (unit.name, unit.kind) != (row.name, row.kind)
                if changed:
                    unit.name, unit.kind = row.name, row.kind
                    unit.save(update_fields=["name", "kind"])
                current_parent = unit.get_parent()
                if (current_parent.code if current_parent else "") != (row.parent or ""):
                    if parent is None:
                        unit.move(OrgUnit.get_first_root_node(), pos="last-sibling")
                    else:
                        unit.move(parent, pos="last-child")
                    changed = True
                    existing = {u.code: u for u in OrgUnit.objects.all()}
                    unit = existing[row.code]
                    # Rules follow unit subtrees: everyone below a moved unit is re-checked.
                    result.changed_employee_ids.update(
                        Employee.objects.in_subtree(unit).values_list("pk", flat=True)
                    )
                result.units_updated += int(changed)
            existing[row.code] = unit
            pending.remove(row)
            progressed = True
        if not progressed:  # cannot happen after planning; guards against an endless loop
            raise ValueError("unit rows with unknown parents")


def _apply_employees(plan: ImportPlan, result: ImportResult) -> None:
    User = get_user_model()
    today = timezone.localdate()
    units = dict(OrgUnit.objects.values_list("code", "pk"))
    roles = dict(Role.objects.values_list("code", "pk"))
    existing = {
        e.employee_number: e for e in Employee.objects.not_pseudonymised().select_related("user")
    }
    # Read the relation tables whole: far cheaper than prefetching by 50,000 ids.
    current_roles: dict[int, set[int]] = {}
    for employee_id, role_id in Employee.roles.through.objects.values_list(
        "employee_id", "role_id"
    ):
        current_roles.setdefault(employee_id, set()).add(role_id)
    current_manages: dict[int, set[int]] = {}
    for employee_id, unit_id in Employee.manages.through.objects.values_list(
        "employee_id", "orgunit_id"
    ):
        current_manages.setdefault(employee_id, set()).add(unit_id)
    new_rows, changed_users, changed_employees, m2m_changes = [], [], [], []
    for row in plan.employees:
        employee = existing.get(row.employee_number)
        if employee is None:
            new_rows.append(row)
            continue
        user, changed = employee.user, False
        # A returning employee's account opens again; an account an administrator closed
        # while the employee stayed active stays closed: a file does not overrule that.
        user_active = user.is_active if employee.is_active else True
        user_values = (row.first_name, row.last_name, row.email, user_active)
        if (user.first_name, user.last_name, user.email, user.is_active) != user_values:
            user.first_name, user.last_name, user.email, user.is_active = user_values
            changed_users.append(user)
            changed = True
        values = (units[row.unit_code], row.start_date or employee.start_date, row.end_date, True)
        current = (employee.org_unit_id, employee.start_date, employee.end_date, employee.is_active)
        if current != values:
            employee.org_unit_id, employee.start_date, employee.end_date, employee.is_active = (
                values
            )
            # In the register again: retention no longer counts from the old deactivation.
            employee.deactivated_at = None
            changed_employees.append(employee)
            changed = True
        role_ids = {roles[code] for code in row.roles}
        manage_ids = {units[code] for code in row.manages}
        old_roles = current_roles.get(employee.pk, set())
        old_manages = current_manages.get(employee.pk, set())
        if role_ids != old_roles or manage_ids != old_manages:
            m2m_changes.append((employee, role_ids, manage_ids))
            changed = True
        if changed:
            result.updated += 1
            result.changed_employee_ids.add(employee.pk)
        else:
            result.unchanged += 1

    User.objects.bulk_update(
        changed_users, ["first_name", "last_name", "email", "is_active"], batch_size=2000
    )
    Employee.objects.bulk_update(
        changed_employees,
        ["org_unit", "start_date", "end_date", "is_active", "deactivated_at"],
        batch_size=2000,
    )

    # New people: users first (unusable passwords: they sign in through the organisation).
    users = User.objects.bulk_create(
        [User(username=row.employee_number, first_name=row.first_name, last_name=row.last_name,
              email=row.email, password=UNUSABLE_PASSWORD) for row in new_rows],
        batch_size=2000,
    )  # fmt: skip
    if users and users[0].pk is None:  # backends without RETURNING
        by_name = dict(
            User.objects.filter(username__in=[r.employee_number for r in new_rows]).values_list(
                "username", "pk"
            )
        )
        for user in users:
            user.pk = by_name[user.username]
    created = Employee.objects.bulk_create(
        [Employee(user=user, employee_number=row.employee_number, org_unit_id=units[row.unit_code],
                  start_date=row.start_date or today, end_date=row.end_date)
         for user, row in zip(users, new_rows, strict=True)],
        batch_size=2000,
    )  # fmt: skip
    for employee, row in zip(created, new_rows, strict=True):
        m2m_changes.append(
            (employee, {roles[c] for c in row.roles}, {units[c] for c in row.manages})
        )
        result.changed_employee_ids.add(employee.pk)
    result.created = len(created)

    Roles, Manages = Employee.roles.through, Employee.manages.through
    changed_ids = [employee.pk for employee, _, _ in m2m_changes]
    Roles.objects.filter(employee_id__in=changed_ids).delete()
    Manages.objects.filter(employee_id__in=changed_ids).delete()
    Roles.objects.bulk_create(
        [Roles(employee_id=e.pk, role_id=r) for e, rs, _ in m2m_changes for r in rs],
        batch_size=5000,
    )
    Manages.objects.bulk_create(
        [Manages(employee_id=e.pk, orgunit_id=u) for e, _, us in m2m_changes for u in us],
        batch_size=5000,
    )

    if plan.full:
        # People missing from a full register have left: deactivated, never deleted.
        # Accounts only an administrator may change stay as they are, missing or not.
        leaving = (
            Employee.objects.filter(is_active=True)
            .exclude(employee_number__in=plan.numbers_in_file)
            .exclude(user__in=protected_accounts())
        )
        ids = list(leaving.values_list("pk", flat=True))
        # Someone who had not started yet ends on their start date, never before it.
        Employee.objects.filter(pk__in=ids, end_date__isnull=True).update(
            end_date=Greatest(F("start_date"), Value(today))
        )
        Employee.objects.filter(pk__in=ids).deactivate(today)
        User.objects.filter(employee__pk__in=ids).update(is_active=False)
        result.deactivated = len(ids)
        result.changed_employee_ids.update(ids)


class _DryRun(Exception):
    pass


def apply_plan(
    plan: ImportPlan, *, valid_only: bool = False, dry_run: bool = False
) -> ImportResult:
    """Write the plan. With errors, nothing is written unless valid_only says to skip those rows."""
    if plan.blocking:
        raise ValueError("The file's columns or units are wrong; nothing can be imported.")
    if plan.has_errors and not valid_only:
        raise ValueError("The plan has errors; fix the file or import only the valid rows.")
    result = ImportResult(
        dry_run=dry_run, skipped_rows=len({(e.sheet, e.row) for e in plan.errors})
    )
    try:
        with transaction.atomic():
            _apply_units(plan, result)
            _apply_employees(plan, result)
            # Apps built on people (courses keeps compliance) react to changed employees.
            employees_changed(employee_ids=result.changed_employee_ids)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result
