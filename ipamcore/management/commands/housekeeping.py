"""`manage.py housekeeping`: remove what has outlived its retention (docs/webhooks.md,
docs/configuration.md). Safe to run at any time and as often as wanted (daily is typical)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import QuerySet
from django.utils import timezone

from extras.choices import DeliveryStatusChoices
from extras.models import WebhookDelivery
from ipamcore.changelog import change_context
from ipamcore.jobs import run_job
from ipamcore.models import FINISHED_JOB_STATUSES, Job, ObjectChange
from users.models import Token


def older_than(queryset: QuerySet, field: str, days: int) -> int:
    """Delete rows whose `field` is more than `days` days old; 0 days keeps everything."""
    if days <= 0:
        return 0
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = queryset.filter(**{f"{field}__lt": cutoff}).delete()
    return deleted


def clean_up(current_job: Job) -> dict[str, int]:
    finished_deliveries = WebhookDelivery.objects.filter(
        status__in=(DeliveryStatusChoices.DELIVERED, DeliveryStatusChoices.FAILED)
    )
    finished_jobs = Job.objects.filter(status__in=FINISHED_JOB_STATUSES).exclude(pk=current_job.pk)
    expired_tokens, _ = Token.objects.filter(expires__lt=timezone.now()).delete()
    return {
        "object_changes": older_than(
            ObjectChange.objects.all(), "time", settings.CHANGELOG_RETENTION
        ),
        "expired_tokens": expired_tokens,
        "jobs": older_than(finished_jobs, "completed", settings.JOB_RETENTION),
        "webhook_deliveries": older_than(
            finished_deliveries, "finished_at", settings.WEBHOOK_DELIVERY_RETENTION
        ),
    }


class Command(BaseCommand):
    help = (
        "Remove changelog records older than CHANGELOG_RETENTION days, expired API tokens, "
        "finished jobs older than JOB_RETENTION days and finished webhook deliveries older "
        "than WEBHOOK_DELIVERY_RETENTION days."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with change_context(), run_job("Housekeeping") as job:
            job.data = clean_up(job)
        for name, count in job.data.items():
            self.stdout.write(f"{name.replace('_', ' ')} removed: {count}")
