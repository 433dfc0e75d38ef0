"""`manage.py run_job NAME [--day YYYY-MM-DD]`: run one scheduled job now, at most once per period.

For cron, systemd timers or a Kubernetes CronJob instead of `run_scheduler`: several of them
may start the same job at once and it still runs once (jobs.runner.claim).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobs.models import JobRun
from jobs.runner import run_once
from jobs.schedule import get_job, jobs


class Command(BaseCommand):
    help = "Kör ett schemalagt jobb nu, högst en gång per period (för cron och liknande)."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="Jobbets namn (se --list).")
        parser.add_argument(
            "--day",
            help="Kör ett dagligt jobb för denna dag (ÅÅÅÅ-MM-DD) i stället för i dag.",
        )
        parser.add_argument("--list", action="store_true", help="Visa de schemalagda jobben.")

    def handle(self, *args, name=None, day=None, list=False, **options):  # noqa: A002
        if list or not name:
            for job in jobs():
                self.stdout.write(f"{job.name}\t{job.when.describe()}\t{job.callable_path}")
            if not list:
                raise CommandError("Ange ett jobbnamn.")
            return
        try:
            job = get_job(name)
        except KeyError as error:
            names = ", ".join(job.name for job in jobs())
            raise CommandError(f"Okänt jobb: {name}. Jobben är: {names}") from error
        now = timezone.now()
        if day is not None:
            if not job.daily:
                raise CommandError(
                    f"--day gäller bara dagliga jobb; {name} körs {job.when.describe()}."
                )
            try:
                period = date.fromisoformat(day).isoformat()
            except ValueError as error:
                raise CommandError(f"Ogiltigt datum: {day}") from error
        elif job.daily:
            # Run by hand or by a timer, a daily job counts for today whatever the hour.
            period = timezone.localdate(now).isoformat()
        else:
            period = job.period(now)
        run = run_once(job, period, now=now)
        if run is None:
            existing = JobRun.objects.filter(job=name, period=period).first()
            state = existing.get_status_display() if existing else "?"
            self.stdout.write(f"{name} {period}: redan kört eller pågår ({state}); gör inget.")
            return
        if run.status == JobRun.Status.FAILED:
            raise CommandError(f"{name} {period} misslyckades:\n{run.error}")
        self.stdout.write(f"{name} {period}: klart {run.result}")
