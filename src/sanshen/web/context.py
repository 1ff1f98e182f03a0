"""The navigation each person sees: only the pages their roles may open (导航)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshen.org.permissions import can

from .notify import unread_count


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    action: str


@dataclass(frozen=True)
class NavGroup:
    label: str
    links: tuple[NavLink, ...]


NAVIGATION = [
    NavGroup(_("日常工作"), (
        NavLink(_("工作台"), "dashboard", "web.view_dashboard"),
        NavLink(_("我的稿件"), "content:mine", "content.create_item"),
        NavLink(_("审核任务"), "review:queue", "review.view_queue"),
        NavLink(_("保密审查"), "review:secrecy_queue", "review.answer_secrecy"),
        NavLink(_("提醒"), "review:notifications", "web.view_dashboard"),
        NavLink(_("关键词提醒"), "lexicons:notices", "lexicons.view_notices"),
    )),
    NavGroup(_("发布与互动"), (
        NavLink(_("发布管理"), "publishing:overview", "publishing.view_publications"),
        NavLink(_("回头看"), "publishing:follow_ups", "publishing.view_publications"),
        NavLink(_("网上留言"), "interaction:list", "interaction.view_messages"),
        NavLink(_("活动审批"), "events:list", "events.view"),
        NavLink(_("栏目和账号"), "channels:list", "publishing.manage_channels"),
        NavLink(_("推送记录"), "deliveries:list", "publishing.view_deliveries"),
        NavLink(_("门户网站"), "site:home", "publishing.view_publications"),
    )),
    NavGroup(_("监督考评"), (
        NavLink(_("信息统计"), "statistics:page", "oversight.view_statistics"),
        NavLink(_("超期未更新"), "statistics:breaches", "oversight.view_statistics"),
        NavLink(_("年度考评"), "statistics:evaluation", "oversight.view_statistics"),
        NavLink(_("问责"), "accountability:overview", "org.manage_accountability"),
        NavLink(_("监督检查"), "inspection:page", "oversight.inspect"),
        NavLink(_("操作日志"), "oversight:audit", "oversight.view_audit"),
    )),
    NavGroup(_("系统设置"), (
        NavLink(_("部门"), "org:departments", "org.manage_departments"),
        NavLink(_("人员与角色"), "org:people", "org.manage_people"),
        NavLink(_("保密承诺书"), "org:pledges", "org.record_pledge"),
        NavLink(_("临时授权"), "org:grants", "org.view_grants"),
        NavLink(_("工作时间"), "org:worktime", "org.manage_worktime"),
        NavLink(_("网站标识"), "site_identity", "website.manage_identity"),
        NavLink(_("审核流程"), "review:workflows", "review.manage_workflows"),
        NavLink(_("稿源单位"), "content:sources", "content.manage_sources"),
        NavLink(_("筛查词库"), "lexicons:entries", "lexicons.manage"),
        NavLink(_("数据备份"), "backup:list", "oversight.manage_backups"),
    )),
]


def navigation(request):
    """The groups of links this person may open, the current page marked; `nav_links` is the same, flat."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": [], "nav_groups": []}
    path = request.path
    unread = unread_count(user)
    groups = []
    for group in NAVIGATION:
        links = []
        for link in group.links:
            if can(user, link.action):
                url = reverse(link.url_name)
                label = f"{link.label}（{unread}）" if link.url_name == "review:notifications" and unread else link.label
                links.append({"label": label, "url": url, "active": False})
        if links:
            groups.append({"label": group.label, "links": links})
    flat = [link for group in groups for link in group["links"]]
    within = [link for link in flat if path == link["url"] or (link["url"] != "/" and path.startswith(link["url"]))]
    current = max(within, key=lambda link: len(link["url"]), default=None)
    if current is not None:
        current["active"] = True
    return {"nav_links": flat, "nav_groups": groups, "unread_count": unread}
