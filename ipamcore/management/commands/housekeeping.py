"""`manage.py housekeeping`: periodic clean-up, run daily by the compose file's
housekeeping service (or cron). Safe to run at any time and as often as wanted.

Each task is a function of the current time returning how many rows it removed.
A run is recorded as a Job ("Housekeeping") whose data holds the counts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db.models import QuerySet

from extras.choices import DeliveryStatusChoices
from extras.models import WebhookDelivery
from ipamcore.changelog import change_context
from ipamcore.jobs import run_job
from ipamcore.models import FINISHED_JOB_STATUSES, Job, ObjectChange
from users.models import Token


def delete_older(queryset: QuerySet[Any], field: str, days: int, now: datetime) -> int:
    """Delete rows whose `field` is more than `days` days old; 0 days keeps everything."""
    if days <= 0:
        return 0
    deleted, _ = queryset.filter(**{f"{field}__lt": now - timedelta(days=days)}).delete()
    return deleted


def delete_expired_tokens(now: datetime) -> int:
    deleted, _ = Token.objects.filter(expires__lt=now).delete()
    return deleted


def delete_expired_sessions(now: datetime) -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


def delete_old_changes(now: datetime) -> int:
    return delete_older(ObjectChange.objects.all(), "time", settings.CHANGELOG_RETENTION, now)


def delete_old_jobs(now: datetime) -> int:
    finished = Job.objects.filter(status__in=FINISHED_JOB_STATUSES)
    return delete_older(finished, "completed", settings.JOB_RETENTION, now)


def delete_old_deliveries(now: datetime) -> int:
    finished = WebhookDelivery.objects.filter(
        status__in=(DeliveryStatusChoices.DELIVERED, DeliveryStatusChoices.FAILED)
    )
    return delete_older(finished, "finished_at", settings.WEBHOOK_DELIVERY_RETENTION, now)


TASKS: list[tuple[str, Callable[[datetime], int]]] = [
    ("expired API tokens", delete_expired_tokens),
    ("expired login sessions", delete_expired_sessions),
    ("changelog records past CHANGELOG_RETENTION", delete_old_changes),
    ("finished jobs past JOB_RETENTION", delete_old_jobs),
    ("finished webhook deliveries past WEBHOOK_DELIVERY_RETENTION", delete_old_deliveries),
]


class Command(BaseCommand):
    help = (
        "Delete expired API tokens and login sessions, and changelog records, finished jobs "
        "and finished webhook deliveries past their retention (run it daily)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with change_context(), run_job("Housekeeping") as job:
            now = job.started
            assert now is not None  # run_job stamps it
            job.data = {label: task(now) for label, task in TASKS}
        for label, count in job.data.items():
            self.stdout.write(f"{label}: {count} deleted")
