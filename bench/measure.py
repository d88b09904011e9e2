"""What the benchmark measures and how it reports it: phases, percentiles, tables, RSS.

No HTTP here, and nothing beyond the standard library, so tests/bench/ checks these
helpers without a server. Process memory is read from /proc (Linux).
"""

from __future__ import annotations

import ipaddress
import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROC = Path("/proc")


@dataclass
class Phase:
    """One measured phase: a latency per request, objects handled and wall-clock time.

    `unit` names what the phase's rate counts (IPs, objects or requests), so a bulk
    request of 500 IPs counts 500 towards the rate but one latency sample.
    """

    name: str
    unit: str = "req"
    latencies: list[float] = field(default_factory=list)
    objects: int = 0
    seconds: float = 0.0
    counters: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def record(self, latency: float, objects: int = 1) -> None:
        self.latencies.append(latency)
        self.objects += objects

    def count(self, counter: str, amount: int = 1) -> None:
        self.counters[counter] = self.counters.get(counter, 0) + amount

    def merge(self, other: Phase) -> None:
        """Fold in what one thread measured (its wall time is not added: threads overlap)."""
        self.latencies.extend(other.latencies)
        self.objects += other.objects
        for counter, amount in other.counters.items():
            self.count(counter, amount)
        self.notes.extend(note for note in other.notes if note not in self.notes)


@contextmanager
def stopwatch(phase: Phase) -> Iterator[None]:
    """Adds the wall-clock time of the block to the phase."""
    started = time.perf_counter()
    try:
        yield
    finally:
        phase.seconds += time.perf_counter() - started


def timed[T](phase: Phase, objects: int, call: Callable[[], T]) -> T:
    """Run one request, recording its latency and the objects it handled."""
    started = time.perf_counter()
    result = call()
    phase.record(time.perf_counter() - started, objects)
    return result


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The pct-th percentile, interpolating between the closest ranks (numpy's default)."""
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile must be within 0..100, not {pct}")
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def milliseconds(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 2)


def summarize(phase: Phase) -> dict[str, Any]:
    """The figures reported for a phase (also its JSON form)."""
    rate = phase.objects / phase.seconds if phase.seconds > 0 else None
    return {
        "phase": phase.name,
        "unit": phase.unit,
        "requests": len(phase.latencies),
        "objects": phase.objects,
        "seconds": round(phase.seconds, 3),
        "ops_per_s": None if rate is None else round(rate, 1),
        "p50_ms": milliseconds(percentile(phase.latencies, 50)),
        "p95_ms": milliseconds(percentile(phase.latencies, 95)),
        "max_ms": milliseconds(max(phase.latencies, default=None)),
        "counters": dict(phase.counters),
        "notes": list(phase.notes),
    }


def format_number(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}"


def format_table(summaries: Sequence[dict[str, Any]]) -> str:
    """A plain-text table of phase summaries, one row per phase."""
    header = ("phase", "requests", "objects", "seconds", "ops/s", "unit", "p50 ms", "p95 ms", "")
    rows = [header]
    for item in summaries:
        extra = ", ".join(f"{key}={value}" for key, value in sorted(item["counters"].items()))
        rows.append(
            (
                item["phase"],
                str(item["requests"]),
                str(item["objects"]),
                f"{item['seconds']:.2f}",
                format_number(item["ops_per_s"]),
                item["unit"],
                format_number(item["p50_ms"]),
                format_number(item["p95_ms"]),
                extra,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def format_line(summary: dict[str, Any]) -> str:
    """One progress line for a finished phase."""
    return (
        f"{summary['phase']}: {summary['objects']} {summary['unit']} in "
        f"{summary['seconds']:.2f} s = {format_number(summary['ops_per_s'])} {summary['unit']}/s, "
        f"p50 {format_number(summary['p50_ms'])} ms, p95 {format_number(summary['p95_ms'])} ms"
    )


# Counters that mean the server answered wrongly; any of them fails the run.
FAILING_COUNTERS = ("errors", "wrong", "duplicates", "outside_prefix")


def failures(summaries: Sequence[dict[str, Any]]) -> list[str]:
    """What went wrong in the phases, one line per phase and counter."""
    found = []
    for item in summaries:
        for counter in FAILING_COUNTERS:
            if item["counters"].get(counter):
                found.append(f"{item['phase']}: {counter}={item['counters'][counter]}")
        found.extend(f"{item['phase']}: {note}" for note in item["notes"])
    return found


def is_loopback_url(url: str) -> bool:
    """True when the URL's host is localhost or a loopback IP literal (no DNS lookup)."""
    host = urlsplit(url).hostname
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- server processes (for RSS) ---------------------------------------------------


def read_rss_kib(pid: int, proc: Path = PROC) -> int | None:
    """Resident set size of a process in KiB, or None if it is gone."""
    try:
        status = (proc / str(pid) / "status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def parent_pid(pid: int, proc: Path = PROC) -> int | None:
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name in parentheses may contain spaces: fields follow the last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def command_line(pid: int, proc: Path = PROC) -> str:
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def all_pids(proc: Path = PROC) -> list[int]:
    return sorted(int(entry.name) for entry in proc.iterdir() if entry.name.isdigit())


def find_pids(pattern: str, proc: Path = PROC) -> list[int]:
    """Processes whose command line contains the pattern (never this process itself)."""
    own = os.getpid()
    return [pid for pid in all_pids(proc) if pid != own and pattern in command_line(pid, proc)]


def children_of(pids: Sequence[int], proc: Path = PROC) -> list[int]:
    wanted = set(pids)
    return [pid for pid in all_pids(proc) if parent_pid(pid, proc) in wanted]


def server_processes(
    pids: Sequence[int] = (), pattern: str | None = None, proc: Path = PROC
) -> list[int]:
    """The given pids plus their children (gunicorn workers), or those matching the pattern."""
    found = set(pids) | set(children_of(pids, proc))
    if pattern:
        found |= set(find_pids(pattern, proc))
    return sorted(found)


def memory_report(pids: Sequence[int], proc: Path = PROC) -> list[dict[str, Any]]:
    """RSS per process; a process whose parent is also listed is a worker, else a master."""
    listed = set(pids)
    report = []
    for pid in pids:
        rss = read_rss_kib(pid, proc)
        if rss is None:
            continue
        role = "worker" if parent_pid(pid, proc) in listed else "master"
        report.append(
            {
                "pid": pid,
                "role": role,
                "rss_mib": round(rss / 1024, 1),
                "command": command_line(pid, proc)[:120],
            }
        )
    return report


def format_memory(report: Sequence[dict[str, Any]]) -> str:
    if not report:
        return "RSS: no server processes given (--server-pids / --server-pattern)"
    lines = [
        f"  {item['role']:<6} pid {item['pid']:<8} {item['rss_mib']:>8.1f} MiB" for item in report
    ]
    workers = [item["rss_mib"] for item in report if item["role"] == "worker"]
    if workers:
        lines.append(f"  max RSS per worker: {max(workers):.1f} MiB")
    return "RSS of the server processes:\n" + "\n".join(lines)
