"""Start-up of manage.py, gunicorn and the quickstart: configuration problems end the
process with one short message naming the setting, not a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from ipamcore.config import ConfigError

EXIT_CONFIG_ERROR = 2


def fail(message: str) -> NoReturn:
    print(f"ipamcore: configuration error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(EXIT_CONFIG_ERROR)


@contextmanager
def config_errors_exit() -> Iterator[None]:
    """Turn a ConfigError raised while loading settings into a clean exit."""
    try:
        yield
    except ConfigError as exc:
        fail(str(exc))


def require_environment(*names: str) -> None:
    """Production processes never fall back to local defaults or embedded servers."""
    missing = [name for name in names if not os.environ.get(name, "").strip()]
    if missing:
        fail(
            f"{' and '.join(missing)} must be set for production processes "
            "(see docs/operations.md); `make run` starts embedded servers for development"
        )


def check_or_exit() -> None:
    """Load the settings and run Django's system checks; exit with their report on an error."""
    import django
    from django.core.management.base import BaseCommand, SystemCheckError
    from django.db import connections

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipamcore.settings")
    with config_errors_exit():
        django.setup()
    try:
        BaseCommand().check()
    except SystemCheckError as exc:
        print(exc, file=sys.stderr, flush=True)
        raise SystemExit(EXIT_CONFIG_ERROR) from None
    finally:
        # Nothing opened by the checks may leak into forked server processes.
        connections.close_all()
