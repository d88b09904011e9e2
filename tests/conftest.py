from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from users.models import Token, User


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The production hasher costs most of a second per user: tests need no key stretching."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
