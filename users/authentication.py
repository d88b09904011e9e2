"""API token authentication: `Token <40 chars>` (v1) and `Bearer nbt_<key>.<token>` (v2)."""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Any

from django.db import connection
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from users.client_address import client_address
from users.models import Token, v1_digest, v2_digest

V2_PREFIX = "nbt_"
LAST_USED_INTERVAL = timedelta(seconds=60)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Token] | None:
        # The WSGI string as is: re-encoding it (DRF's helper) fails on non-Latin-1 input.
        header = str(request.META.get("HTTP_AUTHORIZATION", ""))
        if not header:
            return None
        parts = header.split()
        if not parts or parts[0].lower() not in ("token", "bearer"):
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                'Invalid authorization header: Must be in the form "Bearer <key>.<token>" '
                'or "Token <token>"'
            )
        token = self.find_token(parts[1])
        self.check_token(token, request)
        self.touch(token)
        return token.user, token

    def find_token(self, value: str) -> Token:
        if value.startswith(V2_PREFIX):
            key, dot, plaintext = value[len(V2_PREFIX) :].partition(".")
            if not dot:
                raise exceptions.AuthenticationFailed(
                    "Invalid authorization header: Could not parse key from v2 token. "
                    "Did you mean to use 'Token' instead of 'Bearer'?"
                )
            token = (
                Token.objects.select_related("user").filter(version=2, key=key).first()
                if is_token_text(key)
                else None
            )
            if (
                token is None
                or token.pepper_id is None
                or not hmac.compare_digest(token.digest, safe_v2_digest(plaintext, token.pepper_id))
            ):
                raise exceptions.AuthenticationFailed("Invalid v2 token")
            return token
        token = (
            Token.objects.select_related("user").filter(version=1, digest=v1_digest(value)).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid v1 token")
        return token

    def check_token(self, token: Token, request: Request) -> None:
        address = client_address(request)
        if not token.allows_address(address):
            raise exceptions.AuthenticationFailed(
                f"Source IP {address} is not permitted to authenticate using this token."
            )
        if not token.enabled:
            raise exceptions.AuthenticationFailed("Token disabled")
        if token.is_expired:
            raise exceptions.AuthenticationFailed("Token expired")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive")

    def touch(self, token: Token) -> None:
        """Record use at most once a minute: a write per request would serialise clients.

        SKIP LOCKED: the update runs inside the request's transaction, so when another
        request of the same token holds the row (say, waiting for an allocation lock),
        this one leaves the timestamp to it instead of queueing behind it.
        """
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_INTERVAL:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""UPDATE {Token._meta.db_table} SET last_used = %s WHERE id = (
                        SELECT id FROM {Token._meta.db_table} WHERE id = %s
                        FOR UPDATE SKIP LOCKED)""",
                    [now, token.pk],
                )
            token.last_used = now

    def authenticate_header(self, request: Request) -> str | None:
        return None


def is_token_text(value: str) -> bool:
    """Keys and secrets are [A-Za-z0-9]; anything else (e.g. a NUL) never reaches the database."""
    return value.isascii() and value.isalnum()


def safe_v2_digest(plaintext: str, pepper_id: int) -> str:
    try:
        return v2_digest(plaintext, pepper_id)
    except KeyError:
        return ""


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session (browser login) authentication, handing views the user itself.

    Django's middleware puts a lazy wrapper on the request; serializers choose a
    representation by the object's type, so they must see the User, not the wrapper.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        # By now the wrapper is evaluated (DRF checked is_active): take what it wraps.
        return getattr(user, "_wrapped", user), auth
