"""Session settings every database connection of the application gets."""

from __future__ import annotations

from typing import Any


def configure_session(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Runs once per new connection (connections persist for DATABASE_CONN_MAX_AGE).

    JIT off: the IP engine's statements and list pages with count annotations look
    expensive to PostgreSQL's planner, and compiling them took 0.4-3 s where running
    them takes milliseconds. Set per session, not per transaction, so no write pays a
    round trip for it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
