from django.core.management.base import BaseCommand, CommandError

from identity.invitations import invitable, invite
from people.models import Employee, OrgUnit


class Command(BaseCommand):
    help = (
        "E-mail an invitation (a one-time link to set a password) to every active employee "
        "with an e-mail address and no password yet, optionally only in one unit's subtree."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="Unit code: only employees in this unit and below it.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be invited; send nothing."
        )

    def handle(self, *args, **options):
        employees = Employee.objects.all()
        if options["unit"]:
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Det finns ingen enhet med koden {options['unit']}.")
            employees = employees.in_subtree(unit)
        result = invite(employees=invitable(employees), dry_run=options["dry_run"])
        verb = "Skulle bjudas in" if options["dry_run"] else "Inbjuden"
        for employee in result.sent:
            self.stdout.write(
                f"{verb}: {employee.full_name} ({employee.employee_number}), {employee.user.email}"
            )
        for employee, reason in result.skipped:
            self.stderr.write(
                f"Inte inbjuden: {employee.full_name} ({employee.employee_number}): {reason}"
            )
        prefix = "Provkörning, inget skickat: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{len(result.sent)} inbjudningar, {len(result.skipped)} kunde inte skickas."
        )
