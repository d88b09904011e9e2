"""The browser's way in: a login page (password and single sign-on) and logout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from users import login, sso


class LoginView(auth_views.LoginView):
    """Username/password form (unless LOCAL_LOGIN_ENABLED is off) and one POST form per
    SSO provider; every form carries a CSRF token. After login: `next`, else /api/."""

    template_name = "login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "local_login_enabled": settings.LOCAL_LOGIN_ENABLED,
            "sso_buttons": sso.buttons(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_LOGIN_ENABLED:
            return self.refuse("Password login is disabled. Use single sign-on.", 403)
        wait = login.seconds_blocked(request, request.POST.get("username", ""))
        if wait:
            response = self.refuse(login.TOO_MANY_ATTEMPTS, 429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def refuse(self, message: str, status: int) -> HttpResponse:
        # An empty form and the reason: validating the posted form would try the password.
        form = self.get_form_class()(request=self.request)
        response = self.render_to_response(self.get_context_data(form=form, refusal=message))
        response.status_code = status
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link or an image cannot log anyone out."""
