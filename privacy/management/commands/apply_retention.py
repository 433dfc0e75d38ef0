"""`manage.py apply_retention [--dry-run] [--day YYYY-MM-DD]`: the daily retention job."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from privacy.plan import record_types
from privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Gallra det som är äldre än gallringsplanen tillåter (daglig körning)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle gallras; ta inte bort något.",
        )
        parser.add_argument("--day", help="Räkna perioderna från denna dag (ÅÅÅÅ-MM-DD).")

    def handle(self, *args, dry_run=False, day=None, **options):
        try:
            today = date.fromisoformat(day) if day else None
        except ValueError as error:
            raise CommandError(f"Ogiltigt datum: {day}") from error
        run = apply_retention(today, dry_run=dry_run)
        verb = "skulle gallras" if dry_run else "gallrat"
        for record in record_types():
            if record.key in run.removed:
                self.stdout.write(
                    f"{record.label}: {run.removed[record.key]} {verb} "
                    f"(före {run.cutoffs[record.key][:10]})"
                )
