from django.core.management.base import BaseCommand

from courses.compliance import recompute_compliance


class Command(BaseCommand):
    help = "Rebuild every employee's compliance status from rules, completions and activity."

    def handle(self, *args, **options):
        rows = recompute_compliance()
        self.stdout.write(f"{rows} statusrader stämmer nu.")
