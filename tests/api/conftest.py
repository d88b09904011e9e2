"""Fixtures shared by the API framework tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from rest_framework.test import APIClient

from dcim.models import Site
from tests.conftest import client_for, make_token
from users.models import User


def user_with_permissions(username: str, codenames: Iterable[str]) -> User:
    """A plain (non-superuser) user holding the given "app_label.codename" permissions."""
    user = User.objects.create_user(username, password="user-password-123")
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def viewer(db: None) -> APIClient:
    """A client whose user may only view sites."""
    return client_for(make_token(user_with_permissions("viewer", ["dcim.view_site"])))


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="Site A", slug="site-a")


@pytest.fixture
def wsgi_application() -> Iterator[Any]:
    """The WSGI application, for clients other than Django's (schemathesis, werkzeug). Like
    Django's test client, it keeps the database connection open between requests: the
    test's transaction must survive them."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
