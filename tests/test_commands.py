"""Management commands operators run: housekeeping, migrate, createsuperuser --noinput."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from io import StringIO

import psycopg
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from ipamcore.management.commands.migrate import MIGRATE_LOCK_ID
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


def migrate_in_thread(errors: list[BaseException]) -> None:
    try:
        call_command("migrate", verbosity=0)
    except BaseException as exc:  # reported to the test thread
        errors.append(exc)
    finally:
        connections.close_all()


def waiting_for_migrate_lock(other: psycopg.Connection) -> bool:
    row = other.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND (objid::bigint | (classid::bigint << 32)) = %s",
        [MIGRATE_LOCK_ID],
    ).fetchone()
    return bool(row and row[0])


@pytest.mark.django_db(transaction=True)
def test_migrate_takes_turns_through_an_advisory_lock() -> None:
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_ID])
        errors: list[BaseException] = []
        migrating = threading.Thread(target=migrate_in_thread, args=(errors,))
        migrating.start()
        for _ in range(600):  # until migrate is seen waiting (bounded, not a timing assertion)
            if waiting_for_migrate_lock(other):
                break
            time.sleep(0.05)
        assert waiting_for_migrate_lock(other)
        assert migrating.is_alive()
        other.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_ID])
    migrating.join(timeout=120)
    assert not migrating.is_alive()
    assert errors == []
