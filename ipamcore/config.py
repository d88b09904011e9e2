"""Reads settings from the environment and the optional IPAMCORE_CONFIG file.

Kept apart from settings.py so the parsing is typed, testable and reports bad
values by name instead of failing somewhere deep inside Django.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from typing import Any

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting has a value we cannot use; the message names it."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not an integer") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a number") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def load_config_file() -> dict[str, Any]:
    """Upper-case names defined in the Python file named by IPAMCORE_CONFIG."""
    path = os.environ.get("IPAMCORE_CONFIG")
    if not path:
        return {}
    if not Path(path).is_file():
        raise ConfigError(f"IPAMCORE_CONFIG={path!r} does not name a readable file")
    namespace = runpy.run_path(path)
    return {key: value for key, value in namespace.items() if key.isupper()}
