"""Reads settings from the environment and the optional IPAMCORE_CONFIG file.

Kept apart from settings.py so the parsing is typed, testable without Django and
reports a bad value by its name instead of failing somewhere deep inside Django.
Every setting is looked up in the environment first, then in the file, then
falls back to its default (docs/configuration.md lists them all).
"""

from __future__ import annotations

import ipaddress
import json
import os
import runpy
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
# Values never echoed in an error message: they may carry passwords.
SECRET_NAMES = {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "API_TOKEN_PEPPERS"}
# Pass-through settings (SOCIAL_AUTH_*) whose names end like this carry secrets.
SECRET_SUFFIXES = ("_SECRET", "_PASSWORD", "_PRIVATE_KEY")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
POSTGRES_SCHEMES = ("postgresql", "postgres", "pgsql")
REDIS_SCHEMES = ("redis", "rediss", "unix", "valkey", "valkeys")


class ConfigError(Exception):
    """A setting has a value we cannot use; the message names it."""


def load_config_file(path: str | None) -> dict[str, Any]:
    """Upper-case names defined in the Python file named by IPAMCORE_CONFIG."""
    if not path:
        return {}
    if not Path(path).is_file():
        raise ConfigError(f"IPAMCORE_CONFIG={path!r}: no such file")
    try:
        namespace = runpy.run_path(path)
    except Exception as exc:  # any error in the operator's file is a configuration error
        raise ConfigError(
            f"IPAMCORE_CONFIG={path!r} could not be loaded: {type(exc).__name__}: {exc}"
        ) from exc
    return {key: value for key, value in namespace.items() if key.isupper()}


@dataclass
class Source:
    """Where setting values come from: the environment first, then the config file."""

    environ: Mapping[str, str]
    file_values: dict[str, Any] = field(default_factory=dict)
    file_name: str = ""
    names_read: set[str] = field(default_factory=set)

    @classmethod
    def from_environment(cls) -> Source:
        path = os.environ.get("IPAMCORE_CONFIG", "")
        return cls(os.environ, load_config_file(path), path)

    def lookup(self, name: str) -> tuple[Any, str] | None:
        """The raw value and where it came from, or None when the setting is not given.

        An empty environment variable counts as unset, as compose files pass `${NAME:-}`.
        """
        self.names_read.add(name)
        if self.environ.get(name, "").strip():
            return self.environ[name], "environment"
        if name in self.file_values:
            return self.file_values[name], self.file_name or "IPAMCORE_CONFIG"
        return None

    def unknown_file_names(self) -> list[str]:
        """Names the config file defines that no setting reads (typos, mostly)."""
        return sorted(set(self.file_values) - self.names_read)

    def string(self, name: str, default: str = "") -> str:
        found = self.lookup(name)
        if found is None:
            return default
        value, origin = found
        if not isinstance(value, str):
            raise invalid(name, value, origin, "must be a string")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        found = self.lookup(name)
        if found is None:
            return default
        value, origin = found
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise invalid(name, value, origin, "is not a boolean (use true or false)")

    def integer(self, name: str, default: int, minimum: int | None = None) -> int:
        found = self.lookup(name)
        if found is None:
            return default
        value, origin = found
        try:
            number = value if type(value) is int else int(str(value).strip())
        except ValueError:
            raise invalid(name, value, origin, "is not an integer") from None
        if minimum is not None and number < minimum:
            raise invalid(name, value, origin, f"must be at least {minimum}")
        return number

    def number(self, name: str, default: float, minimum: float | None = None) -> float:
        found = self.lookup(name)
        if found is None:
            return default
        value, origin = found
        try:
            number = float(value) if isinstance(value, int | float) else float(str(value))
        except ValueError:
            raise invalid(name, value, origin, "is not a number") from None
        if minimum is not None and number < minimum:
            raise invalid(name, value, origin, f"must be at least {minimum}")
        return number

    def strings(self, name: str, default: list[str]) -> list[str]:
        """A comma-separated string, or a list of strings in the config file."""
        found = self.lookup(name)
        if found is None:
            return list(default)
        value, origin = found
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return list(value)
        raise invalid(name, value, origin, "must be a comma-separated string or a list of strings")

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.string(name, default)
        if value.strip().upper() not in choices:
            raise invalid(name, value, "", f"must be one of {', '.join(choices)}")
        return value.strip().upper()

    def python(self, name: str, default: Any, kind: type) -> Any:
        """A value only the config file can carry (a dict of validators, say)."""
        found = self.lookup(name)
        if found is None:
            return default
        value, origin = found
        if origin == "environment":
            raise ConfigError(f"{name} can only be set in the IPAMCORE_CONFIG file")
        if not isinstance(value, kind):
            raise invalid(name, value, origin, f"must be a {kind.__name__}")
        return value

    def time_zone(self, name: str, default: str) -> str:
        value = self.string(name, default)
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise invalid(name, value, "", "is not a known time zone (e.g. UTC)") from None
        return value

    def database_url(self, name: str, default: str) -> str:
        return self.url(name, default, POSTGRES_SCHEMES)

    def redis_url(self, name: str, default: str) -> str:
        return self.url(name, default, REDIS_SCHEMES)

    def url(self, name: str, default: str, schemes: tuple[str, ...]) -> str:
        value = self.string(name, default)
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018  (parsing the port is the check)
        except ValueError:
            raise ConfigError(f"{name} is not a valid URL") from None
        if parts.scheme not in schemes:
            raise ConfigError(f"{name} must be a URL starting with {schemes[0]}://")
        return value

    def networks(self, name: str, default: list[str]) -> list[str]:
        """A list of IP networks (`10.0.0.0/8`, `::1`), each checked, in canonical form."""
        values = self.strings(name, default)
        result = []
        for value in values:
            try:
                result.append(str(ipaddress.ip_network(value, strict=False)))
            except ValueError:
                raise ConfigError(f"{name}: {value!r} is not an IP network") from None
        return result

    def mapping(self, name: str, default: dict[str, Any]) -> dict[str, Any]:
        """A dict: JSON in the environment (`{"a": "b"}`), a dict in the config file."""
        found = self.lookup(name)
        if found is None:
            return dict(default)
        value, origin = found
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise invalid(name, value, origin, "is not a JSON object") from None
        if not isinstance(value, dict):
            raise invalid(name, value, origin, "must be a JSON object (a dict)")
        return value

    def prefixed(self, prefix: str) -> dict[str, Any]:
        """Every setting whose name starts with `prefix`, passed through to a library.

        Values from the config file are taken as they are. From the environment,
        `true`/`false` become booleans and a value starting with `[` or `{` is read as
        JSON (a list of scopes, say); everything else stays a string.
        """
        names = {name for name in self.environ if name.startswith(prefix)}
        names |= {name for name in self.file_values if name.startswith(prefix)}
        result = {}
        for name in sorted(names):
            found = self.lookup(name)
            if found is None:
                continue
            value, origin = found
            if origin == "environment":
                value = environment_value(name, value)
            result[name] = value
        return result

    def peppers(self, name: str) -> dict[int, str]:
        """ "1:<secret>,2:<secret>" (or a dict in the config file) into {1: secret, 2: secret}."""
        found = self.lookup(name)
        if found is None:
            return {}
        value, origin = found
        if isinstance(value, dict):
            items = list(value.items())
        else:
            items = [item.partition(":")[::2] for item in self.strings(name, [])]
        try:
            peppers = {int(key): str(secret) for key, secret in items if str(secret)}
        except ValueError:
            peppers = {}
        if len(peppers) != len(items) or any(key < 1 for key in peppers):
            raise ConfigError(
                f"{name} (from {origin}) must be of the form 1:<secret>,2:<secret> "
                "with positive integer ids"
            )
        return peppers


def environment_value(name: str, value: str) -> Any:
    text = value.strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if text[:1] in ("[", "{"):
        try:
            return json.loads(text)
        except ValueError:
            raise invalid(name, value, "environment", "is not valid JSON") from None
    return value


def is_secret(name: str) -> bool:
    return name in SECRET_NAMES or name.endswith(SECRET_SUFFIXES)


def invalid(name: str, value: Any, origin: str, problem: str) -> ConfigError:
    shown = "" if is_secret(name) else f"={value!r}"
    where = f" (from {origin})" if origin else ""
    return ConfigError(f"{name}{shown}{where} {problem}")


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """ "X-Forwarded-Proto: https" into Django's ("HTTP_X_FORWARDED_PROTO", "https"); "none" off."""
    if value.strip().lower() in ("", "none", "off", "false"):
        return None
    header, colon, expected = value.partition(":")
    if not colon or not header.strip() or not expected.strip():
        raise ConfigError(
            f"SECURE_PROXY_SSL_HEADER={value!r} must look like 'X-Forwarded-Proto: https' or 'none'"
        )
    return "HTTP_" + header.strip().upper().replace("-", "_"), expected.strip()
