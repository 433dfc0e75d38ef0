from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Scheduled jobs that run once per period, and the background worker's health.

    Low in the house: it imports no other Vaksam app. What runs, and when, is configured in
    the project package (`vaksam/schedule.py`, named by the SCHEDULE setting).
    """

    name = "jobs"
    verbose_name = _("Schemalagda jobb")

    def ready(self):
        from django_tasks.signals import task_finished

        from jobs.recovery import announce_failed_task

        # Every failed task, whether it raised or its worker died, is told to the apps that
        # asked for it (the `task_failed` hook), so a file being built does not stay "Skapas".
        task_finished.connect(announce_failed_task, dispatch_uid="jobs.announce_failed_task")
