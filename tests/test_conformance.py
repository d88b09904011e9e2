"""Standard checks run over every model in the object-type registry.

A new model gets these for free: REST create/read/update/delete, bulk create,
update and delete, the brief and `fields`/`omit` shapes, OPTIONS metadata, and a
query-count guard (a page of 1 and a page of many cost the same queries).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ipamcore import registry
from ipamcore.api.viewsets import ReadOnlyViewSet
from ipamcore.registry import ObjectType
from tests.prerequisites import create_prerequisites

ENTRIES = [entry for entry in registry.all_types() if entry.examples is not None]


def list_url(entry: ObjectType) -> str:
    return f"/api/{entry.app_label}/{entry.path}/"


@pytest.fixture
def setup(db: None) -> None:
    create_prerequisites()


def create(api: APIClient, entry: ObjectType, n: int) -> dict[str, Any]:
    response = api.post(list_url(entry), entry.examples(n), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_crud(api: APIClient, setup: None, entry: ObjectType) -> None:
    created = create(api, entry, 1)
    assert created["url"].endswith(f"{list_url(entry)}{created['id']}/")
    assert created["display"]
    assert created["display_url"].startswith("http://testserver/")

    detail = api.get(created["url"])
    assert detail.status_code == 200
    assert detail.json()["id"] == created["id"]
    assert detail.headers.get("X-Request-ID")
    assert detail.headers.get("API-Version") == "4.6"

    patched = api.patch(created["url"], {}, format="json")
    assert patched.status_code == 200, patched.json()

    assert api.delete(created["url"]).status_code == 204
    missing = api.get(created["url"])
    assert missing.status_code == 404
    assert (
        missing.json()["detail"] == f"No {entry.model._meta.object_name} matches the given query."
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_bulk_operations(api: APIClient, setup: None, entry: ObjectType) -> None:
    payload = [entry.examples(11), entry.examples(12)]
    response = api.post(list_url(entry), payload, format="json")
    assert response.status_code == 201, response.json()
    ids = [item["id"] for item in response.json()]
    assert len(ids) == 2

    updates = [{"id": pk} for pk in ids]
    patched = api.patch(list_url(entry), updates, format="json")
    assert patched.status_code == 200, patched.json()
    assert [item["id"] for item in patched.json()] == ids

    deleted = api.delete(list_url(entry), [{"id": pk} for pk in ids], format="json")
    assert deleted.status_code == 204
    assert not entry.model._default_manager.filter(pk__in=ids).exists()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_bulk_create_is_all_or_nothing(api: APIClient, setup: None, entry: ObjectType) -> None:
    before = entry.model._default_manager.count()
    response = api.post(list_url(entry), [entry.examples(21), "not an object"], format="json")
    assert response.status_code == 400
    errors = response.json()
    assert isinstance(errors, list) and len(errors) == 2 and errors[0] == {}
    assert entry.model._default_manager.count() == before


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_shapes(api: APIClient, setup: None, entry: ObjectType) -> None:
    created = create(api, entry, 31)
    serializer_meta = entry.serializer.Meta

    brief = api.get(list_url(entry), {"brief": "true", "id": created["id"]}).json()
    assert brief["count"] == 1
    assert list(brief["results"][0]) == list(serializer_meta.brief_fields)

    only = api.get(list_url(entry), {"fields": "id,display", "id": created["id"]}).json()
    assert list(only["results"][0]) == ["id", "display"]

    omitted = api.get(created["url"], {"omit": "display_url"}).json()
    assert "display_url" not in omitted and "display" in omitted


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_options_lists_writable_fields(api: APIClient, entry: ObjectType) -> None:
    response = api.options(list_url(entry))
    assert response.status_code == 200
    post = response.json()["actions"]["POST"]
    assert post["id"]["read_only"] is True


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_list_query_count_is_constant(api: APIClient, setup: None, entry: ObjectType) -> None:
    create(api, entry, 41)
    queries_for_one = count_queries(api, entry)
    for n in range(42, 47):
        create(api, entry, n)
    assert count_queries(api, entry) == queries_for_one


def count_queries(api: APIClient, entry: ObjectType) -> int:
    with CaptureQueriesContext(connection) as context:
        response = api.get(list_url(entry), {"limit": 100})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_every_writable_model_has_examples() -> None:
    missing = [
        entry.label
        for entry in registry.all_types()
        if entry.examples is None and not issubclass(entry.viewset or object, ReadOnlyViewSet)
    ]
    assert missing == []
