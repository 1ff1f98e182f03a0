"""Who may do what (权限): the one place that answers it, for pages, API and services alike.

`reason_to_prevent(action, user, obj)` returns None when allowed and a Chinese sentence saying why
not otherwise; the same answer hides a button and refuses a request. Every action is also a
`rules` permission, so `user.has_perm(action)` and `{% if perms... %}` agree with it.
"""

from dataclasses import dataclass

import rules
from django.utils.translation import gettext_lazy as _

from .models import Role


def has_role(*roles: str) -> rules.Predicate:
    names = "_or_".join(roles)

    @rules.predicate(name=f"has_role_{names}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.has_role(*roles))

    return predicate


is_staff_member = rules.predicate(
    lambda user: bool(user and user.is_authenticated and user.is_active and user.roles() - {Role.MEMBER}),
    name="is_staff_member",
)
is_signed_in = rules.predicate(
    lambda user: bool(user and user.is_authenticated and user.is_active), name="is_signed_in"
)


@dataclass(frozen=True)
class Action:
    predicate: rules.Predicate
    refusal: str


ACTIONS: dict[str, Action] = {
    "web.view_dashboard": Action(is_signed_in, _("请先登录。")),
    "org.manage_departments": Action(has_role(Role.ADMIN), _("只有系统管理员可以管理部门。")),
    "org.manage_people": Action(has_role(Role.ADMIN), _("只有系统管理员可以管理人员和角色。")),
    "org.manage_worktime": Action(has_role(Role.ADMIN), _("只有系统管理员可以设置工作时间和办公网络。")),
    "org.record_pledge": Action(
        has_role(Role.ADMIN, Role.SECRECY), _("只有系统管理员或保密审查员可以登记保密承诺书。")
    ),
    "org.grant_temporary": Action(
        has_role(Role.ADMIN, Role.LEADER, Role.MAIN_LEADER), _("只有系统管理员或单位领导可以登记临时授权。")
    ),
    "oversight.view_audit": Action(
        has_role(Role.ADMIN, Role.MAIN_LEADER, Role.SECRECY), _("只有系统管理员、主要领导或保密审查员可以查看操作日志。")
    ),
    "oversight.export_audit": Action(has_role(Role.ADMIN), _("只有系统管理员可以导出操作日志。")),
    "api.use": Action(is_signed_in, _("请先登录。")),
}

for _name, _action in ACTIONS.items():
    rules.add_perm(_name, _action.predicate)


def reason_to_prevent(action: str, user, obj=None) -> str | None:
    """Why `user` may not perform `action` (on `obj`), or None when they may."""
    try:
        rule = ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    if user is None or not user.is_authenticated:
        return str(_("请先登录。"))
    if rule.predicate.test(user, obj):
        return None
    return str(rule.refusal)


def can(user, action: str, obj=None) -> bool:
    return reason_to_prevent(action, user, obj) is None
