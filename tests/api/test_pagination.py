"""The list envelope and its pages (facts §5.1-§5.3)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from rest_framework.test import APIClient

from dcim.models import Site

SITES = "/api/dcim/sites/"


@pytest.fixture
def sites(db: None) -> list[Site]:
    return Site.objects.bulk_create(
        [Site(name=f"Site {n:02}", slug=f"site-{n:02}") for n in range(1, 13)]
    )


def page(api: APIClient, path: str = SITES, **params: Any) -> dict[str, Any]:
    response = api.get(path, params)
    assert response.status_code == 200, response.json()
    return response.json()


def query(url: str | None) -> dict[str, list[str]]:
    assert url is not None
    return parse_qs(urlsplit(url).query)


def test_envelope(api: APIClient, sites: list[Site]) -> None:
    body = page(api)
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 12 and len(body["results"]) == 12
    assert body["next"] is None and body["previous"] is None


def test_empty_list(api: APIClient, db: None) -> None:
    assert page(api) == {"count": 0, "next": None, "previous": None, "results": []}


def test_next_and_previous_are_absolute(api: APIClient, sites: list[Site]) -> None:
    first = page(api, limit=5)
    assert first["next"] == "http://testserver/api/dcim/sites/?limit=5&offset=5"
    assert first["previous"] is None
    second = page(api, limit=5, offset=5)
    assert second["previous"] == "http://testserver/api/dcim/sites/?limit=5"
    assert query(second["next"]) == {"limit": ["5"], "offset": ["10"]}
    third = page(api, limit=5, offset=10)
    assert third["next"] is None
    assert query(third["previous"]) == {"limit": ["5"], "offset": ["5"]}
    assert [site["name"] for site in third["results"]] == ["Site 11", "Site 12"]


def test_following_next_visits_every_object_once(api: APIClient, sites: list[Site]) -> None:
    url: str | None = f"{SITES}?limit=5"
    seen = []
    while url:
        body = api.get(url).json()
        seen.extend(site["id"] for site in body["results"])
        url = body["next"]
    assert sorted(seen) == sorted(site.pk for site in sites)


def test_links_keep_filters(api: APIClient, sites: list[Site]) -> None:
    body = page(api, limit=2, q="Site 1")
    assert query(body["next"]) == {"limit": ["2"], "offset": ["2"], "q": ["Site 1"]}


def test_links_honour_forwarded_host(api: APIClient, sites: list[Site]) -> None:
    response = api.get(
        SITES, {"limit": 5}, HTTP_X_FORWARDED_HOST="nb.example", HTTP_X_FORWARDED_PROTO="https"
    )
    assert response.json()["next"].startswith("https://nb.example/api/dcim/sites/?")


def test_default_page_size(api: APIClient, sites: list[Site], settings: Any) -> None:
    settings.PAGINATE_COUNT = 5
    body = page(api)
    assert len(body["results"]) == 5
    assert query(body["next"]) == {"limit": ["5"], "offset": ["5"]}


def test_limit_zero_is_the_maximum_page(api: APIClient, sites: list[Site], settings: Any) -> None:
    settings.MAX_PAGE_SIZE = 10
    body = page(api, limit=0)
    assert len(body["results"]) == 10
    assert query(body["next"]) == {"limit": ["10"], "offset": ["10"]}


def test_limit_zero_without_a_maximum_is_everything(
    api: APIClient, sites: list[Site], settings: Any
) -> None:
    settings.MAX_PAGE_SIZE = 0
    body = page(api, limit=0)
    assert len(body["results"]) == 12 and body["next"] is None


def test_oversized_limit_is_capped(api: APIClient, sites: list[Site], settings: Any) -> None:
    settings.MAX_PAGE_SIZE = 4
    body = page(api, limit=1000)
    assert len(body["results"]) == 4
    assert query(body["next"])["limit"] == ["4"]


@pytest.mark.parametrize("limit", ["-1", "abc", "1.5", "", "9" * 30])
def test_bad_limit_is_ignored(api: APIClient, sites: list[Site], settings: Any, limit: str) -> None:
    settings.PAGINATE_COUNT = 3
    settings.MAX_PAGE_SIZE = 10
    body = page(api, limit=limit)
    expected = 10 if limit == "9" * 30 else 3
    assert len(body["results"]) == expected


@pytest.mark.parametrize("offset", ["-3", "abc", ""])
def test_bad_offset_is_zero(api: APIClient, sites: list[Site], offset: str) -> None:
    body = page(api, limit=2, offset=offset)
    assert [site["name"] for site in body["results"]] == ["Site 01", "Site 02"]


def test_offset_past_the_end(api: APIClient, sites: list[Site]) -> None:
    body = page(api, limit=5, offset=50)
    assert body["count"] == 12 and body["results"] == [] and body["next"] is None
    assert body["previous"] is not None
    huge = page(api, offset="9" * 30)
    assert huge["results"] == []


def test_cursor_pages(api: APIClient, sites: list[Site]) -> None:
    ids = sorted(site.pk for site in sites)
    first = page(api, start=0, limit=5)
    assert first["count"] is None and first["previous"] is None
    assert [site["id"] for site in first["results"]] == ids[:5]
    assert query(first["next"]) == {"start": [str(ids[4] + 1)], "limit": ["5"]}
    seen = [site["id"] for site in first["results"]]
    url = first["next"]
    while url:
        body = api.get(url).json()
        seen.extend(site["id"] for site in body["results"])
        url = body["next"]
    assert seen == ids


def test_cursor_starts_at_the_given_id(api: APIClient, sites: list[Site]) -> None:
    ids = sorted(site.pk for site in sites)
    body = page(api, start=ids[10])
    assert [site["id"] for site in body["results"]] == ids[10:]
    assert body["next"] is None


def test_cursor_ignores_default_ordering(api: APIClient, sites: list[Site]) -> None:
    Site.objects.filter(pk=sites[0].pk).update(name="Zulu")
    body = page(api, start=0)
    assert body["results"][0]["name"] == "Zulu"


def test_cursor_past_the_last_id(api: APIClient, sites: list[Site]) -> None:
    body = page(api, start="9" * 30)
    assert body == {"count": None, "next": None, "previous": None, "results": []}


def test_cursor_with_filters(api: APIClient, sites: list[Site]) -> None:
    body = page(api, start=0, q="Site 1")
    assert [site["name"] for site in body["results"]] == ["Site 10", "Site 11", "Site 12"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": 0, "offset": 5}, "'start' and 'offset' are mutually exclusive."),
        (
            {"start": 0, "ordering": "name"},
            "Ordering cannot be specified in conjunction with cursor-based pagination.",
        ),
        ({"start": -1}, "'start' must be a non-negative integer."),
        ({"start": "abc"}, "'start' must be a non-negative integer."),
    ],
)
def test_cursor_errors(api: APIClient, sites: list[Site], params: dict, message: str) -> None:
    response = api.get(SITES, params)
    assert response.status_code == 400
    assert response.json() == [message]


def test_brief_lists_are_paginated_too(api: APIClient, sites: list[Site]) -> None:
    body = page(api, brief=1, limit=2)
    assert body["count"] == 12 and len(body["results"]) == 2
    assert query(body["next"]) == {"brief": ["1"], "limit": ["2"], "offset": ["2"]}
