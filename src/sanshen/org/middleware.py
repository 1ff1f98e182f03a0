"""The account gate: an expired password or a missing second factor stops a session at the door; rights
read once per request."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .models import Role
from .permissions import suspensions_read_once

OPEN_PREFIXES = ("/static/", "/api/", "/favicon")


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            target = self.gate(request, user)
            if target and request.path not in {reverse(target), reverse("logout")}:
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def gate(request, user) -> str | None:
        """The page this user must visit before anything else, if any."""
        if user.password_expired():
            if not request.path == reverse("password_change"):
                messages.warning(request, _("您的密码已过期（超过 365 天未修改）或须重新设置，请先修改密码。"))
            return "password_change"
        if user_has_device(user, confirmed=True):
            if not user.is_verified():
                return "otp_verify"
        elif user.has_role(Role.ADMIN):
            return "otp_setup"
        return None


class RightsReadOnceMiddleware:
    """A page asks about the same person's suspensions for every row: read them once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with suspensions_read_once():
            return self.get_response(request)
