"""API roots and status."""

from __future__ import annotations

import platform
import socket
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import django
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

import ipamcore
from ipamcore import registry
from ipamcore.api.permissions import IsAuthenticatedOrLoginNotRequired
from ipamcore.middleware import API_PREFIX

API_APPS = (
    "circuits",
    "core",
    "dcim",
    "extras",
    "ipam",
    "plugins",
    "status",
    "tenancy",
    "users",
    "virtualization",
    "vpn",
    "wireless",
)


class APIRootView(APIView):
    permission_classes = [IsAuthenticatedOrLoginNotRequired]
    schema = None

    def get_view_name(self) -> str:
        return "API Root"

    def get(self, request: Request) -> Response:
        base = request.build_absolute_uri(reverse("api-root"))
        return Response({name: f"{base}{name}/" for name in API_APPS})


class AppRootView(APIView):
    permission_classes = [IsAuthenticatedOrLoginNotRequired]
    schema = None
    app_label = ""
    extra: dict[str, str] = {}

    def get_view_name(self) -> str:
        return f"{self.app_label.capitalize()} API root"

    def get(self, request: Request) -> Response:
        base = request.build_absolute_uri(reverse("api-root"))
        paths = [entry.path for entry in registry.for_app(self.app_label)]
        paths.extend(self.extra)
        return Response({name: f"{base}{self.app_label}/{name}/" for name in sorted(paths)})


def installed_versions() -> dict[str, str]:
    versions = {}
    for dist in (
        "Django",
        "djangorestframework",
        "django-filter",
        "drf-spectacular",
        "django-rq",
        "django-tree-queries",
        "netaddr",
        "psycopg",
        "rq",
        "strawberry-graphql-django",
    ):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            continue
    return versions


def rq_workers_running() -> int:
    """Workers registered in Redis (each refreshes its registration while alive)."""
    from redis.exceptions import RedisError
    from rq import Worker

    from ipamcore.queueing import connection

    try:
        return len(Worker.all(connection=connection("default")))
    except RedisError:  # Redis down: report no workers rather than fail the status page
        return 0


STATUS_SCHEMA = {
    "type": "object",
    "properties": {
        "django-version": {"type": "string"},
        "hostname": {"type": "string"},
        "installed_apps": {"type": "object", "additionalProperties": {"type": "string"}},
        "netbox-version": {"type": "string"},
        "netbox-full-version": {"type": "string"},
        "ipamcore-version": {"type": "string"},
        "plugins": {"type": "object", "additionalProperties": {"type": "string"}},
        "python-version": {"type": "string"},
        "rq-workers-running": {"type": "integer"},
    },
    "required": [
        "django-version",
        "hostname",
        "installed_apps",
        "netbox-version",
        "netbox-full-version",
        "plugins",
        "python-version",
        "rq-workers-running",
    ],
}


class StatusView(APIView):
    permission_classes = [IsAuthenticatedOrLoginNotRequired]

    @extend_schema(operation_id="status_retrieve", responses={200: STATUS_SCHEMA})
    def get(self, request: Request) -> Response:
        data: dict[str, Any] = {
            "django-version": django.get_version(),
            "hostname": settings.HOSTNAME or socket.gethostname(),
            "installed_apps": installed_versions(),
            "netbox-version": ipamcore.NETBOX_COMPAT_VERSION,
            "netbox-full-version": f"{ipamcore.NETBOX_COMPAT_VERSION}-ipamcore{ipamcore.VERSION}",
            "ipamcore-version": ipamcore.VERSION,
            "plugins": {},
            "python-version": platform.python_version(),
            "rq-workers-running": rq_workers_running(),
        }
        return Response(data)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Unknown URLs under /api/ answer in JSON like every other API error; others get the
    usual HTML page."""
    if f"{request.path}/".startswith(API_PREFIX):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
