"""Who may call an endpoint: model or object permissions, read-only tokens, LOGIN_REQUIRED.

These answer whether a user may call an endpoint at all; which objects it then reads or
writes is ipamcore.permissions.restrict's answer (the viewsets ask it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from ipamcore.permissions import may, view_is_exempt

ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": None,
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class TokenWritePermission(BasePermission):
    """A token without write_enabled may only read."""

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if request.method in SAFE_METHODS or token is None:
            return True
        return bool(getattr(token, "write_enabled", True))


class IsAuthenticatedOrLoginNotRequired(TokenWritePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.user.is_authenticated or not settings.LOGIN_REQUIRED


class ModelPermission(TokenWritePermission):
    """GET needs `view`, POST `add`, PUT/PATCH `change`, DELETE `delete` on the model, as a
    Django model permission or as an object permission (constraints aside: they narrow the
    objects later, in the queryset)."""

    def required_action(self, request: Request, view: Any) -> str | None:
        return getattr(view, "permission_action", None) or ACTIONS.get(request.method or "")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        user = request.user
        if not user.is_authenticated and settings.LOGIN_REQUIRED:
            return False
        # Exempt models are readable by every user, and by anonymous ones without LOGIN_REQUIRED.
        if request.method in SAFE_METHODS and view_is_exempt(view.get_permission_model()):
            return True
        if not user.is_authenticated:
            return False
        action = self.required_action(request, view)
        return action is None or may(user, view.get_permission_model(), action)
