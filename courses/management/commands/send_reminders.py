from datetime import date

from django.core.management.base import BaseCommand, CommandError

from courses.reminders import send_reminders
from courses.tasks import send_reminders_task


class Command(BaseCommand):
    help = "Today's reminders and managers' digests (the scheduler runs it daily). Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if it were this day (YYYY-MM-DD).")
        parser.add_argument(
            "--background", action="store_true", help="Queue the run for the task worker."
        )

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as error:
            raise CommandError("--date ska vara ÅÅÅÅ-MM-DD.") from error
        if options["background"]:
            result = send_reminders_task.enqueue(day.isoformat() if day else None)
            self.stdout.write(f"Köad som uppgift {result.id}.")
            return
        sent = send_reminders(today=day)
        self.stdout.write(
            f"Skickade {sent['employees']} påminnelser och {sent['managers']} sammanställningar."
        )
