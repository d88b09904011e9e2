"""Rack units: positions, faces, half units, full depth, and the elevation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dcim.models import Device, Manufacturer, Rack, RackType, Site
from dcim.services import rack_elevation
from tests.dcim.conftest import device_type_of


def overlap_message(position: str, model: str, height: str) -> str:
    return (
        f"U{position} is already occupied or does not have sufficient space to accommodate "
        f"this device type: {model} ({height}U)"
    )


def test_devices_on_the_same_face_cannot_share_units(make_device: Any, rack: Rack) -> None:
    make_device("r1", rack=rack, position=Decimal(10), face="front")
    with pytest.raises(ValidationError) as error:
        make_device("r2", rack=rack, position=Decimal(10), face="front")
    assert error.value.message_dict == {"position": [overlap_message("10", "MX204", "1.0")]}
    assert not Device.objects.filter(name="r2").exists()


def test_a_taller_device_overlaps_the_units_above_its_position(
    make_device: Any, manufacturer: Manufacturer, rack: Rack
) -> None:
    tall = device_type_of(manufacturer, "QFX10008", u_height=Decimal(13))
    make_device("big", device_type=tall, rack=rack, position=Decimal(20), face="front")
    with pytest.raises(ValidationError):
        make_device("r1", rack=rack, position=Decimal(32), face="front")
    make_device("r2", rack=rack, position=Decimal(33), face="front")
    make_device("r3", rack=rack, position=Decimal(19), face="front")
    with pytest.raises(ValidationError):
        make_device("r4", device_type=tall, rack=rack, position=Decimal(8), face="front")


def test_half_depth_devices_share_units_on_opposite_faces(
    make_device: Any, manufacturer: Manufacturer, rack: Rack
) -> None:
    half_depth = device_type_of(manufacturer, "PDU-1", is_full_depth=False)
    make_device("front", device_type=half_depth, rack=rack, position=Decimal(5), face="front")
    make_device("rear", device_type=half_depth, rack=rack, position=Decimal(5), face="rear")
    assert Device.objects.filter(rack=rack, position=5).count() == 2


def test_full_depth_devices_occupy_both_faces(
    make_device: Any, manufacturer: Manufacturer, rack: Rack
) -> None:
    half_depth = device_type_of(manufacturer, "PDU-1", is_full_depth=False)
    make_device("deep", rack=rack, position=Decimal(5), face="front")  # MX204 is full depth
    with pytest.raises(ValidationError) as error:
        make_device("rear", device_type=half_depth, rack=rack, position=Decimal(5), face="rear")
    assert "position" in error.value.message_dict
    make_device("shallow", device_type=half_depth, rack=rack, position=Decimal(7), face="rear")
    with pytest.raises(ValidationError):
        make_device("deep2", rack=rack, position=Decimal(7), face="front")


def test_half_unit_devices_stack_in_one_unit(
    make_device: Any, manufacturer: Manufacturer, rack: Rack
) -> None:
    half_u = device_type_of(manufacturer, "Mini", u_height=Decimal("0.5"))
    make_device("lower", device_type=half_u, rack=rack, position=Decimal("3.0"), face="front")
    make_device("upper", device_type=half_u, rack=rack, position=Decimal("3.5"), face="front")
    with pytest.raises(ValidationError) as error:
        make_device("third", device_type=half_u, rack=rack, position=Decimal("3.5"), face="front")
    assert error.value.message_dict == {"position": [overlap_message("3.5", "Mini", "0.5")]}
    # A 1U device starting at a half unit overlaps both neighbours.
    with pytest.raises(ValidationError):
        make_device("straddle", rack=rack, position=Decimal("2.5"), face="front")


def test_position_rules(make_device: Any, manufacturer: Manufacturer, rack: Rack) -> None:
    with pytest.raises(ValidationError) as error:
        make_device("a", rack=rack, position=Decimal("4.3"), face="front")
    assert error.value.message_dict["position"] == [
        "Position must be in increments of 0.5 rack units."
    ]
    with pytest.raises(ValidationError) as error:
        make_device("b", rack=rack, position=Decimal(4))
    assert error.value.message_dict == {
        "face": ["Must specify rack face when defining rack position."]
    }
    with pytest.raises(ValidationError) as error:
        make_device("c", position=Decimal(4), face="")
    assert error.value.message_dict == {
        "position": ["Cannot select a rack position without assigning a rack."]
    }
    with pytest.raises(ValidationError) as error:
        make_device(
            "d",
            rack=rack,
            position=Decimal(42),
            face="front",
            device_type=device_type_of(manufacturer, "Two", u_height=Decimal(2)),
        )
    assert "position" in error.value.message_dict  # the top unit is 42: a 2U device does not fit
    zero_u = device_type_of(manufacturer, "Strip", u_height=Decimal(0))
    with pytest.raises(ValidationError) as error:
        make_device("e", device_type=zero_u, rack=rack, position=Decimal(1), face="front")
    assert error.value.message_dict == {
        "position": ["A 0U device type (Strip) cannot be assigned to a rack position."]
    }


def test_a_device_may_be_moved_within_its_own_units(make_device: Any, rack: Rack) -> None:
    device = make_device("r1", rack=rack, position=Decimal(10), face="front")
    device.face = "rear"
    device.full_clean()
    device.save()


def test_rack_cannot_shrink_below_its_devices(make_device: Any, rack: Rack) -> None:
    make_device("r1", rack=rack, position=Decimal(40), face="front")
    rack.u_height = 39
    with pytest.raises(ValidationError) as error:
        rack.full_clean()
    assert error.value.message_dict == {
        "u_height": ["Rack must be at least 40U tall to house currently installed devices."]
    }


def test_rack_location_must_be_in_its_site(site: Site) -> None:
    from dcim.models import Location

    other = Site.objects.create(name="DC2", slug="dc2")
    hall = Location.objects.create(name="Hall", slug="hall", site=other)
    rack = Rack(name="R9", site=site, location=hall)
    with pytest.raises(ValidationError) as error:
        rack.full_clean()
    assert error.value.message_dict == {
        "location": ["Assigned location must belong to parent site (DC1)."]
    }


def test_rack_type_sets_the_physical_properties(site: Site, manufacturer: Manufacturer) -> None:
    rack_type = RackType.objects.create(
        manufacturer=manufacturer, model="AR3100", slug="ar3100", u_height=48, width=23
    )
    rack = Rack(name="R2", site=site, rack_type=rack_type)
    rack.full_clean()
    rack.save()
    rack.refresh_from_db()
    assert (rack.u_height, rack.width) == (48, 23)


def test_elevation_lists_half_units_with_their_occupants(
    make_device: Any, manufacturer: Manufacturer, site: Site
) -> None:
    rack = Rack.objects.create(name="Small", site=site, u_height=4)
    two_u = device_type_of(manufacturer, "Two", u_height=Decimal(2))
    shallow = device_type_of(manufacturer, "Shallow", is_full_depth=False)
    big = make_device("big", device_type=two_u, rack=rack, position=Decimal(2), face="front")
    make_device("back", device_type=shallow, rack=rack, position=Decimal(4), face="rear")

    front = rack_elevation(rack, face="front")
    assert [unit["name"] for unit in front] == [
        "U4.5", "U4", "U3.5", "U3", "U2.5", "U2", "U1.5", "U1",
    ]  # fmt: skip
    occupants = {unit["name"]: unit["device"] for unit in front if unit["occupied"]}
    assert occupants == {"U3.5": big, "U3": big, "U2.5": big, "U2": big}

    rear = rack_elevation(rack, face="rear")
    assert [unit["name"] for unit in rear if unit["occupied"]] == [
        "U4.5", "U4", "U3.5", "U3", "U2.5", "U2",
    ]  # fmt: skip

    compact = rack_elevation(rack, face="front", expand_devices=False)
    assert [unit["name"] for unit in compact] == ["U4.5", "U4", "U2", "U1.5", "U1"]
    assert rack_elevation(rack, face="front", exclude=big.pk)[5]["device"] is None
