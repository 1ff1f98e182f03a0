"""The dashboard (工作台) and the error pages."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from sanshen.accountability import services as accountability
from sanshen.channels import services as accounts
from sanshen.content.models import Item
from sanshen.deliveries import log as deliveries
from sanshen.events import dashboard as events_dashboard
from sanshen.interaction import dashboard as interaction_dashboard
from sanshen.org import grant_requests
from sanshen.org.models import Role
from sanshen.org.permissions import can
from sanshen.publishing import dashboard as publishing_dashboard
from sanshen.publishing.item_state import with_states
from sanshen.review import queue
from sanshen.statistics import thresholds

DASHBOARD_ROWS = 5


def review_panels(person) -> dict:
    """The dashboard's work panels: what waits for this person, each linking to its page."""
    panels = {}
    if can(person, "review.view_queue"):
        panels["tasks"] = queue.review_tasks(person, per_page=DASHBOARD_ROWS)
        panels["completions"] = queue.emergency_completions(person, per_page=DASHBOARD_ROWS)
    if queue.sees_secrecy_overview(person):
        panels["overdue_secrecy"] = list(queue.overdue_secrecy_requests())
        panels["open_secrecy"] = queue.open_secrecy_requests().count()
    if can(person, "content.create_item"):
        mine = Paginator(Item.objects.filter(
            author=person, status__in=[Item.Status.DRAFT, Item.Status.REJECTED]).order_by("status", "-updated_at"),
            DASHBOARD_ROWS).get_page(1)
        mine.object_list = with_states(mine.object_list)
        panels["my_items"] = mine
    return panels


@login_required
def dashboard(request):
    assignments = request.user.role_assignments.prefetch_related("departments").order_by("role")
    return render(request, "web/dashboard.html", {
        "assignments": assignments,
        "is_admin": request.user.has_role(Role.ADMIN),
        **review_panels(request.user),
        **accounts.dashboard_panels(request.user),
        **publishing_dashboard.dashboard_panels(request.user),
        **accountability.dashboard_panels(request.user),
        **grant_requests.dashboard_panels(request.user),
        **events_dashboard.dashboard_panels(request.user),
        **interaction_dashboard.dashboard_panels(request.user),
        **deliveries.dashboard_panels(request.user),
        **thresholds.dashboard_panels(request.user),
    })


def page_not_found(request, exception):
    return render(request, "web/error.html", {"status": 404, "title": _("页面不存在")}, status=404)


def server_error(request):
    return render(request, "web/error.html", {"status": 500, "title": _("系统出错了，请稍后再试")}, status=500)


def permission_denied(request, exception):
    return render(request, "web/refused.html", {"reason": str(exception) or _("您没有权限执行此操作。")}, status=403)


def bad_request(request, exception):
    return render(request, "web/error.html", {"status": 400, "title": _("请求有误")}, status=400)
