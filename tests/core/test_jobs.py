"""Job records and their events, the jobs endpoint, and housekeeping."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import EventRule, Webhook, WebhookDelivery
from ipamcore.jobs import run_job
from ipamcore.models import Job, ObjectChange
from users.models import Token, User


def test_run_job_records_success_and_failure(db: None) -> None:
    site = Site.objects.create(name="DC1", slug="dc1")
    with run_job("Sync", obj=site) as job:
        job.data = {"synced": 3}
    job.refresh_from_db()
    assert (job.status, job.data, job.object) == ("completed", {"synced": 3}, site)
    assert job.started is not None and job.completed >= job.started

    with pytest.raises(RuntimeError), run_job("Broken") as broken:
        raise RuntimeError("no route to host")
    broken.refresh_from_db()
    assert broken.status == "errored" and broken.error == "RuntimeError: no route to host"


def test_job_events_reach_event_rules(db: None) -> None:
    webhook = Webhook.objects.create(name="Hook", payload_url="http://127.0.0.1:9/")
    rule = EventRule.objects.create(
        name="Jobs",
        event_types=["job_started", "job_completed"],
        action_object_type=ContentType.objects.get_for_model(Webhook),
        action_object_id=webhook.pk,
    )
    rule.object_types.set([ContentType.objects.get_for_model(Job)])
    with run_job("Sync"):
        pass
    events = [d.payload["event"] for d in WebhookDelivery.objects.order_by("pk")]
    assert events == ["job_started", "job_ended"]
    assert (
        WebhookDelivery.objects.order_by("pk").last().payload["data"]["status"]["value"]
        == "completed"
    )


def test_jobs_endpoint_is_read_only(api: APIClient) -> None:
    with run_job("Sync"):
        pass
    listed = api.get("/api/core/jobs/").json()
    assert listed["count"] == 1
    job = listed["results"][0]
    assert job["name"] == "Sync" and job["status"] == {"value": "completed", "label": "Completed"}
    assert api.get("/api/core/jobs/", {"status": "errored"}).json()["count"] == 0
    assert api.post("/api/core/jobs/", {}, format="json").status_code == 405
    assert api.delete(job["url"]).status_code == 405


def age(queryset: Any, field: str, days: int) -> None:
    queryset.update(**{field: timezone.now() - datetime.timedelta(days=days)})


def test_housekeeping_applies_the_retention_settings(db: None, settings: Any) -> None:
    settings.CHANGELOG_RETENTION = 90
    settings.JOB_RETENTION = 30
    settings.WEBHOOK_DELIVERY_RETENTION = 7
    user = User.objects.create(username="u")
    Token.objects.create(user=user, expires=timezone.now() - datetime.timedelta(days=1))
    live_token = Token.objects.create(user=user)
    content_type = ContentType.objects.get_for_model(Site)
    for days in (100, 10):
        change = ObjectChange.objects.create(
            user_name="u",
            request_id="00000000-0000-0000-0000-000000000000",
            action="create",
            changed_object_type=content_type,
            changed_object_id=days,
            object_repr=str(days),
        )
        age(ObjectChange.objects.filter(pk=change.pk), "time", days)
    with run_job("Old"):
        pass
    age(Job.objects.all(), "completed", 40)
    webhook = Webhook.objects.create(name="Hook", payload_url="http://x/")
    for status in ("delivered", "failed", "pending"):
        WebhookDelivery.objects.create(
            event_id="00000000-0000-0000-0000-000000000001",
            event_type="object_created",
            object_type=content_type,
            object_id=1,
            webhook=webhook,
            payload={},
            status=status,
            finished_at=None if status == "pending" else timezone.now(),
        )
    age(WebhookDelivery.objects.exclude(status="pending"), "finished_at", 8)

    call_command("housekeeping", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(ObjectChange.objects.values_list("changed_object_id", flat=True)) == [10]
    assert list(Token.objects.all()) == [live_token]
    assert list(Job.objects.values_list("name", flat=True)) == ["Housekeeping"]
    housekeeping = Job.objects.get()
    assert housekeeping.status == "completed"
    assert housekeeping.data == {
        "expired API tokens": 1,
        "expired login sessions": 0,
        "changelog records past CHANGELOG_RETENTION": 1,
        "finished jobs past JOB_RETENTION": 1,
        "finished webhook deliveries past WEBHOOK_DELIVERY_RETENTION": 2,
    }
    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == ["pending"]


def test_zero_retention_keeps_the_changelog(db: None, settings: Any) -> None:
    settings.CHANGELOG_RETENTION = 0
    site = Site.objects.create(name="DC1", slug="dc1")
    ObjectChange.objects.create(
        user_name="u",
        request_id="00000000-0000-0000-0000-000000000000",
        action="create",
        changed_object_type=ContentType.objects.get_for_model(Site),
        changed_object_id=site.pk,
        object_repr="DC1",
    )
    age(ObjectChange.objects.all(), "time", 3650)
    call_command("housekeeping", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ObjectChange.objects.count() == 1
