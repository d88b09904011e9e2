"""Which objects a user may see or touch: the one place every interface asks.

REST, GraphQL and background code call `restrict(queryset, user, action)` and
work on what it returns. Today the answer comes from superuser status, Django
model permissions and EXEMPT_VIEW_PERMISSIONS; object permissions with
constraints (issue 5) narrow the same queryset here, so callers do not change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet

ACTIONS = ("view", "add", "change", "delete")


def view_is_exempt(model: type[Model]) -> bool:
    exempt = settings.EXEMPT_VIEW_PERMISSIONS
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    return "*" in exempt or label in exempt


def permission_name(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def restrict[M: Model](queryset: QuerySet[M], user: Any, action: str = "view") -> QuerySet[M]:
    """The part of `queryset` that `user` may `action` (view, add, change, delete)."""
    model = queryset.model
    if user is not None and user.is_active and user.is_superuser:
        return queryset
    authenticated = user is not None and user.is_authenticated
    may_read_exempt = authenticated or not settings.LOGIN_REQUIRED
    if action == "view" and view_is_exempt(model) and may_read_exempt:
        return queryset
    if not authenticated:
        return queryset.none()
    if user.has_perm(permission_name(model, action)):
        return queryset
    return queryset.none()
