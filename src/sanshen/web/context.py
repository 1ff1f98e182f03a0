"""The navigation each person sees: only the pages their roles may open (导航)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshen.org.permissions import can


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    action: str


NAVIGATION = [
    NavLink(_("工作台"), "dashboard", "web.view_dashboard"),
    NavLink(_("部门"), "org:departments", "org.manage_departments"),
    NavLink(_("人员与角色"), "org:people", "org.manage_people"),
    NavLink(_("保密承诺书"), "org:pledges", "org.record_pledge"),
    NavLink(_("临时授权"), "org:grants", "org.grant_temporary"),
    NavLink(_("工作时间"), "org:worktime", "org.manage_worktime"),
    NavLink(_("操作日志"), "oversight:audit", "oversight.view_audit"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    path = request.path
    links = []
    for link in NAVIGATION:
        if can(user, link.action):
            url = reverse(link.url_name)
            active = path == url if link.url_name == "dashboard" else path.startswith(url)
            links.append({"label": link.label, "url": url, "active": active})
    return {"nav_links": links}
