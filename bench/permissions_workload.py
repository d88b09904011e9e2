"""The permission workload of issue 5: the IPAM read and write phases run twice, once by
the superuser whose token the benchmark was given and once by a user holding only object
permissions with three constraints, each in its own verified-empty 10.x.0.0/16; the
report gives each phase's constrained/superuser time ratio (issue 5 aims for < 1.3).

The constrained user, its permissions and its token are created through the REST API
(/api/users/users/, /api/users/permissions/, /api/users/tokens/) and deleted at the end.
Its permissions are what a team with its own address space has: IP addresses inside
either of the run's networks or of one tenant (view, add, change, delete), and prefixes
likewise (view): three ORed constraints per object type.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import partial
from typing import Any

import requests

from bench.client import Client
from bench.ipam_workload import (
    IP_PATH,
    Run,
    filter_reads,
    phase_bulk_create,
    phase_ipam_mixed_reads,
    phase_single_post,
    pick_networks,
    require_ipam,
    setup_prefixes,
    sweep,
)
from bench.measure import Phase
from bench.phases import (
    Sizes,
    clean_up,
    finish,
    phase_bulk_delete,
    phase_paging,
    phase_patch,
    phase_reads,
)

TENANT_SLUG = "bench-permissions"  # the third constraint: a tenant the run never uses


def constraints_for(run: Run, field: str, lookup: str) -> list[dict[str, Any]]:
    return [
        {f"{field}__{lookup}": str(run.net4)},
        {f"{field}__{lookup}": str(run.net6)},
        {"tenant__slug": TENANT_SLUG},
    ]


class ConstrainedUser:
    """A user with object permissions only, created (and removed) by the superuser."""

    def __init__(self, admin: Client, session: requests.Session, run: Run) -> None:
        self.admin, self.session = admin, session
        self.permission_ids: list[int] = []
        name = f"bench-{run.run_id}"
        user = admin.call(
            session,
            "POST",
            "/api/users/users/",
            body={"username": name, "password": secrets.token_urlsafe(24)},
            expect=(201,),
        ).json()
        self.user_id: int = user["id"]
        for object_type, actions, field, lookup in (
            (
                "ipam.ipaddress",
                ["view", "add", "change", "delete"],
                "address",
                "net_host_contained",
            ),
            ("ipam.prefix", ["view"], "prefix", "net_contained_or_equal"),
        ):
            body = {
                "name": f"{name} {object_type}",
                "object_types": [object_type],
                "actions": actions,
                "constraints": constraints_for(run, field, lookup),
                "users": [self.user_id],
            }
            created = admin.call(
                session, "POST", "/api/users/permissions/", body=body, expect=(201,)
            ).json()
            self.permission_ids.append(created["id"])
        token = admin.call(
            session, "POST", "/api/users/tokens/", body={"user": self.user_id}, expect=(201,)
        ).json()
        secret = token["token"]
        header = f"nbt_{token['key']}.{secret}" if token.get("version") == 2 else secret
        self.client = Client(admin.base_url, header, admin.timeout)

    def remove(self) -> None:
        for pk in self.permission_ids:
            self.admin.call(self.session, "DELETE", f"/api/users/permissions/{pk}/", expect=(204,))
        self.admin.call(self.session, "DELETE", f"/api/users/users/{self.user_id}/", expect=(204,))


def read_and_write_phases(client: Client, run: Run, sizes: Sizes) -> list[Phase]:
    """The IPAM workload's reads and writes as `client` (prefixes set up beforehand)."""
    session = client.session()
    phases = [phase_bulk_create(client, session, run), phase_single_post(client, session, run)]
    everything = len(run.bulk_ids) + len(run.single_ids)
    phases += phase_paging(client, session, IP_PATH, {"parent": str(run.net4)}, everything)
    for name, reads in filter_reads(run).items():
        phases.append(phase_reads(client, session, name, reads))
    phases += phase_patch(client, session, IP_PATH, run.single_ids, run.bulk_ids, sizes)
    phases.append(phase_ipam_mixed_reads(client, run))
    phases.append(phase_bulk_delete(client, session, IP_PATH, run.bulk_ids, sizes))
    return phases


def ratios(superuser: list[Phase], constrained: list[Phase]) -> list[dict[str, Any]]:
    """Per phase: the constrained user's time per object over the superuser's."""
    rows = []
    for mine, theirs in zip(superuser, constrained, strict=True):
        if not mine.objects or not theirs.objects or not mine.seconds:
            continue
        ratio = (theirs.seconds / theirs.objects) / (mine.seconds / mine.objects)
        name = mine.name.split(":", 1)[-1]
        rows.append({"phase": name, "ratio": round(ratio, 2)})
    return rows


def sweep_run(client: Client, run: Run) -> None:
    sweep(client, client.session(), run)


def run_permissions(client: Client, sizes: Sizes, report: dict[str, Any]) -> None:
    session = client.session()
    require_ipam(client, session)
    results: dict[str, list[Phase]] = {}
    cleanups: list[Callable[[], None]] = []
    try:
        for who in ("superuser", "constrained"):
            run = pick_networks(client, session, sizes)
            cleanups.append(partial(sweep_run, client, run))
            print(f"{who}: working in {run.net4} and {run.net6} ({run.description})", flush=True)
            setup_prefixes(client, session, run)  # by the superuser, untimed
            actor = client
            if who == "constrained":
                user = ConstrainedUser(client, session, run)
                cleanups.append(user.remove)
                actor = user.client
            phases = read_and_write_phases(actor, run, sizes)
            for phase in phases:
                phase.name = f"{who}:{phase.name}"
            finish(report, *phases)
            results[who] = phases
        report["permission_ratios"] = ratios(results["superuser"], results["constrained"])
        print("\nconstrained/superuser time per object:", flush=True)
        for row in report["permission_ratios"]:
            print(f"  {row['phase']:<24} {row['ratio']:.2f}x", flush=True)
    finally:
        for cleanup in reversed(cleanups):
            clean_up(cleanup, "the permission workload's data")
