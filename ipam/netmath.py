"""Pure IP arithmetic on integers: spans, free space, first-fit, utilization.

No Django here. Addresses are plain ints with a family (4 or 6); a span or an
interval is an inclusive `(first, last)` pair. Free space is computed by walking
sorted occupied intervals and yielding the gaps between them, so the cost is the
number of occupied intervals looked at, never the size of the address space: an
IPv6 /48 costs the same as an IPv4 /24.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

Interval = tuple[int, int]  # inclusive (first, last)
Block = tuple[int, int]  # (network address, prefix length)

HUNDRED = Decimal(100)
CENTS = Decimal("0.01")


def bits(family: int) -> int:
    """Address width of a family: 32 for IPv4, 128 for IPv6."""
    if family == 4:
        return 32
    if family == 6:
        return 128
    raise ValueError(f"Unknown address family: {family}")


def to_int(address: str) -> tuple[int, int]:
    """(integer, family) of an address written with or without a mask."""
    parsed = ipaddress.ip_address(address.split("/", 1)[0])
    return int(parsed), parsed.version


def to_text(value: int, family: int) -> str:
    """The address text of an integer, e.g. 167772161 → "10.0.0.1"."""
    return str(ipaddress.IPv4Address(value) if family == 4 else ipaddress.IPv6Address(value))


def block_size(prefixlen: int, family: int) -> int:
    return 1 << (bits(family) - prefixlen)


def network_span(network: int, prefixlen: int, family: int) -> Interval:
    """Every address of a network (its host bits are ignored)."""
    size = block_size(prefixlen, family)
    first = network - network % size
    return first, first + size - 1


def usable_span(
    network: int, prefixlen: int, family: int, is_pool: bool = False
) -> Interval | None:
    """Addresses of a prefix that may be handed out; None when there are none.

    IPv4 drops the network and broadcast addresses, IPv6 the subnet-router anycast
    (first) address, unless the prefix is a pool or a point-to-point/host prefix
    (IPv4 /31 and /32, IPv6 /127 and /128).
    """
    first, last = network_span(network, prefixlen, family)
    if is_pool or prefixlen >= bits(family) - 1:
        return first, last
    if family == 4:
        return first + 1, last - 1
    return first + 1, last


def usable_size(prefixlen: int, family: int, is_pool: bool = False) -> int:
    """The denominator of a prefix's IP utilization (as NetBox's UI computes it):
    IPv4 prefixes shorter than /31 that are not pools lose network and broadcast;
    IPv6 prefixes count every address."""
    size = block_size(prefixlen, family)
    if family == 4 and prefixlen < 31 and not is_pool:
        return size - 2
    return size


def free_intervals(span: Interval, occupied: Iterable[Interval]) -> Iterator[Interval]:
    """The gaps of `span` not covered by `occupied`.

    `occupied` must be sorted by start; intervals may overlap each other and reach
    outside the span. Lazy: stops pulling occupied intervals when the caller stops.
    """
    low, high = span
    cursor = low  # first address not known to be occupied
    for start, end in occupied:
        if cursor > high:
            return
        if end < cursor:
            continue
        if start > high:
            break
        if start > cursor:
            yield cursor, start - 1
        cursor = max(cursor, end + 1)
    if cursor <= high:
        yield cursor, high


def first_free(free: Iterable[Interval], count: int) -> list[int]:
    """The first `count` addresses of the free intervals (fewer if they run out)."""
    found: list[int] = []
    if count <= 0:
        return found
    for start, end in free:
        take = min(end - start + 1, count - len(found))
        found.extend(range(start, start + take))
        if len(found) >= count:
            break
    return found


def cidr_blocks(interval: Interval, family: int) -> Iterator[Block]:
    """The fewest CIDR blocks exactly covering an interval, ascending."""
    width = bits(family)
    start, end = interval
    while start <= end:
        # The largest block aligned at `start` that does not run past `end`.
        size = start & -start if start else 1 << width
        while size > end - start + 1:
            size >>= 1
        yield start, width - (size.bit_length() - 1)
        start += size


def free_blocks(free: Iterable[Interval], family: int) -> Iterator[Block]:
    """Free intervals as minimal CIDR blocks, ascending (available-prefixes)."""
    for interval in free:
        yield from cidr_blocks(interval, family)


def first_fit(free: Iterable[Interval], prefixlen: int, family: int) -> Block | None:
    """The first free block whose mask is at most `prefixlen`, cut down to that length."""
    if not 0 <= prefixlen <= bits(family):
        return None
    for network, length in free_blocks(free, family):
        if length <= prefixlen:
            return network, prefixlen
    return None


def allocate_prefixes(
    free: Iterable[Interval], lengths: list[int], family: int
) -> list[Block] | None:
    """First-fit for each requested length in turn, each allocation removed from the
    free space before the next; None when one of them does not fit.

    Free intervals are pulled lazily, and only as far as the requests need.
    """
    source = iter(free)
    pulled: list[Interval] = []
    allocated: list[Block] = []
    for length in lengths:
        block = _fit_and_take(source, pulled, length, family)
        if block is None:
            return None
        allocated.append(block)
    return allocated


def _fit_and_take(
    source: Iterator[Interval], pulled: list[Interval], length: int, family: int
) -> Block | None:
    index = 0
    while True:
        if index == len(pulled):
            nxt = next(source, None)
            if nxt is None:
                return None
            pulled.append(nxt)
        block = first_fit([pulled[index]], length, family)
        if block is not None:
            first, last = network_span(block[0], length, family)
            start, end = pulled[index]
            rest = [(a, b) for a, b in ((start, first - 1), (last + 1, end)) if a <= b]
            pulled[index : index + 1] = rest
            return block
        index += 1


def utilization(used: int, size: int) -> Decimal:
    """Percent of `size` that is used: two decimals (half up), capped at 100."""
    if size <= 0:
        return Decimal(0)
    percent = (Decimal(used) * HUNDRED / Decimal(size)).quantize(CENTS, rounding=ROUND_HALF_UP)
    return min(percent, HUNDRED.quantize(CENTS))


def percent_text(value: Decimal) -> str:
    """A percentage as NetBox writes it in strings: "12.5", "100", "0"."""
    text = f"{value.quantize(CENTS):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, overlapping or touching intervals merged into disjoint ones."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def free_in_spans(spans: Iterable[Interval], used: list[int]) -> Iterator[Interval]:
    """Gaps of several spans (VLAN ID ranges) around sorted used numbers, ascending."""
    points = [(value, value) for value in used]
    for span in merge_intervals(spans):
        yield from free_intervals(span, points)
