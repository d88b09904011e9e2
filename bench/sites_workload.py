"""The benchmark's request patterns on /api/dcim/sites/. Its figures compare with nothing
in the issue: it checks the benchmark itself (timing, threads, paging, RSS) against a
server without IPAM. Sites are named bench-<run>-… and deleted again at the end.
"""

from __future__ import annotations

import random
from typing import Any

import requests

from bench.client import (
    Client,
    Read,
    create_in_chunks,
    delete_in_chunks,
    fetch_all,
    post_each,
    post_in_threads,
)
from bench.measure import Phase, stopwatch
from bench.phases import (
    Sizes,
    clean_up,
    count_is,
    finish,
    phase_bulk_delete,
    phase_mixed_reads,
    phase_paging,
    phase_patch,
    phase_reads,
)

SITE_PATH = "/api/dcim/sites/"


def new_sites(tag: str, kind: str, count: int) -> list[dict[str, Any]]:
    names = [f"{tag}{kind}{n}" for n in range(count)]
    return [{"name": name, "slug": name, "status": "active"} for name in names]


def phase_site_creates(
    client: Client, session: requests.Session, tag: str, sizes: Sizes
) -> tuple[list[Phase], list[int], list[int]]:
    bulk = Phase("bulk_create", unit="objects")
    with stopwatch(bulk):
        created = create_in_chunks(
            bulk, client, session, SITE_PATH, new_sites(tag, "b", sizes.bulk_ips), sizes.chunk
        )
    single = Phase("single_post")
    with stopwatch(single):
        posted = post_each(
            single, client, session, SITE_PATH, new_sites(tag, "s", sizes.single_posts)
        )
    return [bulk, single], [item["id"] for item in created], [item["id"] for item in posted]


def phase_site_threads(client: Client, tag: str, sizes: Sizes) -> Phase:
    per_thread = sizes.alloc_ips // sizes.alloc_threads
    bodies = [new_sites(tag, f"t{t}-", per_thread) for t in range(sizes.alloc_threads)]
    phase, created = post_in_threads("post_threads", "objects", client, SITE_PATH, bodies)
    ids = [item["id"] for item in created]
    phase.counters["duplicates"] = len(ids) - len(set(ids))
    return phase


def run_sites(client: Client, sizes: Sizes, report: dict[str, Any]) -> None:
    """The shared request patterns on /api/dcim/sites/. Its figures compare with nothing
    in the issue; it exists to check timing, threads, paging and RSS without IPAM."""
    session = client.session()
    tag = f"bench-{random.randrange(16**6):06x}-"
    print(f"working on sites named {tag}*", flush=True)
    try:
        creates, bulk_ids, single_ids = phase_site_creates(client, session, tag, sizes)
        finish(report, *creates)
        total = len(bulk_ids) + len(single_ids)
        finish(report, *phase_paging(client, session, SITE_PATH, {"q": tag}, total))
        names = [
            (SITE_PATH, {"name": f"{tag}b{n}"}, count_is(1)) for n in range(sizes.reads_per_filter)
        ]
        finish(report, phase_reads(client, session, "filter_name", names))
        finish(report, phase_site_threads(client, tag, sizes))
        finish(report, *phase_patch(client, session, SITE_PATH, single_ids, bulk_ids, sizes))
        reads: list[Read] = [(f"{SITE_PATH}{pk}/", None) for pk in bulk_ids[:20]]
        reads.append((SITE_PATH, {"q": tag, "limit": 50}))
        finish(report, phase_mixed_reads(client, reads, sizes))
        finish(report, phase_bulk_delete(client, session, SITE_PATH, bulk_ids, sizes))
    finally:
        clean_up(lambda: sweep_sites(client, client.session(), tag), f"sites named {tag}*")


def sweep_sites(client: Client, session: requests.Session, tag: str) -> None:
    found = fetch_all(None, client, session, SITE_PATH, {"q": tag, "limit": 1000, "brief": "true"})
    ids = [item["id"] for item in found if item["name"].startswith(tag)]
    delete_in_chunks(None, client, session, SITE_PATH, ids, 500)
