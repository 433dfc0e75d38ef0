"""Sessions in the cache and the database (Django's cached_db), surviving a cut connection.

The session is saved after the view has answered, when a booking or a quiz answer is already
committed. With the database connections cut (a PostgreSQL restart or failover,
`pg_terminate_backend` in the fault drill), the first query after the cut fails, and Django's
save then turned a saved booking into a 500 (issue 13). Here a failed save is tried once more on
a new connection (what CONN_HEALTH_CHECKS does at the start of the next request); if the database
is still away, the session lives on in the cache alone (cached_db reads the cache first), logged.
"""

import logging

from django.contrib.sessions.backends import cached_db, db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError, connections, router

logger = logging.getLogger(__name__)

# A lost connection: OperationalError when the server closed it under a query, InterfaceError
# when Django's handle is already closed. Data errors (IntegrityError, ...) are not retried.
CONNECTION_ERRORS = (OperationalError, InterfaceError)


def _lost_connection(error: Exception) -> bool:
    # Django's db store reports any DatabaseError on an existing session as UpdateError ("the
    # session was deleted", a 400); the cause tells a lost connection from a deleted session.
    if isinstance(error, UpdateError):
        error = error.__context__
    return isinstance(error, CONNECTION_ERRORS)


class SessionStore(cached_db.SessionStore):
    def save(self, must_create=False):
        try:
            db.SessionStore.save(self, must_create)
        except (UpdateError, *CONNECTION_ERRORS) as error:
            if not _lost_connection(error):
                raise
            connection = connections[router.db_for_write(self.model)]
            # Outside a transaction (always, in a request: ATOMIC_REQUESTS is off) the broken
            # connection is dropped; the next query opens a new one.
            if not connection.in_atomic_block:
                connection.close()
            try:
                db.SessionStore.save(self, must_create)
            except (UpdateError, *CONNECTION_ERRORS) as again:
                if not _lost_connection(again):
                    raise
                logger.warning(
                    "Session not saved to the database (connection lost); kept in the cache only",
                    exc_info=True,
                )
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)
