"""Every registered model has all its pieces, and they agree with each other."""

from __future__ import annotations

import pytest
from django.apps import apps

from ipamcore import registry
from ipamcore.registry import ObjectType

ENTRIES = list(registry.all_types())
APP_LABELS = ("core", "tenancy", "dcim", "ipam", "virtualization", "extras", "users")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_entry_pieces_agree(entry: ObjectType) -> None:
    meta = entry.serializer.Meta
    assert meta.model is entry.model
    assert entry.filterset._meta.model is entry.model
    assert entry.path == entry.path.lower() and " " not in entry.path and "_" not in entry.path
    assert set(meta.brief_fields) <= set(meta.fields)
    assert tuple(meta.fields[:4]) == ("id", "url", "display_url", "display")
    assert {"id", "url", "display"} <= set(meta.brief_fields)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_model_urls_come_from_the_registry(entry: ObjectType) -> None:
    obj = entry.model(pk=7)
    assert registry.api_url(obj) == f"/api/{entry.app_label}/{entry.path}/7/"


# Models NetBox 4 does not serve on their own endpoint, each with the reason. A new
# model lands here only if it is a link table or derived state kept by the server.
INTERNAL_MODELS = {
    # the tag <-> object link table, served as `tags` on each object
    "extras.taggeditem": "link table",
    # replay records for the Idempotency-Key header, never an API object
    "ipam.idempotencykey": "request cache",
    # traced cable paths, recomputed from cables on every cable write; read through
    # interface `connected_endpoints` and `GET …/trace/`, no /api/dcim/cable-paths/ in NetBox 4
    "dcim.cablepath": "derived cache",
    # the caller's own preferences, served only as /api/users/config/ (as in NetBox)
    "users.userconfig": "per-user document",
}


def test_every_concrete_model_of_our_apps_is_registered() -> None:
    registered = {entry.label for entry in ENTRIES}
    for app_label in APP_LABELS:
        for model in apps.get_app_config(app_label).get_models():
            label = f"{model._meta.app_label}.{model._meta.model_name}"
            assert label in registered or label in INTERNAL_MODELS, f"{label} has no registry entry"


def test_internal_models_are_not_registered() -> None:
    registered = {entry.label for entry in ENTRIES}
    assert not registered & set(INTERNAL_MODELS)
