"""IPAM at scale: 100,000 prefixes and 1,000,000 addresses, loaded with bulk SQL, then
the hierarchy and utilization costs measured (docs/decisions/0001-ip-hierarchy.md).

Not part of the test suite. Run against a scratch database:

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ipam_scale \\
        .venv/bin/python bench/ipam_scale.py [load] [measure] [--json out.json]

`load` empties the IPAM tables of that database and fills them; `measure` times, in
process (Django's test client, no network): a prefix list page with utilization,
`utilization__gte=80`, available-ips on an IPv4 /24 and an IPv6 /48 holding 10,000
addresses, and the per-write overhead of keeping the hierarchy (creating an IP, a
prefix; each alone, through the API and through the refresh service only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipamcore.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from ipam.models import IPAddress, Prefix  # noqa: E402
from ipam.services import hierarchy, positions  # noqa: E402
from users.models import Token, User  # noqa: E402

# Two /8 containers, 200 /16 containers in each, 249 /24s in each /16: 100,002 prefixes.
# Every /24 holds 6 addresses, every 50th one 220 (about 87 % used): 1,023,888 addresses.
EIGHTS = (10, 11)
SIXTEENS = 200
TWENTYFOURS = 249
LOAD_SQL = [
    "TRUNCATE ipam_ipaddress, ipam_iprange, ipam_prefix RESTART IDENTITY CASCADE",
    f"""INSERT INTO ipam_prefix (prefix, status, is_pool, mark_utilized, _depth, _children,
            _utilization, description, comments, custom_field_data, created, last_updated)
        SELECT net, status, false, false, 0, 0, 0, '', '', '{{}}', now(), now() FROM (
            SELECT format('%s.0.0.0/8', a)::cidr AS net, 'container' AS status
              FROM unnest(ARRAY{list(EIGHTS)}) a
            UNION ALL
            SELECT format('%s.%s.0.0/16', a, b)::cidr, 'container'
              FROM unnest(ARRAY{list(EIGHTS)}) a, generate_series(0, {SIXTEENS - 1}) b
            UNION ALL
            SELECT format('%s.%s.%s.0/24', a, b, c)::cidr, 'active'
              FROM unnest(ARRAY{list(EIGHTS)}) a, generate_series(0, {SIXTEENS - 1}) b,
                   generate_series(0, {TWENTYFOURS - 1}) c
        ) rows""",
    f"""INSERT INTO ipam_ipaddress (address, status, role, dns_name, description, comments,
            custom_field_data, created, last_updated)
        SELECT format('%s.%s.%s.%s/24', a, b, c, h)::inet, 'active', '', '', '', '', '{{}}',
               now(), now()
        FROM unnest(ARRAY{list(EIGHTS)}) a, generate_series(0, {SIXTEENS - 1}) b,
             generate_series(0, {TWENTYFOURS - 1}) c,
             LATERAL generate_series(1, CASE WHEN (b * {TWENTYFOURS} + c) % 50 = 0
                                             THEN 220 ELSE 6 END) h""",
    # An IPv6 /48 holding 10,000 addresses, for available-ips.
    """INSERT INTO ipam_prefix (prefix, status, is_pool, mark_utilized, _depth, _children,
            _utilization, description, comments, custom_field_data, created, last_updated)
        VALUES ('2001:db8:1::/48', 'active', false, false, 0, 0, 0, '', '', '{}', now(), now())""",
    """INSERT INTO ipam_ipaddress (address, status, role, dns_name, description, comments,
            custom_field_data, created, last_updated)
        SELECT set_masklen('2001:db8:1::'::inet + n, 64), 'active', '', '', '', '', '{}',
               now(), now()
        FROM generate_series(1, 10000) n""",
]


def timed(label: str, action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.1f} s", flush=True)
    return elapsed


def load() -> dict[str, float]:
    results: dict[str, float] = {}
    with connection.cursor() as cursor:
        for index, sql in enumerate(LOAD_SQL):
            results[f"load_step_{index}_s"] = timed(
                f"load step {index}", lambda sql=sql: cursor.execute(sql)
            )
        cursor.execute("VACUUM ANALYZE ipam_prefix")
        cursor.execute("VACUUM ANALYZE ipam_ipaddress")
    results["rebuild_all_s"] = timed("rebuild of every cached column", hierarchy.rebuild_all)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE ipam_prefix")
    print(f"{Prefix.objects.count()} prefixes, {IPAddress.objects.count()} addresses")
    return results


def client() -> APIClient:
    user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", "bench@example.com", "bench-password-123"
    )
    token = Token(user=user)
    token.set_plaintext()
    token.save()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token.header_value}")
    return api


def timings(action: Callable[[], Any], runs: int = 20) -> tuple[float, float]:
    """(median, fastest) in ms. On a shared machine the fastest run is the better
    estimate of the cost itself; both are reported."""
    action()  # warm caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2), round(min(samples), 2)


def run_all(actions: dict[str, tuple[Callable[[], Any], int]]) -> dict[str, float]:
    results: dict[str, float] = {}
    for name, (action, runs) in actions.items():
        results[name], results[f"{name}_fastest"] = timings(action, runs)
        print(f"{name}: {results[name]} (fastest {results[f'{name}_fastest']})", flush=True)
    return results


def get(api: APIClient, url: str, **params: Any) -> Callable[[], Any]:
    def call() -> Any:
        response = api.get(url, params)
        assert response.status_code == 200, response.content[:300]
        return response

    return call


class Rollback(Exception):
    pass


def in_rollback(action: Callable[[], Any]) -> Callable[[], Any]:
    """Run a write and undo it, so repeated runs measure the same state."""

    def call() -> None:
        try:
            with transaction.atomic():
                action()
                raise Rollback
        except Rollback:
            pass

    return call


def measure() -> dict[str, float]:
    with connection.cursor() as cursor:  # rolled-back writes of earlier runs leave dead rows
        cursor.execute("VACUUM ANALYZE ipam_prefix")
        cursor.execute("VACUUM ANALYZE ipam_ipaddress")
    api = client()
    v4 = Prefix.objects.get(prefix="10.0.1.0/24")
    v6 = Prefix.objects.get(prefix="2001:db8:1::/48")
    container = Prefix.objects.get(prefix="10.5.0.0/16")
    results = run_all(
        {
            "prefix_list_page_ms": (get(api, "/api/ipam/prefixes/", limit=50), 20),
            "prefix_list_ordered_by_utilization_ms": (
                get(api, "/api/ipam/prefixes/", limit=50, ordering="-utilization"),
                20,
            ),
            "prefix_utilization_gte_80_ms": (
                get(api, "/api/ipam/prefixes/", limit=50, utilization__gte=80),
                20,
            ),
            "available_ips_v4_24_ms": (get(api, f"/api/ipam/prefixes/{v4.pk}/available-ips/"), 20),
            "available_ips_v6_48_ms": (get(api, f"/api/ipam/prefixes/{v6.pk}/available-ips/"), 20),
            "available_prefixes_16_ms": (
                get(api, f"/api/ipam/prefixes/{container.pk}/available-prefixes/"),
                20,
            ),
        }
    )
    results.update(write_overheads(api, v4))
    results.update(computed_on_read())
    return results


def computed_on_read() -> dict[str, float]:
    """The alternative not taken: the same values computed by SQL while reading."""
    values = (
        f"{hierarchy.PREFIX_DEPTH}, {hierarchy.PREFIX_CHILDREN}, {hierarchy.PREFIX_UTILIZATION}"
    )
    page = f"""SELECT p.id, {values} FROM ipam_prefix p
               ORDER BY p.vrf_id NULLS FIRST, p.prefix, p.id LIMIT 50"""
    busy = f"SELECT COUNT(*) FROM ipam_prefix p WHERE ({hierarchy.PREFIX_UTILIZATION}) >= 80"

    def run(sql: str) -> Callable[[], None]:
        def call() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SET jit = off")
                cursor.execute(sql)
                cursor.fetchall()

        return call

    return run_all(
        {
            "on_read_prefix_page_sql_ms": (run(page), 5),
            "on_read_utilization_gte_80_count_sql_ms": (run(busy), 1),
            "stored_utilization_gte_80_count_sql_ms": (
                run("SELECT COUNT(*) FROM ipam_prefix WHERE _utilization >= 80"),
                5,
            ),
        }
    )


def write_overheads(api: APIClient, v4: Prefix) -> dict[str, float]:
    def refresh_ip() -> None:
        ip = IPAddress.objects.create(address="10.0.1.200/24")
        hierarchy.refresh_after_ip_write([positions.of_instance(ip)])

    def refresh_prefix() -> None:
        prefix = Prefix.objects.create(prefix="10.0.250.0/24")
        hierarchy.refresh_after_prefix_write([], [positions.of_instance(prefix)], [prefix.pk])

    def refresh_new_prefix(cidr: str) -> Callable[[], None]:
        def call() -> None:
            prefix = Prefix.objects.create(prefix=cidr)
            hierarchy.refresh_after_prefix_write([], [positions.of_instance(prefix)], [prefix.pk])

        return call

    def post(url: str, body: Any) -> Callable[[], None]:
        def call() -> None:
            response = api.post(url, body, format="json")
            assert response.status_code == 201, response.content[:300]

        return call

    return run_all(
        {
            "write_ip_refresh_only_ms": (in_rollback(refresh_ip), 20),
            "write_ip_insert_only_ms": (
                in_rollback(lambda: IPAddress.objects.create(address="10.0.1.200/24")),
                20,
            ),
            "write_prefix_refresh_only_ms": (in_rollback(refresh_prefix), 20),
            # Worst cases: a /20 slid over 16 existing /24s, and a /7 over everything
            # (all 100,000 prefixes become one level deeper).
            "write_prefix_wrapping_16_ms": (in_rollback(refresh_new_prefix("10.0.0.0/20")), 20),
            "write_prefix_above_100k_ms": (in_rollback(refresh_new_prefix("10.0.0.0/7")), 1),
            "write_prefix_insert_only_ms": (
                in_rollback(lambda: Prefix.objects.create(prefix="10.0.250.0/24")),
                20,
            ),
            "api_post_ip_ms": (
                in_rollback(post("/api/ipam/ip-addresses/", {"address": "10.0.1.200/24"})),
                20,
            ),
            "api_post_prefix_ms": (
                in_rollback(post("/api/ipam/prefixes/", {"prefix": "10.0.250.0/24"})),
                20,
            ),
            "api_post_500_ips_ms": (
                in_rollback(
                    post(
                        "/api/ipam/ip-addresses/",
                        [
                            {"address": f"10.0.{net}.{host}/24"}
                            for net in range(2, 6)
                            for host in range(100, 225)
                        ],
                    )
                ),
                5,
            ),
            "api_allocate_ip_ms": (
                in_rollback(post(f"/api/ipam/prefixes/{v4.pk}/available-ips/", {})),
                20,
            ),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", default=["load", "measure"])
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    results: dict[str, float] = {}
    if "load" in args.steps:
        results.update(load())
    if "measure" in args.steps:
        results.update(measure())
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
