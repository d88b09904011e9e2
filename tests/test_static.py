"""Static files (admin, Swagger UI) are served by the app itself, with or without collectstatic."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.parametrize(
    "path",
    [
        "/static/admin/css/base.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ],
)
def test_static_file_is_served(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_unknown_static_file_is_404(db: None) -> None:
    assert Client().get("/static/nothing-here.css").status_code == 404
