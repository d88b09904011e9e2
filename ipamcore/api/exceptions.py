"""Errors in NetBox's shapes (facts §6)."""

from __future__ import annotations

import platform
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

import ipamcore


class AbortRequest(exceptions.APIException):
    """A request refused as a whole with a plain message: 400 {"detail": "..."}."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request was aborted."


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflict."


class InsufficientResources(ConflictError):
    default_detail = "Insufficient resources are available to satisfy the request"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Precondition failed."


def protected_error(exc: ProtectedError | RestrictedError) -> ConflictError:
    objects = list(
        exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    )
    listed = ", ".join(f"{obj} ({obj.pk})" for obj in objects[:20])
    return ConflictError(
        f"Unable to delete object. {len(objects)} dependent objects were found: {listed}"
    )


def integrity_message(exc: IntegrityError) -> str:
    """A constraint the database enforced (e.g. two rows of one bulk create sharing a name)."""
    diag = getattr(exc.__cause__, "diag", None)
    detail = getattr(diag, "message_detail", None) or ""
    return f"The request conflicts with existing data. {detail}".strip()


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = translate(exc, context)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # NetBox answers every authentication failure with 403.
        set_rollback()
        return Response({"detail": str(exc.detail)}, status=status.HTTP_403_FORBIDDEN)
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    set_rollback()
    return Response(
        {
            "error": str(exc),
            "exception": type(exc).__name__,
            "netbox_version": ipamcore.NETBOX_COMPAT_VERSION,
            "python_version": platform.python_version(),
        },
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def unique_violation(exc: IntegrityError) -> str | None:
    """The message of the unique constraint a write broke, None for other integrity errors.
    A backstop: validation catches these first, but not every race or batch."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) != "23505":
        return None
    diag = getattr(cause, "diag", None)
    name = getattr(diag, "constraint_name", None)
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name and constraint.violation_error_message:
                return str(constraint.violation_error_message)
    return getattr(diag, "message_detail", None) or "This object already exists."


def translate(exc: Exception, context: dict[str, Any]) -> Exception:
    if isinstance(exc, ProtectedError | RestrictedError):
        return protected_error(exc)
    if isinstance(exc, IntegrityError):
        message = unique_violation(exc) or integrity_message(exc)
        return exceptions.ValidationError({"__all__": [message]})
    if isinstance(exc, DjangoValidationError):
        from ipamcore.api.serializers import django_error_detail

        return exceptions.ValidationError(django_error_detail(exc))
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        view = context.get("view")
        queryset = getattr(view, "queryset", None)
        name = queryset.model._meta.object_name if queryset is not None else "object"
        return exceptions.NotFound(f"No {name} matches the given query.")
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc
