"""Tags on objects (facts §4.4, §9.32): written as ids or attribute dicts, add/remove rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from dcim.models import Site
from extras.models import Tag, TaggedItem
from tenancy.models import Tenant

SITES = "/api/dcim/sites/"


@pytest.fixture
def tags(db: None) -> dict[str, Tag]:
    return {
        slug: Tag.objects.create(name=slug.title(), slug=slug) for slug in ("core", "edge", "lab")
    }


def site_tags(site: Site) -> set[str]:
    content_type = ContentType.objects.get_for_model(Site)
    items = TaggedItem.objects.filter(content_type=content_type, object_id=site.pk)
    return set(items.values_list("tag__slug", flat=True))


def detail(site: Site) -> str:
    return f"{SITES}{site.pk}/"


@pytest.mark.parametrize(
    "value",
    [
        "ids",
        [{"name": "Core"}, {"name": "Edge"}],
        [{"slug": "core"}, {"slug": "edge"}],
        [{"name": "Core", "slug": "core"}, {"name": "Edge", "slug": "edge"}],
    ],
)
def test_tags_written_as_ids_or_dicts(
    api: APIClient, tags: dict[str, Tag], site: Site, value: Any
) -> None:
    if value == "ids":
        value = [tags["core"].pk, tags["edge"].pk]
    response = api.patch(detail(site), {"tags": value}, format="json")
    assert response.status_code == 200, response.json()
    assert sorted(tag["slug"] for tag in response.json()["tags"]) == ["core", "edge"]
    assert site_tags(site) == {"core", "edge"}


def test_tags_on_create(api: APIClient, tags: dict[str, Tag]) -> None:
    response = api.post(SITES, {"name": "N", "slug": "n", "tags": [{"slug": "lab"}]}, format="json")
    assert response.status_code == 201
    assert [tag["slug"] for tag in response.json()["tags"]] == ["lab"]


def test_writing_tags_replaces_the_set(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    api.patch(detail(site), {"tags": [tags["core"].pk, tags["edge"].pk]}, format="json")
    api.patch(detail(site), {"tags": [tags["lab"].pk]}, format="json")
    assert site_tags(site) == {"lab"}


def test_empty_list_clears_tags(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    api.patch(detail(site), {"tags": [tags["core"].pk]}, format="json")
    response = api.patch(detail(site), {"tags": []}, format="json")
    assert response.json()["tags"] == []
    assert site_tags(site) == set()


def test_omitting_tags_keeps_them(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    api.patch(detail(site), {"tags": [tags["core"].pk]}, format="json")
    api.patch(detail(site), {"description": "x"}, format="json")
    assert site_tags(site) == {"core"}


def test_duplicate_tags_are_stored_once(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    core = tags["core"].pk
    response = api.patch(detail(site), {"tags": [core, {"slug": "core"}]}, format="json")
    assert response.status_code == 200
    assert len(response.json()["tags"]) == 1


def test_unknown_tag_is_400(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    response = api.patch(detail(site), {"tags": [{"slug": "nope"}]}, format="json")
    assert response.status_code == 400
    assert "tags" in response.json()


def test_add_and_remove_tags(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    api.patch(detail(site), {"tags": [tags["core"].pk, tags["edge"].pk]}, format="json")
    response = api.patch(
        detail(site),
        {"add_tags": [{"slug": "lab"}], "remove_tags": [tags["edge"].pk]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert sorted(tag["slug"] for tag in response.json()["tags"]) == ["core", "lab"]
    assert "add_tags" not in response.json() and "remove_tags" not in response.json()


def test_add_tags_on_create(api: APIClient, tags: dict[str, Tag]) -> None:
    response = api.post(
        SITES, {"name": "N", "slug": "n", "add_tags": [tags["core"].pk]}, format="json"
    )
    assert response.status_code == 201
    assert [tag["slug"] for tag in response.json()["tags"]] == ["core"]


def test_remove_tags_on_create_is_400(api: APIClient, tags: dict[str, Tag]) -> None:
    response = api.post(
        SITES, {"name": "N", "slug": "n", "remove_tags": [tags["core"].pk]}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["remove_tags"]
    assert not Site.objects.exists()


def test_tags_with_add_tags_is_400(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    response = api.patch(
        detail(site), {"tags": [tags["core"].pk], "add_tags": [tags["lab"].pk]}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["tags"]


def test_same_tag_added_and_removed_is_400(
    api: APIClient, tags: dict[str, Tag], site: Site
) -> None:
    core = tags["core"].pk
    response = api.patch(detail(site), {"add_tags": [core], "remove_tags": [core]}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["remove_tags"]


def test_bulk_update_tags(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    other = Site.objects.create(name="Other", slug="other")
    payload = [{"id": site.pk, "add_tags": [tags["core"].pk]}, {"id": other.pk, "tags": []}]
    response = api.patch(SITES, payload, format="json")
    assert response.status_code == 200, response.json()
    assert site_tags(site) == {"core"} and site_tags(other) == set()


def test_tag_restricted_to_other_object_types_is_refused(
    api: APIClient, tags: dict[str, Tag], site: Site
) -> None:
    tag = tags["core"]
    tag.object_types.set([ContentType.objects.get_for_model(Tenant)])
    response = api.patch(detail(site), {"tags": [tag.pk]}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Tag Core cannot be assigned to site objects."}
    assert site_tags(site) == set()
    tenant = api.post(
        "/api/tenancy/tenants/", {"name": "T", "slug": "t", "tags": [tag.pk]}, format="json"
    )
    assert tenant.status_code == 201


def test_tag_restriction_applies_to_add_tags(
    api: APIClient, tags: dict[str, Tag], site: Site
) -> None:
    tags["lab"].object_types.set([ContentType.objects.get_for_model(Tenant)])
    response = api.patch(detail(site), {"add_tags": [{"slug": "lab"}]}, format="json")
    assert response.status_code == 400
    assert site_tags(site) == set()


def test_tag_endpoint_counts_tagged_items(api: APIClient, tags: dict[str, Tag], site: Site) -> None:
    api.patch(detail(site), {"tags": [tags["core"].pk]}, format="json")
    body = api.get(f"/api/extras/tags/{tags['core'].pk}/").json()
    assert body["tagged_items"] == 1
    assert body["color"] == "9e9e9e"
    assert "tags" not in body and "custom_fields" not in body


def test_tag_object_types_round_trip(api: APIClient, db: None) -> None:
    response = api.post(
        "/api/extras/tags/",
        {"name": "Only sites", "slug": "only-sites", "object_types": ["dcim.site"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["object_types"] == ["dcim.site"]
    bad = api.post(
        "/api/extras/tags/",
        {"name": "B", "slug": "b", "object_types": ["dcim.nope"]},
        format="json",
    )
    assert bad.status_code == 400
    assert list(bad.json()) == ["object_types"]


def test_tag_color_must_be_hex(api: APIClient, db: None) -> None:
    response = api.post(
        "/api/extras/tags/", {"name": "C", "slug": "c", "color": "#FF0000"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["color"]


def test_tags_listed_in_weight_then_name_order(api: APIClient, db: None) -> None:
    Tag.objects.create(name="Zeta", slug="zeta", weight=10)
    Tag.objects.create(name="Alpha", slug="alpha")
    names = [tag["name"] for tag in api.get("/api/extras/tags/").json()["results"]]
    assert names == ["Zeta", "Alpha"]
