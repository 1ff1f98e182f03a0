"""The dashboard (工作台) and the error pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from sanshen.org.models import Role


@login_required
def dashboard(request):
    assignments = request.user.role_assignments.prefetch_related("departments").order_by("role")
    return render(request, "web/dashboard.html", {
        "assignments": assignments,
        "is_admin": request.user.has_role(Role.ADMIN),
    })


def page_not_found(request, exception):
    return render(request, "web/error.html", {"status": 404, "title": _("页面不存在")}, status=404)


def server_error(request):
    return render(request, "web/error.html", {"status": 500, "title": _("系统出错了，请稍后再试")}, status=500)


def permission_denied(request, exception):
    return render(request, "web/refused.html", {"reason": str(exception) or _("您没有权限执行此操作。")}, status=403)


def bad_request(request, exception):
    return render(request, "web/error.html", {"status": 400, "title": _("请求有误")}, status=400)
