from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

import ipamcore

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
API_PREFIX = f"/{settings.BASE_PATH}/api/" if settings.BASE_PATH else "/api/"


class RequestIdMiddleware:
    """Gives every request a server-made id (X-Request-ID, recorded in the changelog)
    and marks API responses with the API version clients gate features on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = uuid.uuid4()  # type: ignore[attr-defined]
        is_api = f"{request.path}/".startswith(API_PREFIX)
        if is_api and request.method in UNSAFE_METHODS and not request.path.endswith("/"):
            # Redirecting a write would lose its body; NetBox answers 404.
            response: HttpResponse = JsonResponse({"detail": "Not found."}, status=404)
        else:
            response = self.get_response(request)
        response["X-Request-ID"] = str(request.id)  # type: ignore[attr-defined]
        if is_api:
            response["API-Version"] = ipamcore.API_VERSION
        return response
