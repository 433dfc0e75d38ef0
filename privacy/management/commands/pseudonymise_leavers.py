from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from privacy.leavers import protected_leavers, pseudonymise_leavers


class Command(BaseCommand):
    help = (
        "Pseudonymise employees who left longer ago than RETENTION_MONTHS['leavers'] (name, "
        "e-mail and number replaced, account removed; their history still counts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        count = pseudonymise_leavers(today, dry_run=options["dry_run"])
        months = settings.RETENTION_MONTHS["leavers"]
        verb = "Skulle pseudonymiseras" if options["dry_run"] else "Pseudonymiserade"
        self.stdout.write(f"{verb}: {count} (slutat för mer än {months} månader sedan).")
        protected = protected_leavers(today).count()
        if protected:
            self.stdout.write(
                f"Väntar på en administratör: {protected} med administratörsbehörighet "
                "(ta bort behörigheten, så pseudonymiseras de vid nästa körning)."
            )
