"""Single sign-on: the login page's buttons and group membership from a claim.

`sync_groups` is the last step of SOCIAL_AUTH_PIPELINE (settings.py). After the
library has found or created the user, it reads SSO_GROUPS_CLAIM from the
provider's answer — the validated ID token first, then the user-info/token
response — and makes the user's Django groups exactly the groups it names
(through SSO_GROUP_MAP when that is set). A claim that is absent changes nothing:
it cannot tell "no groups" from "this provider does not send groups".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from social_core.groups import check_group_overage

logger = logging.getLogger(__name__)
GROUP_NAME_LENGTH = 150
DEFAULT_LABELS = {
    "oidc": "OpenID Connect",
    "keycloak": "Keycloak",
    "azuread-oauth2": "Microsoft Entra ID",
    "azuread-tenant-oauth2": "Microsoft Entra ID",
    "azuread-v2-tenant-oauth2": "Microsoft Entra ID",
    "okta-openidconnect": "Okta",
    "okta-oauth2": "Okta",
}
MISSING = object()


@dataclass(frozen=True)
class Button:
    name: str
    label: str
    url: str


def backend_name(path: str) -> str:
    return str(import_string(path).name)


def buttons() -> list[Button]:
    """One login button per configured provider, in SSO_BACKENDS order."""
    result = []
    for path in settings.SSO_BACKENDS:
        name = backend_name(path)
        label = settings.SSO_LABELS.get(name) or DEFAULT_LABELS.get(name) or name
        result.append(Button(name, label, reverse("social:begin", args=[name])))
    return result


def lookup(source: Mapping[str, Any], claim: str) -> Any:
    """A claim by name, or by a dotted path into nested objects (`realm_access.roles`)."""
    if claim in source:
        return source[claim]
    value: Any = source
    for part in claim.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def claim_values(backend: Any, response: Mapping[str, Any] | None) -> list[str] | None:
    """The group claim's values, or None when no source carries the claim."""
    claim = settings.SSO_GROUPS_CLAIM
    sources = [getattr(backend, "id_token", None) or {}, response or {}]
    for source in sources:
        # An Entra ID token with too many groups only links to them: never take that
        # truncated answer for the full list (social-core raises an error for it).
        check_group_overage(backend, source, claim)
        value = lookup(source, claim)
        if value is MISSING:
            continue
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, Iterable) and not isinstance(value, Mapping):
            return [str(item) for item in value if item is not None and str(item)]
        return [str(value)]
    return None


def group_names(values: Iterable[str]) -> list[str]:
    """Claim values into group names; with SSO_GROUP_MAP only mapped values count."""
    mapping = settings.SSO_GROUP_MAP
    names: list[str] = []
    for value in values:
        if not mapping:
            names.append(value)
            continue
        target = mapping.get(value)
        if isinstance(target, str):
            names.append(target)
        elif isinstance(target, list | tuple):
            names.extend(str(item) for item in target)
    return list(dict.fromkeys(names))


def apply_groups(user: Any, names: list[str]) -> None:
    """Make `user`'s groups exactly `names` (those that exist, or all when creating)."""
    usable = [name for name in names if len(name) <= GROUP_NAME_LENGTH]
    if len(usable) < len(names):
        logger.warning("SSO: group names longer than %d characters ignored", GROUP_NAME_LENGTH)
    with transaction.atomic():
        groups = {group.name: group for group in Group.objects.filter(name__in=usable)}
        if settings.SSO_CREATE_GROUPS:
            for name in usable:
                if name not in groups:
                    groups[name] = Group.objects.get_or_create(name=name)[0]
        user.groups.set(groups.values())
        changed = []
        for flag, setting in (
            ("is_superuser", settings.SSO_SUPERUSER_GROUPS),
            ("is_staff", settings.SSO_STAFF_GROUPS),
        ):
            if setting:
                wanted = bool(set(names) & set(setting))
                if getattr(user, flag) != wanted:
                    setattr(user, flag, wanted)
                    changed.append(flag)
        if changed:
            user.save(update_fields=changed)


def sync_groups(
    backend: Any, user: Any = None, response: Mapping[str, Any] | None = None, **kwargs: Any
) -> None:
    """Pipeline step: group membership (and optionally superuser/staff) from the claim."""
    if user is None or not settings.SSO_SYNC_GROUPS:
        return
    values = claim_values(backend, response)
    if values is None:
        logger.info(
            "SSO: %s sent no %r claim; groups unchanged", backend.name, settings.SSO_GROUPS_CLAIM
        )
        return
    apply_groups(user, group_names(values))
