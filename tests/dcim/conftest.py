"""Building blocks for DCIM model tests: a site with a device type, role and builders."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer, Rack, Site


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="DC1", slug="dc1")


@pytest.fixture
def manufacturer(db: None) -> Manufacturer:
    return Manufacturer.objects.create(name="Juniper", slug="juniper")


@pytest.fixture
def device_type(manufacturer: Manufacturer) -> DeviceType:
    return DeviceType.objects.create(manufacturer=manufacturer, model="MX204", slug="mx204")


@pytest.fixture
def role(db: None) -> DeviceRole:
    return DeviceRole.objects.create(name="Router", slug="router")


@pytest.fixture
def rack(site: Site) -> Rack:
    return Rack.objects.create(name="R1", site=site, u_height=42)


@pytest.fixture
def make_device(site: Site, device_type: DeviceType, role: DeviceRole) -> Any:
    """Saves a device after full_clean(): the rules every write path applies."""

    def make(name: str, **fields: Any) -> Device:
        fields.setdefault("site", site)
        fields.setdefault("device_type", device_type)
        fields.setdefault("role", role)
        device = Device(name=name, **fields)
        device.full_clean()
        device.save()
        return device

    return make


@pytest.fixture
def make_interface() -> Any:
    def make(device: Device, name: str, type: str = "1000base-t", **fields: Any) -> Interface:
        interface = Interface(device=device, name=name, type=type, **fields)
        interface.full_clean()
        interface.save()
        return interface

    return make


def device_type_of(manufacturer: Manufacturer, model: str, **fields: Any) -> DeviceType:
    fields.setdefault("u_height", Decimal("1"))
    return DeviceType.objects.create(
        manufacturer=manufacturer, model=model, slug=model.lower(), **fields
    )
