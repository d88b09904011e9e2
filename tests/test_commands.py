"""Management commands operators run: housekeeping and createsuperuser --noinput."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import make_token
from users.models import Token, User


@pytest.mark.django_db
def test_housekeeping_deletes_expired_tokens_only() -> None:
    user = User.objects.create_user("alice")
    now = timezone.now()
    expired = make_token(user, expires=now - timedelta(minutes=1))
    current = make_token(user, expires=now + timedelta(days=1))
    forever = make_token(user)

    out = StringIO()
    call_command("housekeeping", stdout=out)

    assert set(Token.objects.values_list("pk", flat=True)) == {current.pk, forever.pk}
    assert not Token.objects.filter(pk=expired.pk).exists()
    assert "expired API tokens: 1 deleted" in out.getvalue()


@pytest.mark.django_db
def test_housekeeping_deletes_expired_sessions() -> None:
    old = SessionStore()
    old.set_expiry(timezone.now() - timedelta(seconds=1))
    old.create()
    live = SessionStore()
    live.create()

    out = StringIO()
    call_command("housekeeping", stdout=out)

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert "expired login sessions: 1 deleted" in out.getvalue()


@pytest.mark.django_db
def test_createsuperuser_noinput_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-enough-password")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "ops@example.com")

    call_command("createsuperuser", interactive=False, stdout=StringIO())

    user = User.objects.get(username="ops")
    assert user.is_superuser and user.is_staff
    assert user.email == "ops@example.com"
    assert user.check_password("a-long-enough-password")
