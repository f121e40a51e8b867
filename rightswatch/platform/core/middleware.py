"""Security headers (CSP included) and the language choice (Simplified Chinese unless the user switched)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

SUPPORTED = {code for code, _ in settings.LANGUAGES}


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class LanguageMiddleware:
    """Simplified Chinese by default; English only when the user chose it (cookie). Accept-Language is ignored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if lang not in SUPPORTED:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


class RequireTwoFactorMiddleware:
    """With RIGHTSWATCH_REQUIRE_2FA=True, a signed-in user without a verified TOTP device can only enrol."""

    ALLOWED = ("/accounts/", "/static/", "/i18n/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (settings.RIGHTSWATCH_REQUIRE_2FA and user is not None and user.is_authenticated
                and not user.is_verified() and not request.path.startswith(self.ALLOWED)):
            from django.shortcuts import redirect

            return redirect("accounts:two_factor")
        return self.get_response(request)
