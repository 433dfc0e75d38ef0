"""`manage.py run_scheduler`: start each scheduled job when it is due, for as long as it runs.

Run one per app server, or one per installation, or several: each job still runs once per
period (the unique JobRun row, see jobs.runner). Due jobs start in threads of their own, so a
long retention run does not hold back publishing scheduled pages. Stops on SIGTERM/SIGINT after
the jobs under way finish.
"""

import logging
import signal
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from jobs.runner import claim, due, execute
from jobs.schedule import jobs

logger = logging.getLogger("jobs.scheduler")


class Command(BaseCommand):
    help = (
        "Starta de schemalagda jobben när de ska köras "
        "(en gång per period, även med flera schemaläggare)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Sekunder mellan kontrollerna (standard: SCHEDULER_INTERVAL_SECONDS).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Starta det som är dags nu, vänta tills det är klart och avsluta.",
        )

    def handle(self, *args, interval=None, once=False, **options):
        interval = interval if interval is not None else settings.SCHEDULER_INTERVAL_SECONDS
        names = ", ".join(f"{job.name} ({job.when.describe()})" for job in jobs())
        self.stdout.write(f"Schemaläggaren startar: {names}")
        busy: set[str] = set()
        lock = threading.Lock()

        def work(item, *, in_thread=True):
            try:
                run = claim(item.job, item.period)
                if run is not None:
                    run = execute(item.job, run)
                    logger.info(
                        "Job %s (%s): %s %s", item.job.name, item.period, run.status, run.result
                    )
            except Exception:
                logger.exception("Job %s (%s) could not be run", item.job.name, item.period)
            finally:
                if in_thread:
                    connection.close()
                with lock:
                    busy.discard(item.job.name)

        if once:
            # One pass in this thread, one job after the other (for a timer, or to try it out).
            for item in due():
                busy.add(item.job.name)
                work(item, in_thread=False)
            return

        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        with ThreadPoolExecutor(max_workers=len(jobs()), thread_name_prefix="job") as pool:
            while not stop.is_set():
                close_old_connections()
                try:
                    pending = due()
                except Exception:
                    # The database is away: try again at the next tick rather than exit.
                    logger.exception("Scheduler could not read the job runs")
                    pending = []
                for item in pending:
                    with lock:
                        if item.job.name in busy:
                            continue
                        busy.add(item.job.name)
                    pool.submit(work, item)
                stop.wait(interval)
        close_old_connections()
        self.stdout.write("Schemaläggaren har stannat.")
