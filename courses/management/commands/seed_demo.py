from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.demo import demo_employee_numbers, seed_demo
from courses.management.commands.demo_logins import demo_login_lines
from people.models import Employee


class Command(BaseCommand):
    help = "Build the demo organisation, people and course site. Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-logins",
            action="store_true",
            help="Run even with DEBUG off. The demo logins share a published password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_demo_logins"]:
            raise CommandError(
                "seed_demo creates logins with a published password and refuses to run with "
                "DEBUG off. Pass --allow-demo-logins if this really is a demo installation."
            )
        # DEBUG is only the settings' word: `manage.py` defaults to the dev settings, and a
        # DATABASE_URL can point them at a real register. Real people mean a real site.
        others = Employee.objects.exclude(employee_number__in=demo_employee_numbers()).count()
        if others:
            raise CommandError(
                f"seed_demo refuses to run: the database holds {others} people the demo did not "
                "create, so it is not a demo installation. Use an empty database for the demo."
            )
        result = seed_demo()
        if options["verbosity"] < 1:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {result.employees} employees."))
        for line in demo_login_lines():
            self.stdout.write(line)
