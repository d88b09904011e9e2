"""Records of background work: `run_job()` wraps a piece of work in a Job row
(status, timestamps, result data, error) and emits the job events event rules
subscribe to (job_started, then job_completed or job_errored)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ipamcore.models import Job, JobStatusChoices


def emit(event_type: str, job: Job) -> None:
    from extras import events

    events.record(event_type, [job], {}, {})


@contextmanager
def run_job(name: str, obj: models.Model | None = None, user: Any = None) -> Iterator[Job]:
    """Yield a running Job; on exit it is completed, or errored with the exception text."""
    job = Job.objects.create(
        name=name,
        object_type=ContentType.objects.get_for_model(type(obj)) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
        user=user if getattr(user, "is_authenticated", False) else None,
        status=JobStatusChoices.RUNNING,
        started=timezone.now(),
        job_id=uuid.uuid4(),
    )
    emit("job_started", job)
    try:
        yield job
    except Exception as exc:
        finish(job, JobStatusChoices.ERRORED, error=f"{type(exc).__name__}: {exc}")
        emit("job_errored", job)
        raise
    finish(job, JobStatusChoices.COMPLETED)
    emit("job_completed", job)


def finish(job: Job, status: str, error: str = "") -> None:
    job.status = status
    job.error = error
    job.completed = timezone.now()
    job.save(update_fields=["status", "error", "completed", "data"])
