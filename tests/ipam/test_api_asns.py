"""ASN ranges, ASNs and the sites that use them, over the REST API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from dcim.models import Site, SiteGroup
from ipam.models import ASN, RIR, ASNRange, Role
from tenancy.models import Tenant
from tests.ipam.conftest import attempt, ids, post


def test_asn_shape(api: APIClient, rir: RIR, site: Site) -> None:
    role = Role.objects.create(name="Edge", slug="edge")
    created = post(
        api, "asns", {"asn": 65001, "rir": {"slug": "rfc1918"}, "role": role.pk, "sites": [site.pk]}
    )
    assert list(created) == [
        "id",
        "url",
        "display_url",
        "display",
        "asn",
        "rir",
        "role",
        "tenant",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "site_count",
        "sites",
    ]
    assert created["display"] == "AS65001"
    assert created["rir"] == {
        "id": rir.pk,
        "url": f"http://testserver/api/ipam/rirs/{rir.pk}/",
        "display": "RFC 1918",
        "name": "RFC 1918",
        "slug": "rfc1918",
        "description": "",
    }
    assert created["site_count"] == 1
    assert created["sites"] == [
        {
            "id": site.pk,
            "url": f"http://testserver/api/dcim/sites/{site.pk}/",
            "display": "DC1",
            "name": "DC1",
            "description": "",
            "slug": "dc1",
        }
    ]
    brief = api.get(created["url"], {"brief": "1"}).json()
    assert brief == {
        "id": created["id"],
        "url": created["url"],
        "display": "AS65001",
        "asn": 65001,
        "description": "",
    }


def test_32_bit_asn_display_appends_asdot(api: APIClient, rir: RIR) -> None:
    created = post(api, "asns", {"asn": 4200000001, "rir": rir.pk})
    assert created["display"] == "AS4200000001 (64086.59905)"


def test_asn_sites_are_written_from_either_side(api: APIClient, rir: RIR, site: Site) -> None:
    other = Site.objects.create(name="DC2", slug="dc2")
    created = post(api, "asns", {"asn": 65001, "rir": rir.pk, "sites": [site.pk, other.pk]})
    asn = ASN.objects.get(pk=created["id"])
    assert set(asn.sites.values_list("slug", flat=True)) == {"dc1", "dc2"}
    api.patch(created["url"], {"sites": [other.pk]}, format="json")
    assert list(asn.sites.values_list("slug", flat=True)) == ["dc2"]
    # And from the site: Site.asns.
    response = api.patch(f"/api/dcim/sites/{site.pk}/", {"asns": [asn.pk]}, format="json")
    assert response.status_code == 200
    assert response.json()["asns"] == [
        {
            "id": asn.pk,
            "url": f"http://testserver/api/ipam/asns/{asn.pk}/",
            "display": "AS65001",
            "asn": 65001,
            "description": "",
        }
    ]
    assert api.get(created["url"]).json()["site_count"] == 2


def test_asn_requires_a_rir(api: APIClient) -> None:
    response = attempt(api, "asns", {"asn": 65001})
    assert response.status_code == 400
    assert response.json() == {"rir": ["This field is required."]}


@pytest.mark.parametrize("asn", [0, 4294967296, -1])
def test_asn_bounds(api: APIClient, rir: RIR, asn: int) -> None:
    response = attempt(api, "asns", {"asn": asn, "rir": rir.pk})
    assert response.status_code == 400
    assert list(response.json()) == ["asn"]


def test_asn_accepts_the_full_32_bit_range(api: APIClient, rir: RIR) -> None:
    assert post(api, "asns", {"asn": 1, "rir": rir.pk})["asn"] == 1
    assert post(api, "asns", {"asn": 4294967295, "rir": rir.pk})["asn"] == 4294967295


def test_asn_is_globally_unique(api: APIClient, rir: RIR) -> None:
    post(api, "asns", {"asn": 65001, "rir": rir.pk})
    response = attempt(api, "asns", {"asn": 65001, "rir": rir.pk})
    assert response.status_code == 400
    assert response.json() == {"asn": ["ASN with this ASN already exists."]}


@pytest.fixture
def asns(rir: RIR, site: Site) -> dict[str, ASN]:
    public = RIR.objects.create(name="RIPE", slug="ripe")
    role = Role.objects.create(name="Edge", slug="edge")
    tenant = Tenant.objects.create(name="Acme", slug="acme")
    other = Site.objects.create(name="DC2", slug="dc2")
    at_site = ASN.objects.create(asn=65001, rir=rir, description="Campus")
    at_site.sites.add(site, other)
    elsewhere = ASN.objects.create(asn=65002, rir=rir, role=role)
    elsewhere.sites.add(other)
    return {
        "at_site": at_site,
        "elsewhere": elsewhere,
        "public": ASN.objects.create(asn=3320, rir=public, tenant=tenant),
    }


def asn_ids(asns: dict[str, ASN], *names: str) -> list[int]:
    return [asns[name].pk for name in names]


def test_asn_filters(api: APIClient, asns: dict[str, ASN]) -> None:
    site = Site.objects.get(slug="dc1")
    assert ids(api, "asns", asn=65002) == asn_ids(asns, "elsewhere")
    assert ids(api, "asns", asn__gte=65000) == asn_ids(asns, "at_site", "elsewhere")
    assert ids(api, "asns", rir="ripe") == asn_ids(asns, "public")
    assert ids(api, "asns", rir_id=asns["at_site"].rir_id) == asn_ids(asns, "at_site", "elsewhere")
    assert ids(api, "asns", role="edge") == asn_ids(asns, "elsewhere")
    assert ids(api, "asns", role_id=asns["elsewhere"].role_id) == asn_ids(asns, "elsewhere")
    assert ids(api, "asns", tenant="acme") == asn_ids(asns, "public")
    assert ids(api, "asns", site_id=site.pk) == asn_ids(asns, "at_site")
    # An ASN on two sites of the filter appears once.
    assert ids(api, "asns", site=["dc1", "dc2"]) == asn_ids(asns, "at_site", "elsewhere")
    group = SiteGroup.objects.get(slug="dcs")
    Site.objects.filter(slug="dc2").update(group=group)
    assert ids(api, "asns", site_group_id=group.pk) == asn_ids(asns, "at_site", "elsewhere")
    assert ids(api, "asns", site_group="dcs") == asn_ids(asns, "at_site", "elsewhere")
    assert ids(api, "asns", q="campus") == asn_ids(asns, "at_site")
    assert ids(api, "asns", q="3320") == asn_ids(asns, "public")
    assert ids(api, "asns", q="99999999999999999999999") == []
    assert api.get("/api/ipam/asns/", {"rir": "nope"}).status_code == 400


def test_site_asn_filters_and_q(api: APIClient, asns: dict[str, ASN]) -> None:
    dc1, dc2 = Site.objects.get(slug="dc1"), Site.objects.get(slug="dc2")
    assert ids_of_sites(api, asn=65001) == [dc1.pk, dc2.pk]
    assert ids_of_sites(api, asn=65002) == [dc2.pk]
    assert ids_of_sites(api, asn_id=asns["at_site"].pk) == [dc1.pk, dc2.pk]
    assert ids_of_sites(api, q="65002") == [dc2.pk]
    assert ids_of_sites(api, q="DC1") == [dc1.pk]
    assert api.get("/api/dcim/sites/", {"asn": 12345}).status_code == 400


def ids_of_sites(api: APIClient, **params: object) -> list[int]:
    response = api.get("/api/dcim/sites/", params)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


# --- ASN ranges -----------------------------------------------------------------------


def test_asn_range_shape_and_count(api: APIClient, rir: RIR) -> None:
    created = post(
        api,
        "asn-ranges",
        {"name": "Private", "slug": "private", "rir": rir.pk, "start": 64512, "end": 65534},
    )
    ASN.objects.create(asn=64512, rir=rir)
    ASN.objects.create(asn=65534, rir=rir)
    ASN.objects.create(asn=65535, rir=rir)
    ASN.objects.create(asn=64600, rir=RIR.objects.create(name="Other", slug="other"))
    data = api.get(created["url"]).json()
    assert list(data) == [
        "id",
        "url",
        "display_url",
        "display",
        "name",
        "slug",
        "rir",
        "start",
        "end",
        "tenant",
        "description",
        "comments",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
        "asn_count",
    ]
    # Only ASNs of the range's RIR, bounds included.
    assert data["asn_count"] == 2
    brief = api.get(created["url"], {"brief": "1"}).json()
    assert list(brief) == ["id", "url", "display", "name", "description"]


def test_asn_range_bounds_are_checked(api: APIClient, rir: RIR) -> None:
    response = attempt(
        api, "asn-ranges", {"name": "R", "slug": "r", "rir": rir.pk, "start": 200, "end": 100}
    )
    assert response.status_code == 400
    assert response.json() == {"end": ["Starting ASN (200) must be lower than ending ASN (100)."]}
    response = attempt(
        api, "asn-ranges", {"name": "R", "slug": "r", "rir": rir.pk, "start": 0, "end": 100}
    )
    assert list(response.json()) == ["start"]


def test_asn_range_filters(api: APIClient, rir: RIR) -> None:
    other = RIR.objects.create(name="RIPE", slug="ripe")
    low = ASNRange.objects.create(name="Low", slug="low", rir=rir, start=1, end=100)
    high = ASNRange.objects.create(
        name="High", slug="high", rir=other, start=1000, end=2000, description="Public"
    )
    assert ids(api, "asn-ranges", rir="ripe") == [high.pk]
    assert ids(api, "asn-ranges", rir_id=rir.pk) == [low.pk]
    assert ids(api, "asn-ranges", start__gte=500) == [high.pk]
    assert ids(api, "asn-ranges", end=100) == [low.pk]
    assert ids(api, "asn-ranges", slug="low") == [low.pk]
    assert ids(api, "asn-ranges", q="public") == [high.pk]
    assert ids(api, "asn-ranges", q="low") == [low.pk]
