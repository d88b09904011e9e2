"""The example queries in docs/graphql.md are valid against the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from ipamcore.graphql.schema import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "graphql.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("query", EXAMPLES, ids=lambda q: " ".join(q.split())[:40])
def test_example_is_valid(query: str) -> None:
    assert validate(schema._schema, parse(query)) == []
