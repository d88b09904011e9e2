"""pynetbox, unchanged, against the live application."""

from __future__ import annotations

import pynetbox
import pytest

from ipam.models import IPAddress

pytestmark = pytest.mark.live


@pytest.fixture
def nb(live_url: str, live_token: str) -> pynetbox.api:
    return pynetbox.api(live_url, token=live_token)


def test_ipam_round_trip(nb: pynetbox.api) -> None:
    site = nb.dcim.sites.create(name="DC1", slug="dc1")
    vrf = nb.ipam.vrfs.create(name="prod", rd="65000:1")
    container = nb.ipam.prefixes.create(
        prefix="10.1.0.0/16",
        vrf=vrf.id,
        status="container",
        scope_type="dcim.site",
        scope_id=site.id,
    )
    lan = nb.ipam.prefixes.create(prefix="10.1.1.0/24", vrf=vrf.id, description="lan")
    nb.ipam.prefixes.create(prefix="10.1.2.0/24", vrf=vrf.id)
    nb.ipam.ip_addresses.create(
        [
            {"address": "10.1.1.10/24", "vrf": vrf.id, "dns_name": "web1.example.net"},
            {"address": "10.1.1.11/24", "vrf": vrf.id, "dns_name": "web2.example.net"},
            {"address": "10.1.2.10/24", "vrf": vrf.id},
        ]
    )

    assert {str(p) for p in nb.ipam.prefixes.filter(within="10.1.0.0/16")} == {
        "10.1.1.0/24",
        "10.1.2.0/24",
    }
    assert {str(ip) for ip in nb.ipam.ip_addresses.filter(parent="10.1.1.0/24")} == {
        "10.1.1.10/24",
        "10.1.1.11/24",
    }
    assert [str(ip) for ip in nb.ipam.ip_addresses.filter("web2")] == ["10.1.1.11/24"]
    assert [p.prefix for p in nb.ipam.prefixes.filter(q="lan")] == ["10.1.1.0/24"]

    fetched = nb.ipam.prefixes.get(lan.id)
    assert fetched.vrf.rd == "65000:1"  # the nested object, followed through its url
    assert fetched._depth == 1 and fetched.utilization == pytest.approx(0.79)
    assert nb.ipam.prefixes.get(container.id).children == 2
    assert nb.ipam.prefixes.get(999999) is None

    fetched.description = "front-end LAN"
    assert fetched.save()
    assert nb.ipam.prefixes.get(lan.id).description == "front-end LAN"

    web2 = nb.ipam.ip_addresses.get(address="10.1.1.11/24")
    assert web2.delete()
    assert nb.ipam.ip_addresses.count(vrf_id=vrf.id) == 2


def test_available_ips_and_prefixes(nb: pynetbox.api) -> None:
    parent = nb.ipam.prefixes.create(prefix="192.168.0.0/22", status="container")
    child = nb.ipam.prefixes.create(prefix="192.168.0.0/24")

    listed = child.available_ips.list()
    assert str(listed[0]) == "192.168.0.1/24" and len(listed) == 50
    one = child.available_ips.create({"description": "gw"})
    assert (one.address, one.description) == ("192.168.0.1/24", "gw")
    several = child.available_ips.create([{}, {"dns_name": "b.example.net"}])
    assert [ip.address for ip in several] == ["192.168.0.2/24", "192.168.0.3/24"]

    assert [str(p) for p in parent.available_prefixes.list()] == [
        "192.168.1.0/24",
        "192.168.2.0/23",
    ]
    new = parent.available_prefixes.create({"prefix_length": 25, "description": "dmz"})
    assert (new.prefix, new.description, new._depth) == ("192.168.1.0/25", "dmz", 1)
    with pytest.raises(pynetbox.RequestError):
        parent.available_prefixes.create({"prefix_length": 33})
    small = nb.ipam.prefixes.create(prefix="192.168.3.252/31")
    small.available_ips.create([{}, {}])
    with pytest.raises(pynetbox.core.query.AllocationError):
        small.available_ips.create({})


def test_paging_past_1000_objects(nb: pynetbox.api) -> None:
    IPAddress.objects.bulk_create(
        IPAddress(address=f"10.{n // 65536}.{n // 256 % 256}.{n % 256}/8") for n in range(1, 1201)
    )
    addresses = list(nb.ipam.ip_addresses.all())  # limit=0: pages of 1,000, then the rest
    assert len(addresses) == 1200
    assert len({ip.id for ip in addresses}) == 1200
    assert nb.ipam.ip_addresses.count() == 1200
    assert len(list(nb.ipam.ip_addresses.filter(parent="10.0.1.0/24"))) == 256
