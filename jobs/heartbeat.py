"""A background thread that calls `beat()` every few seconds until stopped.

Used by the worker (its WorkerHeartbeat row) and by a running scheduled job (its JobRun row):
a thread keeps beating while a long task or job holds the main thread, and stops with the
process when it dies, which is exactly what the heartbeat is meant to tell.
"""

import logging
import threading
from collections.abc import Callable

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


class Heartbeat:
    def __init__(self, beat: Callable[[], None], *, seconds: float, name: str = "heartbeat"):
        self._beat = beat
        self._seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self._seconds + 5)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self._seconds):
                try:
                    self._beat()
                except DatabaseError:
                    # The database is briefly unreachable or locked (SQLite): the next beat
                    # tries again, and a beat missed for long enough is what the watchers see.
                    logger.warning("Heartbeat failed; trying again", exc_info=True)
                    # A cut connection (a database restart, pg_terminate_backend) stays broken
                    # in this thread, which no request cycle ever closes: every later beat
                    # failed with "the connection is closed". The next beat opens a new one.
                    connection.close()
                except Exception:
                    # Anything else (a hook raising during recovery) must not end the thread:
                    # a silent worker looks dead, and its task in hand would be run again.
                    logger.exception("Heartbeat failed; trying again")
        finally:
            # The thread's own connection: Django opens one per thread and never closes it.
            connection.close()
