"""View helpers shared by every app's pages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshen.org.permissions import reason_to_prevent
from sanshen.org.services import save_form


def say_form_kept(request) -> None:
    """Tell the person their form has errors and that nothing they typed was lost."""
    messages.error(request, _("请更正下面标出的错误，您填写的内容已保留。"))


def download(content, content_type: str, filename: str) -> HttpResponse:
    """A file the browser saves (附件下载) rather than shows."""
    return HttpResponse(content, content_type=content_type,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def refuse(request, reason: str):
    """The page shown when the permission module says no (403)."""
    return render(request, "web/refused.html", {"reason": reason}, status=403)


class ActionRequiredMixin(LoginRequiredMixin):
    """Let the request through only when `reason_to_prevent(action, user)` says nothing."""

    action: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        reason = reason_to_prevent(self.action, request.user)
        if reason:
            return refuse(request, reason)
        return super().dispatch(request, *args, **kwargs)


class AuditedFormMixin:
    """A create/update view whose save goes through `save_form` and is audited as `audit_action`."""

    audit_action: str = ""
    success_message = gettext_lazy("已保存。")

    def form_valid(self, form):
        self.object = save_form(form, action=self.audit_action, acting_user=self.request.user, request=self.request)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        say_form_kept(self.request)
        return super().form_invalid(form)


def action_required(action: str):
    """Function-view twin of ActionRequiredMixin: sign in first, then ask the permission module."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            reason = reason_to_prevent(action, request.user)
            if reason:
                return refuse(request, reason)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
