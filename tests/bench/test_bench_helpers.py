"""The benchmark's pure helpers: percentiles, summaries, reports, argument checks, the
IPAM workload's address layout and answer checks, and reading RSS from a /proc tree.

Nothing here talks HTTP or measures speed; bench/run.py itself is not part of the suite.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import pytest

from bench.cli import parse_args, pid_list
from bench.client import Client, chunks
from bench.ipam_workload import Run, all_within, bulk_hosts, filter_reads, first_available_is
from bench.measure import (
    Phase,
    failures,
    format_line,
    format_memory,
    format_table,
    is_loopback_url,
    memory_report,
    percentile,
    read_rss_kib,
    server_processes,
    stopwatch,
    summarize,
    timed,
)
from bench.phases import FULL, Sizes, count_is

# --- percentiles and summaries -----------------------------------------------------


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0], 0) == 1.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 100) == 4.0
    assert percentile([float(n) for n in range(1, 101)], 95) == pytest.approx(95.05)


def test_percentile_of_one_and_of_none() -> None:
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_percentile_outside_0_to_100_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"within 0\.\.100"):
        percentile([1.0], 101)


def test_summarize_counts_objects_per_second_and_latencies_in_ms() -> None:
    phase = Phase("bulk_create", unit="IPs", latencies=[0.1, 0.2, 0.3, 0.4], objects=2000)
    phase.seconds = 1.0
    phase.count("conflicts", 2)

    summary = summarize(phase)

    assert summary == {
        "phase": "bulk_create",
        "unit": "IPs",
        "requests": 4,
        "objects": 2000,
        "seconds": 1.0,
        "ops_per_s": 2000.0,
        "p50_ms": 250.0,
        "p95_ms": 385.0,
        "max_ms": 400.0,
        "counters": {"conflicts": 2},
        "notes": [],
    }


def test_summarize_an_empty_phase() -> None:
    summary = summarize(Phase("nothing"))
    assert (summary["ops_per_s"], summary["p50_ms"], summary["max_ms"]) == (None, None, None)


def test_timed_and_stopwatch_record_into_the_phase() -> None:
    phase = Phase("single_post")
    with stopwatch(phase):
        answer = timed(phase, 3, lambda: "done")
    assert answer == "done"
    assert (len(phase.latencies), phase.objects) == (1, 3)
    assert phase.seconds >= phase.latencies[0] >= 0


def test_merge_adds_samples_and_counters_but_not_wall_time() -> None:
    total = Phase("mixed_reads", counters={"errors": 1}, seconds=5.0)
    part = Phase("mixed_reads", latencies=[0.5], objects=1, seconds=9.0, notes=["x"])
    part.count("errors", 2)

    total.merge(part)

    assert total.latencies == [0.5]
    assert (total.objects, total.seconds) == (1, 5.0)
    assert (total.counters, total.notes) == ({"errors": 3}, ["x"])


# --- reports -------------------------------------------------------------------------


def summary_of(name: str, **counters: int) -> dict:
    phase = Phase(name, latencies=[0.01, 0.03], objects=2, seconds=0.5, counters=counters)
    return summarize(phase)


def test_format_table_has_a_row_per_phase_with_its_counters() -> None:
    table = format_table([summary_of("single_post"), summary_of("allocate", duplicates=0)])
    lines = table.splitlines()
    assert lines[0].split() == [
        *("phase", "requests", "objects", "seconds", "ops/s", "unit"),
        *("p50", "ms", "p95", "ms"),
    ]
    assert lines[1].split() == ["single_post", "2", "2", "0.50", "4.0", "req", "20.0", "29.0"]
    assert lines[2].endswith("duplicates=0")


def test_format_line() -> None:
    line = format_line(summary_of("filter_q"))
    assert line == "filter_q: 2 req in 0.50 s = 4.0 req/s, p50 20.0 ms, p95 29.0 ms"


def test_failures_name_wrong_answers_but_not_conflicts() -> None:
    summaries = [
        summary_of("allocate", duplicates=2, conflicts=5, errors=0),
        summary_of("filter_q", wrong=1),
        summary_of("mixed_reads", errors=0),
    ]
    summaries[1]["notes"] = ["GET /api/ipam/ip-addresses/ {'q': '10.1.0.1'}: count 1"]

    assert failures(summaries) == [
        "allocate: duplicates=2",
        "filter_q: wrong=1",
        "filter_q: GET /api/ipam/ip-addresses/ {'q': '10.1.0.1'}: count 1",
    ]


# --- arguments and the client ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.9.9.9/", True),
        ("http://localhost:8000/netbox", True),
        ("http://[::1]:8000", True),
        ("http://10.0.0.1:8000", False),
        ("https://netbox.example.com", False),
        ("http://localhost.example.com", False),
        ("not a url", False),
    ],
)
def test_is_loopback_url(url: str, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


def test_parse_args_refuses_a_remote_url_without_allow_remote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--url", "http://192.0.2.10", "--token", "abc"])
    assert exit_info.value.code == 2
    assert "not a loopback address" in capsys.readouterr().err

    args = parse_args(["--url", "http://192.0.2.10", "--token", "abc", "--allow-remote"])
    assert args.url == "http://192.0.2.10"


def test_parse_args_needs_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BENCH_TOKEN", raising=False)
    with pytest.raises(SystemExit):
        parse_args([])
    assert "a token is required" in capsys.readouterr().err


def test_parse_args_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_TOKEN", "nbt_abc.def")
    monkeypatch.delenv("BENCH_URL", raising=False)
    args = parse_args(["--server-pids", "10, 11 12", "--smoke"])
    assert (args.url, args.token, args.workload) == ("http://127.0.0.1:8000", "nbt_abc.def", "ipam")
    assert (args.server_pids, args.smoke, args.json) == ([10, 11, 12], True, None)


def test_pid_list_rejects_non_numbers() -> None:
    assert pid_list("1,2") == [1, 2]
    with pytest.raises(Exception, match="expected process ids"):
        pid_list("gunicorn")


def test_client_picks_the_token_keyword_and_reroots_next_links() -> None:
    v2 = Client("http://127.0.0.1:8000/", "nbt_key.secret")
    v1 = Client("http://localhost:8000/netbox", "0123456789abcdef0123456789abcdef01234567")

    assert v2.headers["Authorization"] == "Bearer nbt_key.secret"
    assert v1.headers["Authorization"].startswith("Token 0123")
    assert v2.url("/api/status/") == "http://127.0.0.1:8000/api/status/"
    assert v1.url("/api/ipam/") == "http://localhost:8000/netbox/api/ipam/"
    # A `next` link built for another host name is followed on the given URL only.
    assert (
        v1.url("https://netbox.example.com/netbox/api/ipam/prefixes/?limit=100&offset=100")
        == "http://localhost:8000/netbox/api/ipam/prefixes/?limit=100&offset=100"
    )


def test_chunks() -> None:
    assert chunks([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert chunks([], 500) == []


# --- the IPAM workload's layout and answer checks ---------------------------------


def make_run(sizes: Sizes = FULL) -> Run:
    net4 = ipaddress.IPv4Network("10.7.0.0/16")
    return Run("abc123", net4, ipaddress.IPv6Network("2001:db8:9::/48"), sizes)


def test_bulk_addresses_fill_hosts_1_to_250_of_consecutive_24s() -> None:
    run = make_run()
    assert run.numbered(0, 0) == "10.7.0.1/24"
    assert run.numbered(0, 249) == "10.7.0.250/24"
    assert run.numbered(0, 250) == "10.7.1.1/24"
    assert run.numbered(0, 9999) == "10.7.39.250/24"
    assert run.octets(0, 10_000) == list(range(40))
    assert run.octets(64, 1_000) == [64, 65, 66, 67]
    assert run.subnet(104, 22) == "10.7.104.0/22"


def test_filtered_reads_expect_netbox_counts_for_the_run_data() -> None:
    run = make_run(Sizes(bulk_ips=300, reads_per_filter=4))
    run.children = 5
    reads = filter_reads(run)

    assert bulk_hosts(run, 0) == list(range(1, 251))
    assert bulk_hosts(run, 1) == list(range(1, 51))
    parent = reads["filter_parent"]
    assert [params for _, params, _ in parent] == [
        {"parent": "10.7.0.0/24"},
        {"parent": "10.7.1.0/24"},
    ] * 2
    assert parent[1][2]({"count": 50}) is None
    assert parent[0][2]({"count": 50}) == "count 50, expected 250"
    # `q` matches addresses starting with "10.7.0.1": hosts 1, 10-19 and 100-199.
    q_path, q_params, q_check = reads["filter_q"][0]
    assert (q_path, q_params) == ("/api/ipam/ip-addresses/", {"q": "10.7.0.1"})
    assert q_check({"count": 111}) is None
    assert reads["filter_q"][1][2]({"count": 11}) is None  # hosts 1 and 10-19 of 1..50
    assert {params["address"] for _, params, _ in reads["filter_address"]} == {
        "10.7.0.1",
        "10.7.1.2",
        "10.7.0.3",
        "10.7.1.4",
    }
    within_path, within_params, within_check = reads["filter_prefix_within"][0]
    assert (within_path, within_params) == ("/api/ipam/prefixes/", {"within": "10.7.0.0/16"})
    assert within_check({"count": 5}) is None


def test_available_checks() -> None:
    v4_first = first_available_is(ipaddress.IPv4Address("10.7.100.2"))
    assert v4_first([{"family": 4, "address": "10.7.100.2/24", "vrf": None}]) is None
    wrong = v4_first([{"address": "10.7.100.1/24"}])
    assert wrong == "first available 10.7.100.1, expected 10.7.100.2"
    assert v4_first([]) == "expected a non-empty list, got []"
    v6_first = first_available_is(ipaddress.IPv6Address("2001:db8:9::2711"))
    assert v6_first([{"address": "2001:db8:9::2711/48"}]) is None

    within = all_within(ipaddress.IPv4Network("10.7.0.0/16"))
    assert within([{"prefix": "10.7.40.0/21"}, {"prefix": "10.7.128.0/17"}]) is None
    assert within([{"prefix": "10.8.0.0/16"}]) == "blocks outside 10.7.0.0/16: ['10.8.0.0/16']"
    assert count_is(1)({"count": 2}) == "count 2, expected 1"


# --- server processes from /proc ----------------------------------------------------


def fake_process(proc: Path, pid: int, ppid: int, command: str, rss_kib: int) -> None:
    directory = proc / str(pid)
    directory.mkdir(parents=True)
    name = command.split()[0]
    (directory / "stat").write_text(f"{pid} ({name} (x)) S {ppid} {pid} {pid} 0 -1\n")
    (directory / "cmdline").write_bytes(command.replace(" ", "\0").encode() + b"\0")
    (directory / "status").write_text(f"Name:\t{name}\nVmRSS:\t{rss_kib} kB\nThreads:\t4\n")


@pytest.fixture
def proc(tmp_path: Path) -> Path:
    fake_process(tmp_path, 100, 1, "gunicorn ipamcore.wsgi --workers 2", 20480)
    fake_process(tmp_path, 101, 100, "gunicorn ipamcore.wsgi --workers 2", 81920)
    fake_process(tmp_path, 102, 100, "gunicorn ipamcore.wsgi --workers 2", 92160)
    fake_process(tmp_path, 200, 1, "postgres -D /var/lib/postgresql", 40960)
    (tmp_path / "self").mkdir()
    return tmp_path


def test_server_processes_add_the_workers_of_a_given_master(proc: Path) -> None:
    assert server_processes([100], proc=proc) == [100, 101, 102]
    assert server_processes([], "ipamcore.wsgi", proc=proc) == [100, 101, 102]
    assert server_processes([], None, proc=proc) == []


def test_memory_report_names_master_and_workers(proc: Path) -> None:
    report = memory_report([100, 101, 102, 999], proc=proc)  # 999 is gone: left out

    assert [(item["pid"], item["role"], item["rss_mib"]) for item in report] == [
        (100, "master", 20.0),
        (101, "worker", 80.0),
        (102, "worker", 90.0),
    ]
    assert report[1]["command"] == "gunicorn ipamcore.wsgi --workers 2"
    text = format_memory(report)
    assert "worker pid 102" in text
    assert text.endswith("max RSS per worker: 90.0 MiB")


def test_format_memory_without_processes() -> None:
    assert "no server processes given" in format_memory([])


def test_read_rss_of_this_process() -> None:
    rss = read_rss_kib(os.getpid())
    assert rss is not None and rss > 0
