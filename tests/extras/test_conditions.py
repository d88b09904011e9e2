"""Event rule conditions, evaluated against REST representations (no database)."""

from __future__ import annotations

from typing import Any

import pytest

from extras.conditions import InvalidCondition, evaluate, validate

SITE = {
    "name": "DC1",
    "status": {"value": "active", "label": "Active"},
    "asn": 65001,
    "latitude": 52.5,
    "tenant": None,
    "tags": [{"slug": "core"}, {"slug": "edge"}],
    "time_zone": "Europe/Berlin",
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"attr": "status.value", "value": "active"}, True),
        ({"attr": "status.value", "value": "planned"}, False),
        ({"attr": "status.value", "value": "active", "negate": True}, False),
        ({"attr": "name", "value": "^DC\\d$", "op": "regex"}, True),
        ({"attr": "name", "value": "C1", "op": "contains"}, True),
        ({"attr": "asn", "value": 65000, "op": "gt"}, True),
        ({"attr": "asn", "value": 65001, "op": "lte"}, True),
        ({"attr": "latitude", "value": 50.0, "op": "lt"}, False),
        ({"attr": "name", "value": ["DC1", "DC2"], "op": "in"}, True),
        ({"attr": "tags.slug", "value": "edge", "op": "contains"}, True),
        ({"attr": "tags.slug", "value": "lab", "op": "contains"}, False),
        ({"attr": "tenant", "value": None}, True),
        ({"attr": "tenant.slug", "value": "acme"}, False),  # a path through null
        ({"attr": "no.such.path", "value": "x"}, False),
        ({"attr": "no.such.path", "value": "x", "negate": True}, True),
    ],
)
def test_leaf_conditions(condition: dict[str, Any], expected: bool) -> None:
    validate(condition)
    assert evaluate(condition, SITE) is expected


def test_sets_nest() -> None:
    tree = {
        "and": [
            {"attr": "status.value", "value": "active"},
            {
                "or": [
                    {"attr": "tags.slug", "value": "lab", "op": "contains"},
                    {"attr": "time_zone", "value": "^Europe/", "op": "regex"},
                ]
            },
        ]
    }
    validate(tree)
    assert evaluate(tree, SITE) is True
    assert evaluate(tree, {**SITE, "time_zone": "UTC"}) is False
    assert evaluate(None, SITE) is True  # no conditions: every event


@pytest.mark.parametrize(
    "tree",
    [
        [{"attr": "name", "value": "x"}],
        {"attr": "name"},
        {"attr": "name", "value": "x", "op": "gt"},
        {"attr": "asn", "value": 1, "op": "regex"},
        {"attr": "tenant", "value": None, "op": "contains"},
        {"attr": "name", "value": "x", "colour": "red"},
        {"attr": "name", "value": "(", "op": "regex"},
        {"attr": "name", "value": "x", "negate": "yes"},
        {"and": {"attr": "name", "value": "x"}},
        {"and": [], "or": []},
        {"attr": "name", "value": {"nested": "dict"}},
    ],
)
def test_malformed_conditions_are_rejected(tree: Any) -> None:
    with pytest.raises(InvalidCondition):
        validate(tree)
