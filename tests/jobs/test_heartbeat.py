"""The heartbeat thread survives a cut database connection (fault drill, issue 13)."""

import threading

from django.db import OperationalError

from jobs import heartbeat as heartbeat_module
from jobs.heartbeat import Heartbeat


def test_a_failed_beat_drops_the_threads_connection_and_the_next_beat_runs(monkeypatch):
    closed = []
    beats = []
    done = threading.Event()

    class Connection:
        @staticmethod
        def close():
            closed.append(len(beats))

    def beat():
        beats.append(1)
        if len(beats) == 1:
            raise OperationalError("terminating connection due to administrator command")
        if len(beats) == 2:
            done.set()

    monkeypatch.setattr(heartbeat_module, "connection", Connection)
    with Heartbeat(beat, seconds=0.01):
        assert done.wait(5)
    # Closed after the failed beat (so the second opens a new connection), and on stop.
    assert closed[0] == 1
    assert len(beats) >= 2
