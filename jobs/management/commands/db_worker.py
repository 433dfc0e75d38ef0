"""`manage.py db_worker`: the django-tasks-db worker, beating, and recovering dead workers' tasks.

Same name and options as the library's command (this app comes before django_tasks_db in
INSTALLED_APPS, so this one answers): deployments keep calling `db_worker`. Added: a
WorkerHeartbeat row written every WORKER_HEARTBEAT_SECONDS by a thread (it keeps beating while
a long task runs), which /readyz and the admin read; and, on start and at every beat, tasks left
RUNNING by a worker that stopped beating are queued again or marked failed (jobs.recovery).
"""

import logging
import os
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

from jobs.heartbeat import Heartbeat
from jobs.recovery import record_heartbeat, recover_abandoned_tasks

logger = logging.getLogger(__name__)

# A cut connection (a database restart or failover, pg_terminate_backend) ends the library's
# loop with one of these; the worker then starts its loop again instead of exiting.
LOST_CONNECTION = (OperationalError, InterfaceError)


class Command(LibraryWorkerCommand):
    help = (
        "Run the background worker (django-tasks-db) with a heartbeat; tasks left running by a "
        "worker that died are queued again or marked failed."
    )

    def configure_logging(self, verbosity: int) -> None:
        """At the default verbosity, the levels settings.LOGGING gives: the library would set
        its loggers to INFO, a line for every task started and finished (hundreds after a page
        save or `seed_demo`), which buried everything else in `make run` and the logs. A failed
        task is still logged with its traceback. `-v 2` shows every task, `-v 0` nothing."""
        if verbosity != 1:
            super().configure_logging(verbosity)

    def handle(self, *args, **options):
        reloading_parent = (
            options["reload"]
            and not options["batch"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if reloading_parent:
            # With --reload this process only restarts a child, which beats for itself.
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        record_heartbeat(worker_id, starting=True)
        recover_abandoned_tasks(restarted_worker=worker_id)

        def beat():
            record_heartbeat(worker_id)
            recover_abandoned_tasks()

        try:
            with Heartbeat(beat, seconds=settings.WORKER_HEARTBEAT_SECONDS, name="worker-beat"):
                while True:
                    try:
                        return super().handle(*args, **options)
                    except LOST_CONNECTION:
                        logger.warning(
                            "Worker %s lost the database; starting again", worker_id, exc_info=True
                        )
                        connections.close_all()
                        time.sleep(max(options["interval"], 1))
                        # The task in hand when the connection went is this worker's to resume.
                        recover_abandoned_tasks(restarted_worker=worker_id)
        finally:
            # Stopped on purpose (SIGTERM, --batch): gone, not late; readyz says so at once.
            record_heartbeat(worker_id, stopped=True)
