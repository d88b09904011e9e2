"""The DCIM workload of issue 3: 500 devices with 48 interfaces each from one device type
(created through the API, components from the type's templates), 5,000 IPs assigned to
interfaces and set as primary IPs, then the timed reads — the device list at limit 1,000
with and without `exclude=config_context`, the interface list at limit 1,000 — and the
real Ansible inventory (`ansible-inventory --list`, netbox.netbox.nb_inventory) over
that data. Everything lives under one site named bench-<run> and is deleted at the end.
"""

from __future__ import annotations

import ipaddress
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from bench.client import Client, create_in_chunks, delete_in_chunks, fetch_all, timed
from bench.measure import Phase, stopwatch
from bench.phases import Sizes, clean_up, finish, require_endpoint

DEVICES = "/api/dcim/devices/"
INTERFACES = "/api/dcim/interfaces/"
IPS = "/api/ipam/ip-addresses/"
CONTEXTS = "/api/extras/config-contexts/"


@dataclass(frozen=True)
class DcimSizes:
    devices: int = 500
    interfaces_per_device: int = 48
    ips: int = 5_000
    device_chunk: int = 50
    ip_chunk: int = 500
    list_repeats: int = 5
    inventory_runs: int = 3


DCIM_FULL = DcimSizes()
DCIM_SMOKE = DcimSizes(devices=10, ips=100, device_chunk=5, ip_chunk=50, list_repeats=1)


@dataclass
class Run:
    """The objects of one run, for the phases and the clean-up."""

    tag: str
    site: dict[str, Any]
    setup: list[tuple[str, int]]  # (list path, id) to delete last, in order
    contexts: list[int]
    device_ids: list[int]
    ip_ids: list[int]
    ids: dict[str, int]  # the device type's and role's


def create_one(client: Client, session: requests.Session, path: str, body: Any) -> Any:
    return client.call(session, "POST", path, body=body, expect=(201,)).json()


def set_up(client: Client, session: requests.Session, tag: str, sizes: DcimSizes) -> Run:
    """Site, manufacturer, role, the device type with its interface templates, and two
    config contexts (one global, one for the site) so the merge does real work."""
    run = Run(tag=tag, site={}, setup=[], contexts=[], device_ids=[], ip_ids=[], ids={})
    run.site = create_one(client, session, "/api/dcim/sites/", {"name": tag, "slug": tag})
    vendor = create_one(client, session, "/api/dcim/manufacturers/", {"name": tag, "slug": tag})
    role = create_one(
        client, session, "/api/dcim/device-roles/", {"name": tag, "slug": tag, "color": "2196f3"}
    )
    kind = create_one(
        client,
        session,
        "/api/dcim/device-types/",
        {"manufacturer": vendor["id"], "model": tag, "slug": tag, "u_height": 1},
    )
    templates = [
        {"device_type": kind["id"], "name": f"eth{n}", "type": "10gbase-x-sfpp"}
        for n in range(sizes.interfaces_per_device)
    ]
    create_one(client, session, "/api/dcim/interface-templates/", templates)
    run.setup = [
        ("/api/dcim/device-types/", kind["id"]),
        ("/api/dcim/device-roles/", role["id"]),
        ("/api/dcim/manufacturers/", vendor["id"]),
        ("/api/dcim/sites/", run.site["id"]),
    ]
    run.ids = {"type": kind["id"], "role": role["id"]}
    if session.get(client.url(CONTEXTS), timeout=client.timeout).status_code == 200:
        for name, scope in (("global", {}), ("site", {"sites": [run.site["id"]]})):
            body = {"name": f"{tag}{name}", "data": {"ntp": [name], name: {"x": 1}}, **scope}
            run.contexts.append(create_one(client, session, CONTEXTS, body)["id"])
    return run


def phase_devices(client: Client, session: requests.Session, run: Run, sizes: DcimSizes) -> Phase:
    ids = run.ids
    bodies = [
        {
            "name": f"{run.tag}d{n}",
            "device_type": ids["type"],
            "role": ids["role"],
            "site": run.site["id"],
            "status": "active",
        }
        for n in range(sizes.devices)
    ]
    phase = Phase("device_create_48if", unit="devices")
    with stopwatch(phase):
        created = create_in_chunks(phase, client, session, DEVICES, bodies, sizes.device_chunk)
    run.device_ids = [device["id"] for device in created]
    return phase


def free_network(client: Client, session: requests.Session) -> ipaddress.IPv4Network:
    """A random 10.x.0.0/16 with no addresses in it yet."""
    for _ in range(50):
        network = ipaddress.IPv4Network(f"10.{random.randrange(256)}.0.0/16")
        page = client.call(session, "GET", IPS, params={"parent": str(network), "limit": 1})
        if page.json()["count"] == 0:
            return network
    raise RuntimeError("no free 10.x.0.0/16 found")


def phase_ips(client: Client, session: requests.Session, run: Run, sizes: DcimSizes) -> Phase:
    """Assign the IPs round-robin over the devices' interfaces (first interface of each
    device first, so every device gets one), then make each device's first IP primary."""
    interfaces = fetch_all(
        None, client, session, INTERFACES, {"site_id": run.site["id"], "brief": 1, "limit": 1000}
    )
    by_device: dict[int, list[int]] = {}
    for iface in interfaces:
        by_device.setdefault(iface["device"]["id"], []).append(iface["id"])
    order = [ids[k] for k in range(sizes.interfaces_per_device) for ids in by_device.values()]
    hosts = free_network(client, session).hosts()
    bodies = [
        {
            "address": f"{next(hosts)}/16",
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": order[n % len(order)],
        }
        for n in range(sizes.ips)
    ]
    phase = Phase("ip_assign", unit="IPs")
    with stopwatch(phase):
        created = create_in_chunks(phase, client, session, IPS, bodies, sizes.ip_chunk)
    run.ip_ids = [ip["id"] for ip in created]
    owner = {iface_id: device for device, ids in by_device.items() for iface_id in ids}
    primaries: dict[int, int] = {}
    for ip in created:
        primaries.setdefault(owner[ip["assigned_object_id"]], ip["id"])
    patches = [{"id": device, "primary_ip4": ip} for device, ip in primaries.items()]
    for start in range(0, len(patches), sizes.ip_chunk):
        chunk = patches[start : start + sizes.ip_chunk]
        client.call(session, "PATCH", DEVICES, body=chunk)
    return phase


def phase_list(
    name: str,
    client: Client,
    session: requests.Session,
    path: str,
    params: dict[str, Any],
    repeats: int,
) -> Phase:
    """The first page at limit 1,000, `repeats` times (one latency sample each)."""
    phase = Phase(name, unit="objects")
    with stopwatch(phase):
        for _ in range(repeats):

            def get() -> requests.Response:
                return client.call(session, "GET", path, params=params)

            body = timed(phase, 0, get).json()
            phase.objects += len(body["results"])
    return phase


def ansible_inventory() -> str | None:
    beside = Path(sys.executable).parent / "ansible-inventory"
    return str(beside) if beside.exists() else shutil.which("ansible-inventory")


def phase_inventory(client: Client, run: Run, token: str, sizes: DcimSizes) -> Phase:
    """`ansible-inventory --list` over the run's site, grouped as the issue asks."""
    phase = Phase("ansible_inventory", unit="hosts")
    binary = ansible_inventory()
    if binary is None:
        phase.notes.append("ansible-inventory not installed: skipped")
        return phase
    with tempfile.TemporaryDirectory() as workdir:
        config = Path(workdir) / "netbox_inventory.yml"
        config.write_text(
            "plugin: netbox.netbox.nb_inventory\n"
            f"api_endpoint: {client.base_url}\n"
            f"token:\n  type: Bearer\n  value: {token}\n"
            "config_context: true\n"
            "group_by: [device_roles, sites, tags]\n"
            f"query_filters:\n  - site: {run.site['slug']}\n"
        )
        env = {**os.environ, "HOME": workdir, "ANSIBLE_LOCAL_TEMP": f"{workdir}/tmp"}
        command = [binary, "-i", str(config), "--list"]
        with stopwatch(phase):
            for _ in range(sizes.inventory_runs):
                started = time.perf_counter()
                result = subprocess.run(command, capture_output=True, text=True, env=env)
                phase.record(time.perf_counter() - started, sizes.devices)
                if result.returncode != 0:
                    phase.count("wrong")
                    phase.notes.append(result.stderr.strip()[-300:])
    return phase


def sweep(client: Client, run: Run, sizes: DcimSizes) -> None:
    session = client.session()
    delete_in_chunks(None, client, session, DEVICES, run.device_ids, sizes.device_chunk)
    delete_in_chunks(None, client, session, IPS, run.ip_ids, sizes.ip_chunk)
    for pk in run.contexts:
        client.call(session, "DELETE", f"{CONTEXTS}{pk}/", expect=(204,))
    for path, pk in run.setup:
        client.call(session, "DELETE", f"{path}{pk}/", expect=(204,))


def run_dcim(client: Client, sizes: Sizes, report: dict[str, Any], token: str = "") -> None:
    """The issue-3 workload. `sizes` picks full or smoke (its bulk size tells them apart)."""
    dcim = DCIM_SMOKE if sizes.bulk_ips < 1_000 else DCIM_FULL
    session = client.session()
    require_endpoint(client, session, "/api/dcim/interface-templates/")
    tag = f"bench-{random.randrange(16**6):06x}"
    print(f"working under site {tag}", flush=True)
    run = set_up(client, session, tag, dcim)
    try:
        finish(report, phase_devices(client, session, run, dcim))
        finish(report, phase_ips(client, session, run, dcim))
        site = {"site_id": run.site["id"], "limit": 1000}
        reads = [
            ("device_list_1000", DEVICES, site),
            ("device_list_1000_no_ctx", DEVICES, {**site, "exclude": "config_context"}),
            ("interface_list_1000", INTERFACES, site),
        ]
        for name, path, params in reads:
            finish(report, phase_list(name, client, session, path, params, dcim.list_repeats))
        if token:
            finish(report, phase_inventory(client, run, token, dcim))
    finally:
        clean_up(lambda: sweep(client, run, dcim), f"objects under site {tag}")
