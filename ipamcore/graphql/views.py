"""`/graphql/`: the GraphQL endpoint, and GraphiQL for browsers.

Authenticated like the REST API: an `Authorization: Token …` (v1) or `Bearer nbt_…`
(v2) header (users.authentication, the same code), else the session. Token clients
are exempt from CSRF; session clients that POST must send the CSRF token, as in the
REST API. With LOGIN_REQUIRED an anonymous request gets 403 (a browser is sent to the
login page). Failures are plain text, as NetBox answers them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.authentication import CSRFCheck
from strawberry.django.views import GraphQLView as StrawberryView

from users.authentication import TokenAuthentication


def forbidden(text: str) -> HttpResponse:
    return HttpResponse(text, status=403, content_type="text/plain")


def wants_html(request: HttpRequest) -> bool:
    return request.method == "GET" and "text/html" in request.headers.get("Accept", "")


def csrf_failure(request: HttpRequest) -> str | None:
    """Django's CSRF check, as the REST API applies it to session clients."""

    def no_response(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    check = CSRFCheck(no_response)
    check.process_request(request)
    # CSRFCheck returns the reason as text instead of a response.
    reason: Any = check.process_view(request, None, (), {})  # type: ignore[arg-type]
    return str(reason) if reason else None


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(StrawberryView):
    graphql_ide = "graphiql"
    allow_queries_via_get = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.GRAPHQL_ENABLED:
            return HttpResponse(
                "The GraphQL API is not enabled.", status=404, content_type="text/plain"
            )
        try:
            found = TokenAuthentication().authenticate(request)  # type: ignore[arg-type]
        except exceptions.AuthenticationFailed as exc:
            return forbidden(str(exc.detail))
        if found is not None:
            request.user, request.auth = found  # type: ignore[attr-defined]
        elif request.user.is_authenticated and request.method not in ("GET", "HEAD", "OPTIONS"):
            reason = csrf_failure(request)
            if reason:
                return forbidden(f"CSRF Failed: {reason}")
        if settings.LOGIN_REQUIRED and not request.user.is_authenticated:
            if wants_html(request):
                return redirect_to_login(request.get_full_path())
            return forbidden("No credentials provided.")
        return super().dispatch(request, *args, **kwargs)

    def render_graphql_ide(self, request: HttpRequest) -> HttpResponse:
        # GraphiQL posts with the session: it sends the CSRF cookie back as X-CSRFToken.
        get_token(request)
        return super().render_graphql_ide(request)
