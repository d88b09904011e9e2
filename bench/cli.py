"""Command line of the benchmark (bench/run.py): arguments, running a workload, the report."""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from bench.client import BenchError, Client
from bench.dcim import run_dcim
from bench.graphql import run_graphql
from bench.ipam_workload import run_ipam
from bench.measure import (
    failures,
    format_memory,
    format_table,
    is_loopback_url,
    memory_report,
    server_processes,
)
from bench.permissions_workload import run_permissions
from bench.phases import FULL, SMOKE, Sizes
from bench.sites_workload import run_sites


def server_status(client: Client) -> dict[str, Any]:
    status = client.call(client.session(), "GET", "/api/status/").json()
    keys = ("netbox-version", "django-version", "python-version", "hostname")
    return {key: status[key] for key in keys if key in status}


def pid_list(text: str) -> list[int]:
    try:
        return [int(item) for item in text.replace(",", " ").split()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected process ids, got {text!r}") from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="The benchmark workload of issue 2 for ipamcore or any NetBox 4 server.",
    )
    parser.add_argument(
        "--url",
        default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"),
        help="server base URL (default $BENCH_URL or http://127.0.0.1:8000)",
    )
    parser.add_argument(
        "--token",
        default=os.environ.get("BENCH_TOKEN"),
        help="API token of a superuser, v1 or nbt_ v2 (default $BENCH_TOKEN)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON here")
    parser.add_argument("--smoke", action="store_true", help="every phase scaled down")
    parser.add_argument(
        "--workload",
        choices=("ipam", "sites", "dcim", "permissions", "graphql"),
        default="ipam",
        help="ipam: the issue-2 workload (default); dcim: the issue-3 workload "
        "(devices, interfaces, IPs, Ansible inventory); permissions: the IPAM "
        "reads and writes as the superuser and as a user with constrained object "
        "permissions, with the time ratio (issue 5); graphql: the issue-6 "
        "queries over the dcim workload's data; sites: check the "
        "benchmark itself on a server without IPAM",
    )
    parser.add_argument(
        "--server-pids",
        type=pid_list,
        default=[],
        metavar="PIDS",
        help="server process ids (e.g. the gunicorn master; its workers are "
        "found from it), for RSS",
    )
    parser.add_argument(
        "--server-pattern",
        metavar="TEXT",
        help="find server processes whose command line contains TEXT",
    )
    parser.add_argument(
        "--allow-remote", action="store_true", help="allow a URL that is not a loopback address"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("a token is required (--token or $BENCH_TOKEN)")
    if not args.url.startswith(("http://", "https://")):
        parser.error(f"--url must be an http(s) URL, not {args.url!r}")
    if not (args.allow_remote or is_loopback_url(args.url)):
        parser.error(f"{args.url} is not a loopback address; pass --allow-remote to load it")
    return args


def new_report(args: argparse.Namespace, sizes: Sizes) -> dict[str, Any]:
    meta = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "url": args.url,
        "workload": args.workload,
        "smoke": args.smoke,
        "sizes": asdict(sizes),
        "client": {
            "host": platform.node(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
    }
    return {"meta": meta, "phases": [], "rss": {}, "error": None, "failures": []}


def print_report(report: dict[str, Any]) -> None:
    if report["phases"]:
        print()
        print(format_table(report["phases"]))
    print()
    print(format_memory(report["rss"]["after"]))
    for problem in report["failures"]:
        print(f"FAILED: {problem}")
    if report["error"]:
        print(f"ERROR: {report['error']}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    client = Client(args.url, args.token, args.timeout)
    sizes = SMOKE if args.smoke else FULL
    pids = server_processes(args.server_pids, args.server_pattern)
    report = new_report(args, sizes)
    report["rss"]["before"] = memory_report(pids)
    started = time.perf_counter()
    try:
        report["meta"]["server"] = server_status(client)
        if args.workload == "dcim":
            run_dcim(client, sizes, report, token=args.token)
        elif args.workload == "permissions":
            run_permissions(client, sizes, report)
        elif args.workload == "graphql":
            run_graphql(client, sizes, report)
        else:
            workload = run_ipam if args.workload == "ipam" else run_sites
            workload(client, sizes, report)
    except (BenchError, requests.RequestException) as exc:
        report["error"] = str(exc)
    except KeyboardInterrupt:
        report["error"] = "interrupted"
    report["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    report["rss"]["after"] = memory_report(pids)
    report["failures"] = failures(report["phases"])
    print_report(report)
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2) + "\n")
        print(f"results written to {path}")
    return 1 if report["error"] or report["failures"] else 0
