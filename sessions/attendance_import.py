"""Matching an attendance list (e.g. a video meeting's export) to employees, before saving."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from people.models import Employee
from people.tabular import UnreadableFile, find_column, read_table

EMAIL_HEADERS = ("e-post", "epost", "e-postadress", "email", "e-mail", "mejl")
NAME_HEADERS = ("namn", "name", "deltagare", "participant", "fullständigt namn", "full name")


@dataclass
class ImportRow:
    number: int
    name: str
    email: str
    employee: Employee | None = None
    problem: str = ""


@dataclass
class AttendanceMatch:
    matched: list[ImportRow] = field(default_factory=list)
    unmatched: list[ImportRow] = field(default_factory=list)


def match_attendance_file(name: str, data: bytes) -> AttendanceMatch:
    """Read the file and match each row by e-mail, or by full name when it is unique."""
    dataset = read_table(name, data)
    email_column = find_column(dataset, *EMAIL_HEADERS)
    name_column = find_column(dataset, *NAME_HEADERS)
    if email_column is None and name_column is None:
        raise UnreadableFile(_("Filen behöver en kolumn med e-post eller namn."))

    rows = []
    for number, values in enumerate(dataset, start=2):  # row 1 is the header
        email = str(values[email_column] or "").strip().lower() if email_column is not None else ""
        person = str(values[name_column] or "").strip() if name_column is not None else ""
        rows.append(ImportRow(number=number, name=person, email=email))

    emails = {row.email for row in rows if row.email}
    names = {row.name.lower() for row in rows if row.name}
    active = Employee.objects.filter(is_active=True).select_related("user")
    by_email = {e.user.email.lower(): e for e in active.filter(user__email__in=emails)}
    # SQLite's lower() folds only ASCII, so names are compared in Python: the database narrows
    # the candidates by last name (as written and capitalised), Python compares full names.
    last_names = {
        variant
        for row in rows
        if row.name
        for variant in (row.name.split()[-1], row.name.split()[-1].capitalize())
    }
    by_name: dict[str, list[Employee]] = {}
    for employee in active.filter(user__last_name__in=last_names):
        full = f"{employee.user.first_name} {employee.user.last_name}".strip().lower()
        if full in names:
            by_name.setdefault(full, []).append(employee)

    result, seen = AttendanceMatch(), {}
    for row in rows:
        if not row.email and not row.name:
            row.problem = _("Raden saknar både e-post och namn.")
        elif row.email and row.email in by_email:
            row.employee = by_email[row.email]
        elif row.name and len(by_name.get(row.name.lower(), [])) == 1:
            row.employee = by_name[row.name.lower()][0]
        elif row.name and len(by_name.get(row.name.lower(), [])) > 1:
            row.problem = _("Flera anställda heter så; lägg till personen för hand.")
        else:
            row.problem = _("Ingen aktiv anställd med den e-postadressen eller det namnet.")
        if row.employee is not None and row.employee.pk in seen:
            row.problem = _("Samma person som på rad %(row)d.") % {"row": seen[row.employee.pk]}
            row.employee = None
        if row.employee is not None:
            seen[row.employee.pk] = row.number
            result.matched.append(row)
        else:
            result.unmatched.append(row)
    return result
