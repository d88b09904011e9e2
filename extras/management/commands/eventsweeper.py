"""`manage.py eventsweeper`: the outbox sweeper (docs/webhooks.md). Runs until stopped,
one pass every WEBHOOK_SWEEP_INTERVAL seconds: deliveries whose worker died go back to
pending, and every due delivery not known to be queued (Redis was down, a retry came
due, a queued job was lost) is handed to RQ. Any number may run; `--once` for cron."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from redis.exceptions import RedisError

from extras.webhooks import sweep

logger = logging.getLogger("ipamcore.webhooks")


class Command(BaseCommand):
    help = "Hand due webhook deliveries to the RQ queue and recover interrupted ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between passes (default: WEBHOOK_SWEEP_INTERVAL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self.stdout.write(f"deliveries handed over: {sweep()}")
            return
        interval = options["interval"] or settings.WEBHOOK_SWEEP_INTERVAL
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        while not stop.is_set():
            self.sweep_once()
            stop.wait(interval)

    def sweep_once(self) -> None:
        # A database or Redis outage must not end the loop: the next pass tries again.
        close_old_connections()
        try:
            sweep()
        except (DatabaseError, RedisError) as exc:
            logger.warning("Sweep failed, retrying in the next pass: %s", exc)
