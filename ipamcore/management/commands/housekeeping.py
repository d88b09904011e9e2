"""`manage.py housekeeping`: periodic clean-up, run daily by the compose file's
housekeeping service (or cron). Safe to run at any time and as often as wanted.

Each task is a function of the current time returning how many rows it removed;
changelog retention and finished jobs join TASKS when those models exist.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from users.models import Token


def delete_expired_tokens(now: datetime) -> int:
    deleted, _ = Token.objects.filter(expires__lt=now).delete()
    return deleted


def delete_expired_sessions(now: datetime) -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


TASKS: list[tuple[str, Callable[[datetime], int]]] = [
    ("expired API tokens", delete_expired_tokens),
    ("expired login sessions", delete_expired_sessions),
]


class Command(BaseCommand):
    help = "Delete expired API tokens and login sessions (run it daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for label, task in TASKS:
            self.stdout.write(f"{label}: {task(now)} deleted")
