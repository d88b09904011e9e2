"""Real clients (pynetbox, the Ansible inventory, a requests-based VM sync) against a
live test server: the wire format is checked by the tools that depend on it."""

from __future__ import annotations

from typing import Any

import pynetbox
import pytest

from tests.conftest import make_token
from users.models import User


@pytest.fixture
def server_url(live_server: Any) -> str:
    return str(live_server.url)


@pytest.fixture
def token(transactional_db: None) -> str:
    user = User.objects.create_superuser("client", "client@example.com", "client-password-123")
    return make_token(user).header_value


@pytest.fixture
def nb(server_url: str, token: str) -> pynetbox.api:
    return pynetbox.api(server_url, token=token)
