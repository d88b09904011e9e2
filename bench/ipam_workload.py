"""The issue's workload on IPAM: IP addresses and prefixes in a random, verified-empty
10.x.0.0/16 and 2001:db8:x::/48 of the global table, deleted again at the end.

Layout of the /16 (x = the run's second octet): bulk-created IPs fill hosts .1-.250 of
10.x.0.0/24 upwards, single POSTs 10.x.64.0/24 upwards, each of those /24s is a prefix;
10.x.100.0/24 is half full (odd hosts) and 10.x.104.0/22 is shared by the allocating
threads. The /48 holds `v6_allocated` addresses from its start.
"""

from __future__ import annotations

import ipaddress
import random
from dataclasses import dataclass, field
from typing import Any

import requests

from bench.client import (
    BenchError,
    Check,
    CheckedRead,
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
    require_endpoint,
)

IP_PATH = "/api/ipam/ip-addresses/"
PREFIX_PATH = "/api/ipam/prefixes/"
HOSTS_PER_OCTET = 250  # bulk/single IPs use hosts .1-.250 of consecutive /24s
SINGLE_OCTET = 64  # single POSTs go to 10.x.64.0/24 and up
HALF_FULL_OCTET = 100  # the half-full /24 for available-ips
ALLOCATION_OCTET = 104  # the /22 the allocation threads share


@dataclass
class Run:
    """This run's address space and the ids of what it created."""

    run_id: str
    net4: ipaddress.IPv4Network
    net6: ipaddress.IPv6Network
    sizes: Sizes
    prefix_ids: dict[str, int] = field(default_factory=dict)
    children: int = 0
    bulk_ids: list[int] = field(default_factory=list)
    single_ids: list[int] = field(default_factory=list)

    def address(self, octet: int, host: int, mask: int = 24) -> str:
        return f"{self.net4[octet * 256 + host]}/{mask}"

    def subnet(self, octet: int, length: int = 24) -> str:
        return f"{self.net4[octet * 256]}/{length}"

    def octets(self, first: int, count: int) -> list[int]:
        """The /24s that `count` IPs starting at octet `first` fill."""
        return list(range(first, first + -(-count // HOSTS_PER_OCTET)))

    def numbered(self, first: int, index: int) -> str:
        return self.address(first + index // HOSTS_PER_OCTET, index % HOSTS_PER_OCTET + 1)

    @property
    def description(self) -> str:
        return f"bench {self.run_id}"


def require_ipam(client: Client, session: requests.Session) -> None:
    response = session.get(client.url("/api/ipam/"), timeout=client.timeout)
    endpoints = response.json() if response.status_code == 200 else {}
    missing = [name for name in ("prefixes", "ip-addresses") if name not in endpoints]
    if missing:
        raise BenchError(
            f"{client.base_url} lacks the IPAM API (GET /api/ipam/ -> HTTP "
            f"{response.status_code}, missing {', '.join(missing)}): the IPAM phases need "
            "/api/ipam/prefixes/ and /api/ipam/ip-addresses/ with available-ips and "
            "available-prefixes. Use --workload sites to check the benchmark itself."
        )


def is_unused(client: Client, session: requests.Session, network: str) -> bool:
    for path, params in (
        (IP_PATH, {"parent": network}),
        (PREFIX_PATH, {"within_include": network}),
    ):
        page = client.call(session, "GET", path, params={**params, "limit": 1}).json()
        if page["count"]:
            return False
    return True


def pick_networks(client: Client, session: requests.Session, sizes: Sizes) -> Run:
    """A random 10.x.0.0/16 and 2001:db8:x::/48 that hold no IPs or prefixes yet."""
    rng = random.Random()
    for _ in range(32):
        net4 = ipaddress.IPv4Network(f"10.{rng.randrange(256)}.0.0/16")
        net6 = ipaddress.IPv6Network(f"2001:db8:{rng.randrange(1, 65536):x}::/48")
        if is_unused(client, session, str(net4)) and is_unused(client, session, str(net6)):
            return Run(f"{rng.randrange(16**6):06x}", net4, net6, sizes)
    raise BenchError(
        "found no unused 10.x.0.0/16 and 2001:db8:x::/48 in 32 tries (does the server "
        "support the `parent` filter on IPs and `within_include` on prefixes?)"
    )


def setup_prefixes(client: Client, session: requests.Session, run: Run) -> None:
    """The prefixes the phases read from (untimed): the /16, its /24s, the /22 and the /48."""
    sizes = run.sizes
    children = run.octets(0, sizes.bulk_ips) + run.octets(SINGLE_OCTET, sizes.single_posts)
    items = [{"prefix": str(run.net4), "status": "container"}]
    items += [{"prefix": run.subnet(octet)} for octet in children]
    items += [
        {"prefix": run.subnet(HALF_FULL_OCTET)},
        {"prefix": run.subnet(ALLOCATION_OCTET, 22)},
        {"prefix": str(run.net6)},
    ]
    for item in items:
        item["description"] = run.description
    created = create_in_chunks(None, client, session, PREFIX_PATH, items, run.sizes.chunk)
    ids = [item["id"] for item in created]
    run.prefix_ids = {"net4": ids[0], "half": ids[-3], "alloc": ids[-2], "net6": ids[-1]}
    run.children = len(items) - 2  # those strictly within the /16


def sweep(client: Client, session: requests.Session, run: Run) -> None:
    """Delete everything inside this run's networks (IPs first, then prefixes)."""
    searches = [
        (IP_PATH, {"parent": str(run.net4)}),
        (IP_PATH, {"parent": str(run.net6)}),
        (PREFIX_PATH, {"within_include": str(run.net4)}),
        (PREFIX_PATH, {"within_include": str(run.net6)}),
    ]
    for path, params in searches:
        found = fetch_all(None, client, session, path, {**params, "limit": 1000, "brief": "true"})
        delete_in_chunks(None, client, session, path, [item["id"] for item in found], 500)


# --- IPAM workload: phases ---------------------------------------------------------


def phase_bulk_create(client: Client, session: requests.Session, run: Run) -> Phase:
    sizes = run.sizes
    items = [
        {"address": run.numbered(0, index), "description": f"{run.description} bulk"}
        for index in range(sizes.bulk_ips)
    ]
    phase = Phase("bulk_create", unit="IPs")
    with stopwatch(phase):
        created = create_in_chunks(phase, client, session, IP_PATH, items, sizes.chunk)
    run.bulk_ids = [item["id"] for item in created]
    return phase


def phase_single_post(client: Client, session: requests.Session, run: Run) -> Phase:
    items = [
        {"address": run.numbered(SINGLE_OCTET, index), "description": f"{run.description} single"}
        for index in range(run.sizes.single_posts)
    ]
    phase = Phase("single_post")
    with stopwatch(phase):
        created = post_each(phase, client, session, IP_PATH, items)
    run.single_ids = [item["id"] for item in created]
    return phase


def bulk_hosts(run: Run, octet: int) -> list[int]:
    """The hosts the bulk phase created in the `octet`-th /24."""
    left = run.sizes.bulk_ips - octet * HOSTS_PER_OCTET
    return list(range(1, min(HOSTS_PER_OCTET, left) + 1))


def filter_reads(run: Run) -> dict[str, list[CheckedRead]]:
    """The issue's filtered reads, each with the count NetBox answers for this run's data."""
    octets = run.octets(0, run.sizes.bulk_ips)
    picks = [octets[n % len(octets)] for n in range(run.sizes.reads_per_filter)]

    def q_matches(octet: int) -> int:  # `q` matches addresses starting with the text
        return sum(1 for host in bulk_hosts(run, octet) if str(host).startswith("1"))

    def some_host(n: int, octet: int) -> str:
        return str(run.net4[octet * 256 + 1 + n % len(bulk_hosts(run, octet))])

    return {
        "filter_parent": [
            (IP_PATH, {"parent": run.subnet(o)}, count_is(len(bulk_hosts(run, o)))) for o in picks
        ],
        "filter_q": [
            (IP_PATH, {"q": str(run.net4[o * 256 + 1])}, count_is(q_matches(o))) for o in picks
        ],
        "filter_address": [
            (IP_PATH, {"address": some_host(n, o)}, count_is(1)) for n, o in enumerate(picks)
        ],
        "filter_prefix_within": [
            (PREFIX_PATH, {"within": str(run.net4)}, count_is(run.children)) for _ in picks
        ],
    }


def first_available_is(expected: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Check:
    def check(items: Any) -> str | None:
        if not isinstance(items, list) or not items:
            return f"expected a non-empty list, got {str(items)[:100]}"
        first = ipaddress.ip_interface(items[0]["address"]).ip
        return None if first == expected else f"first available {first}, expected {expected}"

    return check


def all_within(network: ipaddress.IPv4Network) -> Check:
    def check(items: Any) -> str | None:
        if not isinstance(items, list) or not items:
            return f"expected a non-empty list, got {str(items)[:100]}"
        blocks = [ipaddress.ip_network(item["prefix"]) for item in items]
        outside = [str(block) for block in blocks if not block.subnet_of(network)]  # type: ignore[arg-type]
        return f"blocks outside {network}: {outside[:3]}" if outside else None

    return check


def phase_available(client: Client, session: requests.Session, run: Run) -> list[Phase]:
    """GET available-ips on a half-full /24 and on a /48 holding `v6_allocated` addresses
    (from its start, so free space begins after them), and available-prefixes on the /16."""
    sizes = run.sizes
    half_full = [run.address(HALF_FULL_OCTET, host) for host in range(1, 254, 2)]
    v6 = [f"{run.net6[n]}/64" for n in range(1, sizes.v6_allocated + 1)]
    items = [{"address": address, "description": run.description} for address in half_full + v6]
    create_in_chunks(None, client, session, IP_PATH, items, sizes.chunk)  # untimed setup
    half_full_first = run.net4[HALF_FULL_OCTET * 256 + 2]
    v6_first = run.net6[sizes.v6_allocated + 1]
    half, net6, net4 = (f"{PREFIX_PATH}{run.prefix_ids[key]}" for key in ("half", "net6", "net4"))
    checks = [
        ("available_ips_v4_24", f"{half}/available-ips/", first_available_is(half_full_first)),
        ("available_ips_v6_48", f"{net6}/available-ips/", first_available_is(v6_first)),
        ("available_prefixes_v4_16", f"{net4}/available-prefixes/", all_within(run.net4)),
    ]
    phases = []
    for name, path, check in checks:
        require_endpoint(client, session, path)
        reads = [(path, None, check)] * sizes.reads_per_filter
        phases.append(phase_reads(client, session, name, reads))
    return phases


def phase_allocate(client: Client, run: Run) -> Phase:
    """`alloc_threads` threads POSTing to one /22's available-ips; counts duplicates."""
    sizes = run.sizes
    path = f"{PREFIX_PATH}{run.prefix_ids['alloc']}/available-ips/"
    require_endpoint(client, client.session(), path)
    body = {"description": f"{run.description} allocated"}
    per_thread = [[body] * (sizes.alloc_ips // sizes.alloc_threads)] * sizes.alloc_threads
    phase, created = post_in_threads("allocate_threads", "IPs", client, path, per_thread)
    hosts = [ipaddress.ip_interface(item["address"]).ip for item in created]
    network = ipaddress.ip_network(run.subnet(ALLOCATION_OCTET, 22))
    phase.counters["duplicates"] = len(hosts) - len(set(hosts))
    phase.counters["outside_prefix"] = sum(1 for host in hosts if host not in network)
    return phase


def phase_ipam_mixed_reads(client: Client, run: Run) -> Phase:
    octets = run.octets(0, run.sizes.bulk_ips)
    reads: list[Read] = []
    for n in range(8):
        octet = octets[n % len(octets)]
        reads += [
            (IP_PATH, {"parent": run.subnet(octet)}),
            (f"{IP_PATH}{run.bulk_ids[n * 37 % len(run.bulk_ids)]}/", None),
            (IP_PATH, {"q": str(run.net4[octet * 256 + 2])}),
            (IP_PATH, {"address": str(run.net4[octet * 256 + 1 + n])}),
            (PREFIX_PATH, {"within": str(run.net4)}),
            (f"{PREFIX_PATH}{run.prefix_ids['half']}/available-ips/", None),
            (IP_PATH, {"parent": str(run.net4), "brief": "true", "limit": 100, "offset": n * 100}),
        ]
    return phase_mixed_reads(client, reads, run.sizes)


def run_ipam(client: Client, sizes: Sizes, report: dict[str, Any]) -> None:
    session = client.session()
    require_ipam(client, session)
    run = pick_networks(client, session, sizes)
    report["meta"]["networks"] = [str(run.net4), str(run.net6)]
    print(f"working in {run.net4} and {run.net6} ({run.description})", flush=True)
    try:
        setup_prefixes(client, session, run)
        finish(report, phase_bulk_create(client, session, run))
        finish(report, phase_single_post(client, session, run))
        everything = len(run.bulk_ids) + len(run.single_ids)
        finish(
            report, *phase_paging(client, session, IP_PATH, {"parent": str(run.net4)}, everything)
        )
        for name, reads in filter_reads(run).items():
            finish(report, phase_reads(client, session, name, reads))
        finish(report, *phase_available(client, session, run))
        finish(report, phase_allocate(client, run))
        finish(report, *phase_patch(client, session, IP_PATH, run.single_ids, run.bulk_ids, sizes))
        finish(report, phase_ipam_mixed_reads(client, run))
        finish(report, phase_bulk_delete(client, session, IP_PATH, run.bulk_ids, sizes))
    finally:
        clean_up(lambda: sweep(client, client.session(), run), run.description)
