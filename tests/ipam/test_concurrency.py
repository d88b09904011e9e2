"""Allocation under concurrency, against the live application (a thread per request,
each with its own database connection). No timing assertions: the waits that prove a
request is blocked are observed in pg_locks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
import requests
from django.db import connection

from ipam.models import IPAddress, Prefix
from ipam.services.hierarchy import rebuild_all
from ipam.services.locking import LockClass

pytestmark = pytest.mark.live

WAIT = 60  # seconds before giving up on something that must happen


def session(token: str) -> requests.Session:
    http = requests.Session()
    http.headers.update(Authorization=f"Bearer {token}", Accept="application/json")
    return http


def allocate_until_full(base: str, token: str, prefix_id: int) -> list[tuple[int, Any]]:
    """POST available-ips until the answer is not 201; every (status, body) seen."""
    http = session(token)
    seen = []
    while True:
        response = http.post(f"{base}/api/ipam/prefixes/{prefix_id}/available-ips/", json={})
        seen.append((response.status_code, response.json()))
        if response.status_code != 201:
            return seen


def test_16_threads_share_a_26_without_duplicates(live_url: str, live_token: str) -> None:
    prefix = Prefix.objects.create(prefix="10.20.30.0/26")
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(
            pool.map(lambda _: allocate_until_full(live_url, live_token, prefix.pk), range(16))
        )
    statuses = [status for seen in results for status, _ in seen]
    addresses = [body["address"] for seen in results for status, body in seen if status == 201]
    assert set(statuses) == {201, 409}
    assert len(addresses) == 62
    assert len(set(addresses)) == 62
    for seen in results:  # every thread ends on a clean 409
        assert seen[-1] == (
            409,
            {"detail": "Insufficient resources are available to satisfy the request"},
        )
    assert IPAddress.objects.count() == 62
    prefix.refresh_from_db()
    assert prefix._utilization == 100


@contextmanager
def holding(lock_class: LockClass, object_id: int) -> Iterator[None]:
    """Hold an advisory lock in a connection of our own, as a stuck allocation would."""
    settings = connection.settings_dict
    with (
        psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            password=settings["PASSWORD"] or None,
        ) as other,
        other.transaction(),
    ):
        other.execute("SELECT pg_advisory_xact_lock(%s, %s)", (int(lock_class), object_id))
        yield


def waiting_on(lock_class: LockClass, object_id: int) -> bool:
    """Is some backend waiting for this advisory lock?"""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
               AND NOT granted AND classid = %s AND objid = %s AND objsubid = 2)""",
            [int(lock_class), object_id],
        )
        return bool(cursor.fetchone()[0])


def eventually(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def in_background(call: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    return thread, result


def test_allocations_in_other_prefixes_do_not_wait(live_url: str, live_token: str) -> None:
    Prefix.objects.create(prefix="10.0.0.0/16", status="container")
    prefixes = [Prefix.objects.create(prefix=f"10.0.{n}.0/24") for n in range(8)]
    rebuild_all()
    blocked, others = prefixes[0], prefixes[1:]
    http = session(live_token)

    def allocate(prefix: Prefix) -> requests.Response:
        return http.post(f"{live_url}/api/ipam/prefixes/{prefix.pk}/available-ips/", json={})

    with holding(LockClass.PREFIX, blocked.pk):
        stuck, stuck_result = in_background(lambda: allocate(blocked))
        eventually(lambda: waiting_on(LockClass.PREFIX, blocked.pk))
        # Seven allocations in the sibling prefixes, at once, while the first one waits.
        with ThreadPoolExecutor(max_workers=7) as pool:
            answers = list(
                pool.map(
                    lambda p: session(live_token).post(
                        f"{live_url}/api/ipam/prefixes/{p.pk}/available-ips/", json={}
                    ),
                    others,
                )
            )
        assert [answer.status_code for answer in answers] == [201] * 7
        assert stuck.is_alive() and not stuck_result
        assert waiting_on(LockClass.PREFIX, blocked.pk)
    stuck.join(WAIT)
    assert stuck_result[0].status_code == 201
    assert stuck_result[0].json()["address"] == "10.0.0.1/24"


def test_allocations_inside_a_held_prefix_wait(live_url: str, live_token: str) -> None:
    """The other side: a prefix nested in a held one, and manual IP writes, do wait."""
    outer = Prefix.objects.create(prefix="10.1.0.0/16")
    inner = Prefix.objects.create(prefix="10.1.2.0/24")
    rebuild_all()
    http = session(live_token)
    with holding(LockClass.PREFIX, outer.pk):
        nested, nested_result = in_background(
            lambda: http.post(f"{live_url}/api/ipam/prefixes/{inner.pk}/available-ips/", json={})
        )
        manual, manual_result = in_background(
            lambda: session(live_token).post(
                f"{live_url}/api/ipam/ip-addresses/", json={"address": "10.1.9.9/16"}
            )
        )
        eventually(lambda: _waiters(LockClass.PREFIX, outer.pk) == 2)
        assert not nested_result and not manual_result
    nested.join(WAIT)
    manual.join(WAIT)
    assert nested_result[0].status_code == 201
    assert manual_result[0].status_code == 201


def _waiters(lock_class: LockClass, object_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
               AND classid = %s AND objid = %s AND objsubid = 2""",
            [int(lock_class), object_id],
        )
        return int(cursor.fetchone()[0])


def test_idempotency_key_retries_return_the_first_allocation(
    live_url: str, live_token: str
) -> None:
    prefix = Prefix.objects.create(prefix="192.0.2.0/24")
    target = f"{live_url}/api/ipam/prefixes/{prefix.pk}/available-ips/"

    def attempt(_: int) -> requests.Response:
        return session(live_token).post(
            target, json={"description": "vm-1"}, headers={"Idempotency-Key": "vm-1-nic-0"}
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(attempt, range(4)))
    answers.append(attempt(5))
    assert {answer.status_code for answer in answers} == {201}
    assert len({answer.content for answer in answers}) == 1
    assert IPAddress.objects.count() == 1
    assert answers[0].json()["address"] == "192.0.2.1/24"
