"""Model behaviour of VLAN groups and VLANs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.backends.postgresql.psycopg_any import NumericRange

from ipam.models import VLAN, VLANGroup
from ipam.models.vlans import ranges_overlap


def vid_range(lower: int, upper: int) -> NumericRange:
    return NumericRange(lower, upper + 1)


def test_group_totals_and_membership() -> None:
    group = VLANGroup(vid_ranges=[vid_range(10, 19), vid_range(100, 100)])
    assert group.total_vlan_ids == 11
    assert group.contains_vid(10) and group.contains_vid(19) and group.contains_vid(100)
    assert not group.contains_vid(20)


def test_ranges_overlap() -> None:
    assert ranges_overlap([(1, 10), (10, 20)])
    assert ranges_overlap([(50, 60), (1, 100)])
    assert not ranges_overlap([(1, 9), (10, 20)])
    assert not ranges_overlap([])


def test_group_clean_rejects_overlapping_ranges(db: None) -> None:
    group = VLANGroup(name="G", slug="g", vid_ranges=[vid_range(1, 10), vid_range(5, 20)])
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert error.value.message_dict == {"vid_ranges": ["Ranges cannot overlap."]}


def test_vlan_clean_checks_the_group_ranges(db: None) -> None:
    group = VLANGroup.objects.create(name="G", slug="g", vid_ranges=[vid_range(100, 199)])
    VLAN(vid=150, name="ok", group=group).full_clean()
    with pytest.raises(ValidationError) as error:
        VLAN(vid=200, name="no", group=group).full_clean()
    assert error.value.message_dict == {
        "vid": ["VID must be in ranges 100-199 for VLANs in group G"]
    }


def test_group_vid_ranges_round_trip_half_open(db: None) -> None:
    group = VLANGroup.objects.create(name="G", slug="g", vid_ranges=[vid_range(1, 4094)])
    group.refresh_from_db()
    assert [(r.lower, r.upper) for r in group.vid_ranges] == [(1, 4095)]
