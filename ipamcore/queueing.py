"""Redis connections for the web processes' own RQ use (webhook hand-over, status).

Short timeouts and a single immediate retry (for a pooled connection that went stale
when Redis restarted): a request must not hang on an unreachable Redis. Whatever could
not be queued is picked up later (extras.webhooks.sweep).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import rq
from django.conf import settings
from redis import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from rq import Queue

_connections: dict[str, Redis] = {}


def connection(queue_name: str = "default") -> Redis:
    url = settings.RQ_QUEUES[queue_name]["URL"]
    client = _connections.get(url)
    if client is None:
        client = Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=5, retry=Retry(NoBackoff(), 1)
        )
        _connections[url] = client
    return client


def get_queue(name: str) -> Queue:
    return Queue(name, connection=connection(name))


class Worker(rq.Worker):
    """RQ's forking worker (`manage.py rqworker` uses it: settings.RQ["WORKER_CLASS"]).
    It retries a lost Redis every few seconds instead of backing off to a minute, so
    webhooks resume soon after Redis returns."""

    max_connection_wait_time = 5.0

    def work(self, *args: Any, **kwargs: Any) -> bool:
        # Import the job modules once, here: every job runs in a fork of this process,
        # which would otherwise import them (requests, jinja2, ...) again for each job.
        import_module("extras.webhooks")
        return super().work(*args, **kwargs)
