"""Password logins: the authentication backend and the limit on failed attempts.

Every password check — the login page, the admin, `tokens/provision/` — goes through
`PasswordBackend`, so the limits and LOCAL_LOGIN_ENABLED hold for all of them.
Failed attempts are counted in the cache (Redis, shared by every process) per
username and per client address, in fixed windows of LOGIN_RATE_LIMIT_WINDOW
seconds. Once either count reaches its limit, further attempts are refused
without checking the password — even a right one — until the window ends.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from users.client_address import client_address

logger = logging.getLogger(__name__)
TOO_MANY_ATTEMPTS = "Too many failed login attempts. Try again later."


def counters(request: HttpRequest | None, username: str | None) -> list[tuple[str, int]]:
    """Cache keys of the counters that apply to this attempt, with their limits."""
    keys = []
    if settings.LOGIN_RATE_LIMIT_ATTEMPTS and username is not None:
        # Hashed: any text may be typed as a username; case folded, as people retype.
        name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
        keys.append((f"login-failures:user:{name}", settings.LOGIN_RATE_LIMIT_ATTEMPTS))
    address = client_address(request) if request is not None else None
    if settings.LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS and address:
        keys.append(
            (f"login-failures:address:{address}", settings.LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS)
        )
    return keys


def seconds_blocked(request: HttpRequest | None, username: str | None) -> int:
    """0 when an attempt may go ahead, else how long until the window ends (≥ 1)."""
    keys = counters(request, username)
    if not keys:
        return 0
    try:
        values = cache.get_many([key for key, _ in keys] + [f"{key}:ends" for key, _ in keys])
    except Exception:  # a cache outage must not lock everyone out
        logger.warning("login rate limit: cache unavailable, not limiting", exc_info=True)
        return 0
    waits = [
        max(1, int(values.get(f"{key}:ends", 0) - time.time()))
        for key, limit in keys
        if values.get(key, 0) >= limit
    ]
    return max(waits, default=0)


def record_failure(request: HttpRequest | None, username: str | None) -> None:
    window = settings.LOGIN_RATE_LIMIT_WINDOW
    try:
        for key, _ in counters(request, username):
            # add() only sets an absent key: the first failure opens the window.
            if cache.add(key, 0, window):
                cache.set(f"{key}:ends", time.time() + window, window)
            try:
                cache.incr(key)
            except ValueError:  # the window ended between add() and incr()
                cache.add(key, 1, window)
    except Exception:  # see seconds_blocked()
        logger.warning("login rate limit: cache unavailable, not counting", exc_info=True)


def forget_failures(username: str) -> None:
    """A successful login clears its username's count (not its address's)."""
    try:
        for key, _ in counters(None, username):
            cache.delete_many([key, f"{key}:ends"])
    except Exception:  # see seconds_blocked()
        logger.warning("login rate limit: cache unavailable", exc_info=True)


class PasswordBackend(ModelBackend):
    """Django's username/password check, with LOCAL_LOGIN_ENABLED and the rate limits.

    Permission lookups are ModelBackend's, unchanged.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not settings.LOCAL_LOGIN_ENABLED:
            return None
        if username is None:
            username = kwargs.get("username")
        if username is None or password is None:
            return None
        if seconds_blocked(request, username):
            # PermissionDenied (not None) also stops any later backend from trying.
            raise PermissionDenied(TOO_MANY_ATTEMPTS)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username)
        else:
            forget_failures(username)
        return user
