"""The permission workload's pure helpers: its constraints and the ratio table."""

from __future__ import annotations

import ipaddress

from bench.cli import parse_args
from bench.ipam_workload import Run
from bench.measure import Phase
from bench.permissions_workload import TENANT_SLUG, constraints_for, ratios
from bench.phases import SMOKE


def test_three_ored_constraints_cover_the_run_networks() -> None:
    run = Run(
        "abc123",
        ipaddress.IPv4Network("10.7.0.0/16"),
        ipaddress.IPv6Network("2001:db8:7::/48"),
        SMOKE,
    )
    assert constraints_for(run, "address", "net_host_contained") == [
        {"address__net_host_contained": "10.7.0.0/16"},
        {"address__net_host_contained": "2001:db8:7::/48"},
        {"tenant__slug": TENANT_SLUG},
    ]


def test_ratios_compare_time_per_object_phase_by_phase() -> None:
    def phase(name: str, objects: int, seconds: float) -> Phase:
        return Phase(name, objects=objects, seconds=seconds)

    superuser = [phase("superuser:a", 100, 1.0), phase("superuser:b", 10, 2.0), phase("x", 0, 1)]
    constrained = [
        phase("constrained:a", 100, 1.2),
        phase("constrained:b", 5, 1.5),
        phase("y", 1, 1),
    ]
    assert ratios(superuser, constrained) == [
        {"phase": "a", "ratio": 1.2},
        {"phase": "b", "ratio": 1.5},
    ]


def test_permissions_is_a_workload_choice() -> None:
    args = parse_args(["--token", "t", "--workload", "permissions", "--smoke"])
    assert args.workload == "permissions"
