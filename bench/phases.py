"""What every workload is measured with: the sizes of the workload and the phases the
IPAM and sites workloads share (paging, reads, PATCH, bulk DELETE).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import requests

from bench.client import (
    BenchError,
    Check,
    CheckedRead,
    Client,
    Read,
    delete_in_chunks,
    describe_failure,
    fetch_all,
    mixed_reads,
    patch_each,
    read_each,
    update_in_chunks,
)
from bench.measure import Phase, format_line, stopwatch, summarize


@dataclass(frozen=True)
class Sizes:
    """How much each phase does; the defaults are the issue's workload."""

    bulk_ips: int = 10_000
    chunk: int = 500
    single_posts: int = 1_000
    reads_per_filter: int = 200
    v6_allocated: int = 10_000
    alloc_threads: int = 8
    alloc_ips: int = 800
    patches: int = 1_000
    mixed_threads: int = 16
    mixed_seconds: float = 20.0
    mixed_max_requests: int = 40_000


FULL = Sizes()
SMOKE = Sizes(
    bulk_ips=300,
    chunk=100,
    single_posts=10,
    reads_per_filter=5,
    v6_allocated=50,
    alloc_threads=4,
    alloc_ips=20,
    patches=10,
    mixed_threads=4,
    mixed_seconds=1.0,
    mixed_max_requests=200,
)


PAGINGS: list[tuple[str, dict[str, Any]]] = [
    ("list_limit_100", {"limit": 100}),
    ("list_limit_1000", {"limit": 1000}),
    ("list_brief_1000", {"limit": 1000, "brief": "true"}),
]


def phase_paging(
    client: Client, session: requests.Session, path: str, scope: dict[str, str], expected: int
) -> list[Phase]:
    """Page through every object in `scope` at limit 100, at 1000, and brief at 1000."""
    phases = []
    for name, params in PAGINGS:
        phase = Phase(name, unit="objects")
        with stopwatch(phase):
            found = fetch_all(phase, client, session, path, {**scope, **params})
        if len(found) != expected:
            phase.count("wrong")
            phase.notes.append(f"expected {expected} objects, listed {len(found)}")
        phases.append(phase)
    return phases


def phase_patch(
    client: Client,
    session: requests.Session,
    path: str,
    single_ids: Sequence[int],
    bulk_ids: Sequence[int],
    sizes: Sizes,
) -> list[Phase]:
    """PATCH objects one by one on their detail URLs, then all `bulk_ids` in chunks."""
    single = Phase("patch_single")
    changes = [{"id": pk, "description": f"patched {n}"} for n, pk in enumerate(single_ids)]
    with stopwatch(single):
        patch_each(single, client, session, path, changes[: sizes.patches])
    bulk = Phase("patch_bulk", unit="objects")
    changes = [{"id": pk, "description": "bulk patched"} for pk in bulk_ids]
    with stopwatch(bulk):
        update_in_chunks(bulk, client, session, path, changes, sizes.chunk)
    return [single, bulk]


def phase_bulk_delete(
    client: Client, session: requests.Session, path: str, ids: Sequence[int], sizes: Sizes
) -> Phase:
    phase = Phase("bulk_delete", unit="objects")
    with stopwatch(phase):
        delete_in_chunks(phase, client, session, path, ids, sizes.chunk)
    return phase


def count_is(expected: int) -> Check:
    def check(page: Any) -> str | None:
        return None if page["count"] == expected else f"count {page['count']}, expected {expected}"

    return check


def phase_reads(
    client: Client, session: requests.Session, name: str, reads: Sequence[CheckedRead]
) -> Phase:
    phase = Phase(name)
    with stopwatch(phase):
        read_each(phase, client, session, reads)
    return phase


def phase_mixed_reads(client: Client, reads: Sequence[Read], sizes: Sizes) -> Phase:
    """`mixed_threads` clients cycling through `reads`, bounded in time and count."""
    return mixed_reads(
        "mixed_reads",
        client,
        reads,
        sizes.mixed_threads,
        sizes.mixed_seconds,
        sizes.mixed_max_requests,
    )


def require_endpoint(client: Client, session: requests.Session, path: str) -> None:
    response = session.get(client.url(path), timeout=client.timeout)
    if response.status_code != 200:
        raise BenchError(f"the server lacks {path}: " + describe_failure("GET", path, response))


def finish(report: dict[str, Any], *phases: Phase) -> None:
    for phase in phases:
        summary = summarize(phase)
        report["phases"].append(summary)
        print(format_line(summary), flush=True)


def clean_up(sweep_run: Callable[[], None], what: str) -> None:
    """Delete the run's data; a failure here is reported without hiding the run's own error."""
    try:
        sweep_run()
    except (BenchError, requests.RequestException) as exc:
        print(f"clean-up failed, {what} may be left behind: {exc}", file=sys.stderr)
