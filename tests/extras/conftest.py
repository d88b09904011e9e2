from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from tests.background import FAST_WEBHOOK_SETTINGS, Receiver, RedisServer, Services


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    """A Redis of this module's own: tests stop and start it without disturbing anyone."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def services(django_db_setup: None, redis_server: RedisServer) -> Iterator[Services]:
    """Two RQ workers and a sweeper on the test database and the private Redis; this
    process's settings point at the same Redis, with the same short timings."""
    queues = {name: {"URL": redis_server.url} for name in ("high", "default", "low")}
    with override_settings(RQ_QUEUES=queues, **FAST_WEBHOOK_SETTINGS):
        running = Services(redis_server.url)
        running.start_workers(2)
        running.start_sweeper()
        yield running
        running.stop()


@pytest.fixture
def live(services: Services, transactional_db: None) -> Iterator[Services]:
    """The services, with committed data they can see (transactional test)."""
    if not services.workers:
        services.start_workers(2)
    yield services
    if not services.workers:  # a test killed them
        services.start_workers(2)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()
