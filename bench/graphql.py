"""The GraphQL workload of issue 6, over the DCIM workload's data (bench/dcim.py: devices
with 48 interfaces each, IPs assigned to interfaces) plus a /16 cut into /24 prefixes:

- gql_ip_address_list_1000: `ip_address_list` of 1,000 IPs with `assigned_object`
  (a union) and the interface's device;
- gql_device_nested: the nested device query (devices → interfaces → IP addresses →
  VRF, with site and role) over every device of the run;
- gql_prefix_utilization: the run's prefixes with `utilization`, `children`, `_depth`.

Each query is sent `list_repeats` times; a response with `errors` counts as wrong.
Everything is deleted at the end (the DCIM sweep, then the prefixes).
"""

from __future__ import annotations

import ipaddress
import random
from typing import Any

import requests

from bench.client import BenchError, Client, create_in_chunks, delete_in_chunks
from bench.dcim import DCIM_FULL, DCIM_SMOKE, DcimSizes, Run, phase_devices, phase_ips, set_up
from bench.dcim import sweep as dcim_sweep
from bench.measure import Phase, stopwatch, timed
from bench.phases import Sizes, clean_up, finish, require_endpoint

GRAPHQL = "/graphql/"
PREFIXES = "/api/ipam/prefixes/"

IP_ADDRESSES = """query($ids: [ID!]) {
  ip_address_list(filters: {id: {in_list: $ids}}, pagination: {limit: 1000}) {
    address status
    assigned_object { __typename ... on InterfaceType { name device { name } } }
  }
}"""

NESTED_DEVICES = """query($site: ID!) {
  device_list(filters: {site_id: {exact: $site}}, pagination: {limit: 1000}) {
    name site { name } role { name }
    interfaces { name ip_addresses { address vrf { name } } }
  }
}"""

PREFIX_UTILIZATION = """query($within: String!) {
  prefix_list(filters: {within_include: $within}, pagination: {limit: 1000}) {
    prefix utilization children _depth
  }
}"""


def query(
    client: Client, session: requests.Session, text: str, variables: dict[str, Any]
) -> dict[str, Any]:
    body = {"query": text, "variables": variables}
    result: dict[str, Any] = client.call(session, "POST", GRAPHQL, body=body).json()
    return result


def phase_query(
    name: str,
    client: Client,
    session: requests.Session,
    text: str,
    variables: dict[str, Any],
    repeats: int,
) -> Phase:
    """`repeats` requests of one query; objects = rows of its root list."""
    phase = Phase(name, unit="objects")
    with stopwatch(phase):
        for _ in range(repeats):
            result = timed(phase, 0, lambda: query(client, session, text, variables))
            if result.get("errors") or not result.get("data"):
                phase.count("wrong")
                phase.notes.append(str(result.get("errors"))[:300])
                continue
            (rows,) = result["data"].values()
            phase.objects += len(rows)
    return phase


def run_network(client: Client, session: requests.Session, run: Run) -> ipaddress.IPv4Network:
    """The /16 the DCIM workload put its addresses in."""
    first = client.call(session, "GET", f"/api/ipam/ip-addresses/{run.ip_ids[0]}/").json()
    return ipaddress.IPv4Interface(first["address"]).network.supernet(new_prefix=16)


def create_prefixes(
    client: Client, session: requests.Session, network: ipaddress.IPv4Network, count: int
) -> list[int]:
    """The /16 and its first `count` /24s, so utilization and depth have work to do."""
    bodies = [{"prefix": str(network), "status": "container"}] + [
        {"prefix": str(subnet)} for subnet in list(network.subnets(new_prefix=24))[:count]
    ]
    created = create_in_chunks(None, client, session, PREFIXES, bodies, 500)
    return [prefix["id"] for prefix in created]


def run_graphql(client: Client, sizes: Sizes, report: dict[str, Any]) -> None:
    dcim: DcimSizes = DCIM_SMOKE if sizes.bulk_ips < 1_000 else DCIM_FULL
    session = client.session()
    require_endpoint(client, session, "/api/dcim/interface-templates/")
    probe = session.post(client.url(GRAPHQL), json={"query": "{ __typename }"})
    if probe.status_code != 200:
        raise BenchError(f"the server lacks {GRAPHQL}: HTTP {probe.status_code}")
    tag = f"bench-{random.randrange(16**6):06x}"
    print(f"working under site {tag}", flush=True)
    run = set_up(client, session, tag, dcim)
    prefix_ids: list[int] = []
    try:
        finish(report, phase_devices(client, session, run, dcim))
        finish(report, phase_ips(client, session, run, dcim))
        network = run_network(client, session, run)
        prefix_ids = create_prefixes(client, session, network, 255 if dcim is DCIM_FULL else 16)
        repeats = dcim.list_repeats
        phases = [
            ("gql_ip_address_list_1000", IP_ADDRESSES, {"ids": run.ip_ids[:1000]}),
            ("gql_device_nested", NESTED_DEVICES, {"site": run.site["id"]}),
            ("gql_prefix_utilization", PREFIX_UTILIZATION, {"within": str(network)}),
        ]
        for name, text, variables in phases:
            finish(report, phase_query(name, client, session, text, variables, repeats))
    finally:

        def sweep() -> None:
            delete_in_chunks(None, client, session, PREFIXES, prefix_ids, 500)
            dcim_sweep(client, run, dcim)

        clean_up(sweep, f"objects under site {tag} and its prefixes")
