#!/usr/bin/env python3
"""Benchmark of the changelog and webhook paths (docs/performance.md, "Changelog and webhooks").

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ipamcore_webhooks_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/webhooks.py [--smoke]

It runs Django in this process against the given database (migrated here; every table it
writes to is emptied first, so give it a database of its own) and Redis (its database is
flushed), and starts real RQ worker and sweeper processes and an HTTP receiver on
127.0.0.1 for the delivery phases.

1. Bulk create and bulk delete of sites through the REST viewsets (in-process test client,
   no HTTP server): without any event rule, then with a rule subscribed to the events.
   Each batch reports its total time and the time spent in changelog recording
   (snapshots and the ObjectChange INSERT) and in the outbox (rules, serialization,
   the delivery INSERT).
2. Delivery throughput: a burst of bulk-created sites, each event sent to the receiver;
   events/s from the first commit to the last arrival.
3. Delivery delay: single creates at a steady pace; the delay from each request's
   return (its commit) to the event's arrival at the receiver, p50/p95.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipamcore.settings")


# --- timing of the changelog and outbox inside a request -------------------------------


class Timers:
    """Accumulates the time spent in wrapped functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, timed)

    def take(self) -> dict[str, float]:
        taken, self.seconds = self.seconds, {}
        return taken


def instrument() -> Timers:
    from extras import events
    from ipamcore import changelog
    from ipamcore.models import ObjectChange

    timers = Timers()
    timers.wrap(changelog, "snapshot_many", "changelog")
    timers.wrap(ObjectChange.objects, "bulk_create", "changelog")
    timers.wrap(events, "record", "outbox")
    return timers


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- phase 1: bulk writes ------------------------------------------------------------


def bulk_phase(client: Any, timers: Timers, batches: int, size: int, tag: str) -> dict[str, Any]:
    create_ms, delete_ms, parts = [], [], {"create": [], "delete": []}
    for batch in range(batches):
        payload = [
            {"name": f"{tag}-{batch}-{n}", "slug": f"{tag}-{batch}-{n}"} for n in range(size)
        ]
        timers.take()
        start = time.perf_counter()
        response = client.post("/api/dcim/sites/", payload, format="json")
        create_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 201, response.content[:300]
        parts["create"].append(timers.take())
        ids = [{"id": site["id"]} for site in response.json()]
        start = time.perf_counter()
        response = client.delete("/api/dcim/sites/", ids, format="json")
        delete_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 204
        parts["delete"].append(timers.take())

    def summary(samples: list[float], split: list[dict[str, float]]) -> dict[str, Any]:
        per_thousand = 1000 / size
        return {
            "ms_per_1000": round(statistics.median(samples) * per_thousand, 1),
            "changelog_ms_per_1000": round(
                statistics.median(s.get("changelog", 0) * 1000 for s in split) * per_thousand, 1
            ),
            "outbox_ms_per_1000": round(
                statistics.median(s.get("outbox", 0) * 1000 for s in split) * per_thousand, 1
            ),
        }

    return {
        "create": summary(create_ms, parts["create"]),
        "delete": summary(delete_ms, parts["delete"]),
    }


# --- phases 2 and 3: deliveries --------------------------------------------------------


class Receiver:
    """Records the arrival time of each event (by site id) on 127.0.0.1."""

    def __init__(self) -> None:
        self.arrivals: dict[int, float] = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                arrived = time.time()
                site_id = json.loads(body)["data"]["id"]
                with receiver.lock:
                    receiver.arrivals.setdefault(site_id, arrived)
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)


@contextmanager
def background(workers: int) -> Iterator[None]:
    env = {**os.environ, "DATABASE_CONN_MAX_AGE": "0"}
    commands = [["rqworker", "default"]] * workers + [["eventsweeper"]]
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for command in commands
    ]
    try:
        # Timing starts when the workers listen, not while they boot.
        wait_for(lambda: workers_running() >= workers, timeout=120)
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(30)


def workers_running() -> int:
    from ipamcore.api.views import rq_workers_running

    return rq_workers_running()


def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for deliveries")
        time.sleep(0.02)


def burst_phase(client: Any, receiver: Receiver, batches: int, size: int) -> dict[str, Any]:
    first_commit = None
    for batch in range(batches):
        payload = [{"name": f"b-{batch}-{n}", "slug": f"b-{batch}-{n}"} for n in range(size)]
        response = client.post("/api/dcim/sites/", payload, format="json")
        assert response.status_code == 201
        first_commit = first_commit or time.time()
    total = batches * size
    wait_for(lambda: receiver.count() >= total, timeout=600)
    seconds = max(receiver.arrivals.values()) - (first_commit or 0)
    return {"events": total, "seconds": round(seconds, 2), "events_per_s": round(total / seconds)}


def steady_phase(client: Any, receiver: Receiver, count: int, pause: float) -> dict[str, Any]:
    committed: dict[int, float] = {}
    for n in range(count):
        response = client.post(
            "/api/dcim/sites/", {"name": f"s-{n}", "slug": f"s-{n}"}, format="json"
        )
        assert response.status_code == 201
        committed[response.json()["id"]] = time.time()
        time.sleep(pause)
    wait_for(lambda: all(pk in receiver.arrivals for pk in committed), timeout=120)
    delays = [(receiver.arrivals[pk] - at) * 1000 for pk, at in committed.items()]
    return {
        "events": count,
        "rate_per_s": round(1 / pause),
        "p50_ms": round(percentile(delays, 0.5), 1),
        "p95_ms": round(percentile(delays, 0.95), 1),
        "max_ms": round(max(delays), 1),
    }


# --- main ------------------------------------------------------------------------------


def prepare() -> Any:
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from extras.models import EventRule, Webhook, WebhookDelivery
    from ipamcore.models import ObjectChange
    from ipamcore.queueing import connection
    from users.models import User

    call_command("migrate", verbosity=0)
    connection("default").flushdb()
    from dcim.models import Site

    for model in (WebhookDelivery, EventRule, Webhook, ObjectChange, Site):
        model.objects.all().delete()
    user, _ = User.objects.get_or_create(username="bench", defaults={"is_superuser": True})
    client = APIClient()
    client.force_authenticate(user)
    return client


def subscribe(url: str) -> None:
    from django.contrib.contenttypes.models import ContentType

    from dcim.models import Site
    from extras.models import EventRule, Webhook

    webhook = Webhook.objects.create(name="Bench receiver", payload_url=url, secret="bench")
    rule = EventRule.objects.create(
        name="Bench sites",
        event_types=["object_created", "object_deleted"],
        action_object_type=ContentType.objects.get_for_model(Webhook),
        action_object_id=webhook.pk,
    )
    rule.object_types.set([ContentType.objects.get_for_model(Site)])


def unsubscribe() -> None:
    from extras.models import EventRule, Webhook, WebhookDelivery

    EventRule.objects.all().delete()
    Webhook.objects.all().delete()
    WebhookDelivery.objects.all().delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, a quick check")
    parser.add_argument("--workers", type=int, default=2, help="RQ worker processes")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        parser.error("set DATABASE_URL and REDIS_URL to a database and Redis of its own")
    batches, size = (2, 100) if args.smoke else (5, 1000)

    client = prepare()
    timers = instrument()
    results: dict[str, Any] = {"batch_size": size, "batches": batches, "workers": args.workers}
    results["bulk_without_rule"] = bulk_phase(client, timers, batches, size, "plain")
    receiver = Receiver()
    subscribe(receiver.url)
    # Deliveries of this phase go nowhere yet: no worker runs; they are dropped after.
    results["bulk_with_rule"] = bulk_phase(client, timers, batches, size, "subscribed")
    unsubscribe()
    subscribe(receiver.url)
    with background(args.workers):
        results["delivery_burst"] = burst_phase(client, receiver, batches, size)
        results["delivery_steady"] = steady_phase(
            client, receiver, 20 if args.smoke else 200, pause=0.05
        )
    unsubscribe()
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
