"""Start-up checks: a bad setting stops the server with a message that names it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from ipamcore.validators import configuration_errors


@register(Tags.compatibility, deploy=False)
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    if not settings.SECRET_KEY:
        errors.append(
            Error(
                "SECRET_KEY is not set.",
                hint="Set SECRET_KEY to a long random string.",
                id="ipamcore.E001",
            )
        )
    elif len(settings.SECRET_KEY) < 20 and not settings.DEBUG:
        errors.append(Error("SECRET_KEY must be at least 20 characters.", id="ipamcore.E002"))
    if settings.MAX_PAGE_SIZE < 0:
        errors.append(
            Error("MAX_PAGE_SIZE must be zero (no limit) or positive.", id="ipamcore.E003")
        )
    if settings.PAGINATE_COUNT < 1:
        errors.append(Error("PAGINATE_COUNT must be at least 1.", id="ipamcore.E004"))
    for name, code in (
        ("CUSTOM_VALIDATORS", "ipamcore.E005"),
        ("PROTECTION_RULES", "ipamcore.E006"),
    ):
        errors.extend(
            Error(problem, id=code)
            for problem in configuration_errors(name, getattr(settings, name))
        )
    if not settings.DATABASES["default"].get("ENGINE", "").endswith("postgresql"):
        errors.append(Error("DATABASE_URL must point at PostgreSQL.", id="ipamcore.E007"))
    return errors
