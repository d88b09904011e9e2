from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from ipamcore.api.routers import app_root, app_urlpatterns
from ipamcore.api.views import APIRootView, StatusView, not_found
from ipamcore.graphql.schema import schema
from ipamcore.graphql.views import GraphQLView
from users.api import AuthenticationCheckView
from users.views import LoginView, LogoutView

API_APPS = ("core", "dcim", "extras", "ipam", "tenancy", "users", "virtualization")


def api_app_urls(app_label: str) -> list[URLPattern | URLResolver]:
    """Registry routes plus any extra endpoints the app's api module declares."""
    module_name = "ipamcore.api.core" if app_label == "core" else f"{app_label}.api"
    try:
        module = import_module(module_name)
    except ModuleNotFoundError:
        module = None
    extra = list(getattr(module, "extra_urlpatterns", []))
    extra_names = {pattern.pattern._route.rstrip("/") for pattern in extra}
    # Endpoints NetBox serves but does not list in the app's root (e.g. users/config/).
    unlisted = list(getattr(module, "unlisted_urlpatterns", []))
    return [
        app_root(app_label, dict.fromkeys(extra_names, "")),
        *extra,
        *unlisted,
        *app_urlpatterns(app_label),
    ]


api_patterns: list[URLPattern | URLResolver] = [
    path("", APIRootView.as_view(), name="api-root"),
    path("status/", StatusView.as_view(), name="api-status"),
    path("authentication-check/", AuthenticationCheckView.as_view(), name="authentication-check"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "schema/swagger-ui/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"
    ),
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    *(path(f"{app}/", include(api_app_urls(app))) for app in API_APPS),
]

prefix = f"{settings.BASE_PATH}/" if settings.BASE_PATH else ""
urlpatterns = [
    path(f"{prefix}api/", include(api_patterns)),
    path(f"{prefix}login/", LoginView.as_view(), name="login"),
    path(f"{prefix}logout/", LogoutView.as_view(), name="logout"),
    # One login page for everything: the admin's sends its `next` along.
    path(
        f"{prefix}admin/login/",
        RedirectView.as_view(url=settings.LOGIN_URL, query_string=True),
        name="admin-login",
    ),
    path(f"{prefix}graphql/", GraphQLView.as_view(schema=schema), name="graphql"),
    path(f"{prefix}admin/", admin.site.urls),
    # Single sign-on: oauth/login/<provider>/ (POST, CSRF checked) and the callback
    # oauth/complete/<provider>/ to register with the identity provider.
    path(f"{prefix}oauth/", include("social_django.urls", namespace="social")),
]

handler404 = not_found
