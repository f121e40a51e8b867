"""Sign-in (password, then the TOTP code when the user has a device), sign-out, two-factor enrolment."""

from __future__ import annotations

import base64
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


class SignInForm(AuthenticationForm):
    otp_token = forms.CharField(label=gettext_lazy("Two-factor code"), required=False, max_length=8,
                                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    error_messages = {
        "invalid_login": gettext_lazy("Wrong user name or password."),
        "inactive": gettext_lazy("This account is inactive."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        self.otp_device = None
        if user is not None and user_has_device(user, confirmed=True):
            token = (cleaned.get("otp_token") or "").strip()
            device = match_token(user, token) if token else None
            if device is None:
                raise forms.ValidationError(_("Enter the current code of your authenticator app."), code="otp")
            self.otp_device = device
        return cleaned


def sign_in(request):
    if request.method == "POST":
        form = SignInForm(request, data=request.POST)
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            if form.otp_device is not None:
                otp_login(request, form.otp_device)
            target = request.POST.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = ""
            if settings.RIGHTSWATCH_REQUIRE_2FA and form.otp_device is None:
                return redirect("accounts:two_factor")
            return redirect(target or settings.LOGIN_REDIRECT_URL)
    else:
        form = SignInForm(request)
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def sign_out(request):
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@login_required
def two_factor(request):
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if request.method == "POST" and request.POST.get("action") == "confirm" and device is not None:
        if device.verify_token((request.POST.get("token") or "").strip()):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("accounts:two_factor")
        messages.error(request, _("That code is not right; try the current one."))
    if request.method == "POST" and request.POST.get("action") == "start":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    context = {"confirmed": confirmed, "device": device}
    if device is not None:
        context["qr"] = _qr_svg(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)
