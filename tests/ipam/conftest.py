from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import RIR


@pytest.fixture
def rir(db: None) -> RIR:
    return RIR.objects.create(name="RFC 1918", slug="rfc1918", is_private=True)


@pytest.fixture
def site(db: None) -> Site:
    """A site inside region europe > germany and site group dcs."""
    europe = Region.objects.create(name="Europe", slug="europe")
    germany = Region.objects.create(name="Germany", slug="germany", parent=europe)
    group = SiteGroup.objects.create(name="DCs", slug="dcs")
    return Site.objects.create(name="DC1", slug="dc1", region=germany, group=group)


@pytest.fixture
def location(site: Site) -> Location:
    return Location.objects.create(name="Hall 1", slug="hall-1", site=site)


def post(api: APIClient, path: str, data: Any) -> Any:
    """POST and return the body, asserting a 201."""
    response = api.post(f"/api/ipam/{path}/", data, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def attempt(api: APIClient, path: str, data: Any) -> Any:
    """POST and return the response, whatever its status."""
    return api.post(f"/api/ipam/{path}/", data, format="json")


def ids(api: APIClient, path: str, **params: Any) -> list[int]:
    """The ids a filtered list returns, in its order."""
    response = api.get(f"/api/ipam/{path}/", params)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]
