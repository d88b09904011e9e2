from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from ipamcore.quickstart import TEST_SECRET_KEY
from users.models import Token, User


def pytest_configure(config: pytest.Config) -> None:
    # `pytest` run directly needs no SECRET_KEY in the environment; production always does.
    if not os.environ.get("SECRET_KEY", "").strip():
        settings.SECRET_KEY = TEST_SECRET_KEY
    # The production hasher costs most of a second per user: tests need no key stretching.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Login failure counters per process: parallel workers share one Redis database.
    # (tests/users/test_login.py checks the Redis cache itself.)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test starts without remembered failed logins."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def admin_user(db: None) -> User:
    return User.objects.create_superuser("admin", "admin@example.com", "admin-password-123")


def client_for(token: Token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.header_value}")
    return client


def make_token(user: User, **fields: object) -> Token:
    token = Token(user=user, **fields)
    token.set_plaintext()
    token.save()
    return token


@pytest.fixture
def api(admin_user: User) -> APIClient:
    """A client authenticated as a superuser with a v2 token."""
    return client_for(make_token(admin_user))


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture(scope="session")
def wsgi_server(django_db_setup: None) -> Iterator[str]:
    """The real application on 127.0.0.1, a thread per request (Django's threaded WSGI
    server), each with its own connection to the test database."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def live_url(wsgi_server: str, transactional_db: None) -> str:
    """Base URL of the live server; the test's writes are committed, so it sees them."""
    return wsgi_server


@pytest.fixture
def live_token(live_url: str) -> str:
    """A v2 token of a superuser, for clients of the live server."""
    user = User.objects.create_superuser("live", "live@example.com", "live-password-123")
    return make_token(user).header_value
