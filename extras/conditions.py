"""Event rule conditions: JSON trees evaluated against an object's REST representation.

A leaf is `{"attr": "status.value", "value": "active", "op": "eq", "negate": false}`;
a set is `{"and": [...]}` or `{"or": [...]}`, nestable. Paths walk dicts, and lists
element-wise, so `{"attr": "tags.slug", "value": "core", "op": "contains"}` matches an
object carrying the tag `core`. A path that does not exist makes the leaf false.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

LOGIC = ("and", "or")
LEAF_KEYS = frozenset({"attr", "value", "op", "negate"})

# Operators allowed for each type of `value`.
OPERATORS_BY_TYPE: tuple[tuple[type | None, tuple[str, ...]], ...] = (
    (bool, ("eq", "contains")),
    (int, ("eq", "gt", "gte", "lt", "lte", "contains")),
    (float, ("eq", "gt", "gte", "lt", "lte", "contains")),
    (str, ("eq", "contains", "regex")),
    (list, ("eq", "in", "contains")),
    (None, ("eq",)),
)

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda actual, wanted: actual == wanted,
    "gt": lambda actual, wanted: actual > wanted,
    "gte": lambda actual, wanted: actual >= wanted,
    "lt": lambda actual, wanted: actual < wanted,
    "lte": lambda actual, wanted: actual <= wanted,
    "in": lambda actual, wanted: actual in wanted,
    "contains": lambda actual, wanted: wanted in actual,
    "regex": lambda actual, wanted: re.match(wanted, actual) is not None,
}


class InvalidCondition(ValueError):
    """The condition tree is malformed; the message says where."""


def allowed_operators(value: Any) -> tuple[str, ...]:
    for kind, operators in OPERATORS_BY_TYPE:
        if (value is None and kind is None) or (kind is not None and type(value) is kind):
            return operators
    raise InvalidCondition(f"Unsupported value type {type(value).__name__} in a condition.")


def validate(tree: Any) -> None:
    """Raise InvalidCondition unless tree is a well-formed condition or condition set."""
    if not isinstance(tree, dict):
        raise InvalidCondition("A condition must be a JSON object.")
    logic = [key for key in tree if str(key).lower() in LOGIC]
    if logic:
        if len(tree) != 1:
            raise InvalidCondition("A condition set has exactly one key: 'and' or 'or'.")
        items = tree[logic[0]]
        if not isinstance(items, list):
            raise InvalidCondition(f"'{logic[0]}' must be a list of conditions.")
        for item in items:
            validate(item)
        return
    validate_leaf(tree)


def validate_leaf(leaf: dict[str, Any]) -> None:
    unknown = set(leaf) - LEAF_KEYS
    if unknown or "attr" not in leaf or "value" not in leaf:
        raise InvalidCondition(
            "A condition has the keys attr and value (and optionally op and negate); "
            f"got {sorted(leaf)}."
        )
    if not isinstance(leaf["attr"], str) or not leaf["attr"]:
        raise InvalidCondition("'attr' must be a non-empty string.")
    op = leaf.get("op", "eq")
    if op not in allowed_operators(leaf["value"]):
        kind = "null" if leaf["value"] is None else type(leaf["value"]).__name__
        raise InvalidCondition(f"Operator '{op}' cannot be used with a {kind} value.")
    if not isinstance(leaf.get("negate", False), bool):
        raise InvalidCondition("'negate' must be true or false.")
    if op == "regex":
        try:
            re.compile(leaf["value"])
        except re.error as exc:
            raise InvalidCondition(f"Invalid regular expression: {exc}") from exc


def lookup(data: Any, path: str) -> Any:
    """The value at a dotted path; lists are walked element-wise. KeyError if absent."""
    value = data
    for key in path.split("."):
        if isinstance(value, list):
            value = [(item or {})[key] for item in value]
        elif isinstance(value, dict):
            value = value[key]
        else:
            raise KeyError(key)
    return value


def evaluate(tree: dict[str, Any] | None, data: dict[str, Any]) -> bool:
    """True if data satisfies the (validated) condition tree; no tree matches everything."""
    if not tree:
        return True
    for key, items in tree.items():
        if str(key).lower() == "and":
            return all(evaluate(item, data) for item in items)
        if str(key).lower() == "or":
            return any(evaluate(item, data) for item in items)
    return evaluate_leaf(tree, data)


def evaluate_leaf(leaf: dict[str, Any], data: dict[str, Any]) -> bool:
    try:
        actual = lookup(data, leaf["attr"])
        result = OPERATORS[leaf.get("op", "eq")](actual, leaf["value"])
    except (KeyError, TypeError):
        result = False
    return not result if leaf.get("negate", False) else result
