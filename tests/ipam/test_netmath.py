"""ipam.netmath: pure functions, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipam import netmath
from ipam.netmath import to_int, to_text


def ip(text: str) -> int:
    return to_int(text)[0]


def span_text(span: tuple[int, int] | None, family: int = 4) -> tuple[str, str] | None:
    return None if span is None else (to_text(span[0], family), to_text(span[1], family))


@pytest.mark.parametrize(
    ("network", "length", "family", "pool", "expected"),
    [
        ("10.0.0.0", 24, 4, False, ("10.0.0.1", "10.0.0.254")),
        ("10.0.0.0", 24, 4, True, ("10.0.0.0", "10.0.0.255")),
        ("10.0.0.0", 31, 4, False, ("10.0.0.0", "10.0.0.1")),
        ("10.0.0.7", 32, 4, False, ("10.0.0.7", "10.0.0.7")),
        ("2001:db8::", 64, 6, False, ("2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff")),
        ("2001:db8::", 64, 6, True, ("2001:db8::", "2001:db8::ffff:ffff:ffff:ffff")),
        ("2001:db8::", 127, 6, False, ("2001:db8::", "2001:db8::1")),
        ("2001:db8::5", 128, 6, False, ("2001:db8::5", "2001:db8::5")),
    ],
)
def test_usable_span(
    network: str, length: int, family: int, pool: bool, expected: tuple[str, str]
) -> None:
    span = netmath.usable_span(ip(network), length, family, is_pool=pool)
    assert span_text(span, family) == expected


def test_network_span_ignores_host_bits() -> None:
    assert span_text(netmath.network_span(ip("10.1.2.3"), 16, 4)) == ("10.1.0.0", "10.1.255.255")


def test_usable_size() -> None:
    assert netmath.usable_size(24, 4) == 254
    assert netmath.usable_size(24, 4, is_pool=True) == 256
    assert netmath.usable_size(31, 4) == 2
    assert netmath.usable_size(64, 6) == 2**64


def test_free_intervals_between_sorted_occupied() -> None:
    occupied = [(2, 3), (3, 5), (9, 9), (20, 30)]
    assert list(netmath.free_intervals((1, 12), occupied)) == [(1, 1), (6, 8), (10, 12)]


def test_free_intervals_with_occupied_outside_and_covering() -> None:
    assert list(netmath.free_intervals((10, 20), [(0, 12), (18, 40)])) == [(13, 17)]
    assert list(netmath.free_intervals((10, 20), [(0, 40)])) == []
    assert list(netmath.free_intervals((10, 20), [])) == [(10, 20)]
    assert list(netmath.free_intervals((10, 20), [(5, 8), (25, 30)])) == [(10, 20)]


def test_free_intervals_is_lazy() -> None:
    pulled = []

    def occupied():  # type: ignore[no-untyped-def]
        for n in range(0, 10**9, 2):
            pulled.append(n)
            yield n, n

    gaps = netmath.free_intervals((0, 10**9), occupied())
    assert [next(gaps) for _ in range(3)] == [(1, 1), (3, 3), (5, 5)]
    assert len(pulled) == 4


def test_first_free() -> None:
    free = [(1, 2), (5, 5), (8, 100)]
    assert netmath.first_free(free, 5) == [1, 2, 5, 8, 9]
    assert netmath.first_free(free, 0) == []
    assert netmath.first_free([(1, 2)], 5) == [1, 2]


def test_first_free_in_ipv6_48_with_10000_taken() -> None:
    first, last = netmath.usable_span(ip("2001:db8:1::"), 48, 6)
    taken = [(first + n, first + n) for n in range(10_000)]
    free = netmath.first_free(netmath.free_intervals((first, last), taken), 50)
    assert to_text(free[0], 6) == "2001:db8:1::2711"
    assert len(free) == 50


def test_cidr_blocks_are_minimal_and_ascending() -> None:
    blocks = list(netmath.cidr_blocks((ip("10.0.0.1"), ip("10.0.0.6")), 4))
    assert [(to_text(n, 4), length) for n, length in blocks] == [
        ("10.0.0.1", 32),
        ("10.0.0.2", 31),
        ("10.0.0.4", 31),
        ("10.0.0.6", 32),
    ]
    whole = list(netmath.cidr_blocks((0, 2**32 - 1), 4))
    assert whole == [(0, 0)]
    v6 = list(netmath.cidr_blocks(netmath.network_span(ip("2001:db8::"), 48, 6), 6))
    assert v6 == [(ip("2001:db8::"), 48)]


def test_free_blocks_of_a_parent_minus_children() -> None:
    parent = netmath.network_span(ip("10.0.0.0"), 16, 4)
    children = [
        netmath.network_span(ip("10.0.0.0"), 24, 4),
        netmath.network_span(ip("10.0.1.0"), 24, 4),
        netmath.network_span(ip("10.0.4.0"), 22, 4),
    ]
    blocks = netmath.free_blocks(netmath.free_intervals(parent, children), 4)
    assert [f"{to_text(n, 4)}/{length}" for n, length in blocks] == [
        "10.0.2.0/23",
        "10.0.8.0/21",
        "10.0.16.0/20",
        "10.0.32.0/19",
        "10.0.64.0/18",
        "10.0.128.0/17",
    ]


def test_first_fit_takes_first_block_large_enough() -> None:
    free = [(ip("10.0.2.0"), ip("10.0.3.255")), (ip("10.0.8.0"), ip("10.0.15.255"))]
    assert netmath.first_fit(free, 24, 4) == (ip("10.0.2.0"), 24)
    assert netmath.first_fit(free, 22, 4) == (ip("10.0.8.0"), 22)
    assert netmath.first_fit(free, 20, 4) is None
    assert netmath.first_fit(free, 33, 4) is None


def test_allocate_prefixes_shrinks_the_free_space() -> None:
    free = [(ip("10.0.2.0"), ip("10.0.3.255")), (ip("10.0.8.0"), ip("10.0.15.255"))]
    blocks = netmath.allocate_prefixes(free, [24, 24, 24, 23], 4)
    assert blocks is not None
    assert [f"{to_text(n, 4)}/{length}" for n, length in blocks] == [
        "10.0.2.0/24",
        "10.0.3.0/24",
        "10.0.8.0/24",
        "10.0.10.0/23",
    ]
    assert netmath.allocate_prefixes(free, [23, 23, 22, 22], 4) is None


def test_allocate_prefixes_keeps_smaller_leftovers_usable() -> None:
    free = [(0, 255)]
    blocks = netmath.allocate_prefixes(free, [26, 25, 26], 4)
    assert blocks == [(0, 26), (128, 25), (64, 26)]


def test_utilization() -> None:
    assert netmath.utilization(1, 8) == Decimal("12.50")
    assert netmath.utilization(1, 3) == Decimal("33.33")
    assert netmath.utilization(2, 3) == Decimal("66.67")
    assert netmath.utilization(300, 254) == Decimal("100.00")
    assert netmath.utilization(0, 0) == Decimal(0)
    assert netmath.utilization(10_000, 2**80) == Decimal("0.00")


def test_percent_text() -> None:
    assert netmath.percent_text(Decimal("12.50")) == "12.5"
    assert netmath.percent_text(Decimal("100.00")) == "100"
    assert netmath.percent_text(Decimal("0.00")) == "0"
    assert netmath.percent_text(Decimal("33.33")) == "33.33"


def test_free_in_spans() -> None:
    spans = [(1, 5), (10, 12)]
    assert list(netmath.free_in_spans(spans, [1, 2, 4, 11])) == [(3, 3), (5, 5), (10, 10), (12, 12)]


def test_bad_family() -> None:
    with pytest.raises(ValueError):
        netmath.bits(5)


def test_merge_intervals() -> None:
    assert netmath.merge_intervals([(10, 12), (1, 3), (4, 5), (11, 20), (30, 30)]) == [
        (1, 5),
        (10, 20),
        (30, 30),
    ]
    assert list(netmath.free_in_spans([(10, 12), (1, 5), (4, 6)], [2])) == [
        (1, 1),
        (3, 6),
        (10, 12),
    ]
