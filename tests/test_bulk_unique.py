"""Unique fields in a list POST are checked for the whole batch in one query per field."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dcim.models import Site


def test_duplicate_of_existing_row_is_a_field_error(api: APIClient) -> None:
    Site.objects.create(name="DC1", slug="dc1")
    response = api.post(
        "/api/dcim/sites/",
        [{"name": "DC2", "slug": "dc2"}, {"name": "DC1", "slug": "x"}],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [{}, {"name": ["site with this name already exists."]}]
    assert Site.objects.count() == 1


def test_duplicate_inside_the_batch_is_a_field_error(api: APIClient) -> None:
    response = api.post(
        "/api/dcim/sites/", [{"name": "A", "slug": "a"}, {"name": "B", "slug": "a"}], format="json"
    )
    assert response.status_code == 400
    assert response.json()[1] == {"slug": ["site with this slug already exists."]}
    assert not Site.objects.exists()


def test_batch_validation_queries_do_not_grow_with_the_batch(api: APIClient) -> None:
    def queries_for(count: int, prefix: str) -> int:
        payload = [{"name": f"{prefix}{n}", "slug": f"{prefix}{n}"} for n in range(count)]
        with CaptureQueriesContext(connection) as context:
            assert api.post("/api/dcim/sites/", payload, format="json").status_code == 201
        return len(context.captured_queries)

    api.get("/api/dcim/sites/")  # the token's last_used is written once, on first use
    assert queries_for(2, "a") == queries_for(20, "b")
