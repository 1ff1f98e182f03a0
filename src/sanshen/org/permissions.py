"""Who may do what (权限): the one place that answers it, for pages, API and services alike.

`reason_to_prevent(action, user, obj)` returns None when allowed and a Chinese sentence saying why
not otherwise; the same answer hides a button and refuses a request. Every action is also a
`rules` permission, so `user.has_perm(action)` and `{% if perms... %}` agree with it.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import rules
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshen.accountability.models import Suspension

from .models import Role

_suspensions_read: ContextVar[dict | None] = ContextVar("suspensions_read", default=None)


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
    """Who may act (a role predicate, refused with `refusal`), and, given an object, what else must hold.

    `scope` names the rights a suspension (暂停权限) takes away: compose, review or publish.
    """

    predicate: rules.Predicate
    refusal: str
    object_check: Callable[[object, object], str | None] | None = None
    scope: str | None = None


def suspension_refusal(person, scope: str, moment=None) -> str | None:
    """Why a suspension in force (暂停权限, O3) stops `person` from acting within `scope`, or None.

    The one check for every scoped action here and for signing a review stage (`decision_refusal`).
    """
    scopes = (scope, Suspension.Scope.ALL)
    suspension = next((s for s in _suspensions_in_force(person.pk, moment) if s.scope in scopes), None)
    if suspension is None:
        return None
    values = {"scope": Suspension.Scope(scope).label, "reason": suspension.reason,
              "start": timezone.localtime(suspension.starts_at).strftime("%Y-%m-%d %H:%M")}
    if suspension.ends_at is None:
        return _("您的%(scope)s权限已于%(start)s暂停：%(reason)s") % values
    values["end"] = timezone.localtime(suspension.ends_at).strftime("%Y-%m-%d %H:%M")
    return _("您的%(scope)s权限已于%(start)s暂停：%(reason)s（至%(end)s）") % values


def _suspensions_in_force(person_pk: int, moment=None) -> list[Suspension]:
    """The person's suspensions in force at `moment`, earliest first; read once per request for now."""
    memo = _suspensions_read.get()
    if moment is not None or memo is None:
        return list(Suspension.objects.current(moment).filter(person=person_pk).order_by("starts_at", "pk"))
    if person_pk not in memo:
        memo[person_pk] = _suspensions_in_force(person_pk, timezone.now())
    return memo[person_pk]


@contextmanager
def suspensions_read_once():
    """Within one request (a page asks about dozens of rows), read each person's suspensions once."""
    token = _suspensions_read.set({})
    try:
        yield
    finally:
        _suspensions_read.reset(token)


def not_suspended(scope: str) -> rules.Predicate:
    @rules.predicate(name=f"not_suspended_{scope}")
    def predicate(user) -> bool:
        return suspension_refusal(user, scope) is None

    return predicate


COMPOSE, REVIEW, PUBLISH = Suspension.Scope.COMPOSE, Suspension.Scope.REVIEW, Suspension.Scope.PUBLISH


EDITABLE = {"draft", "in_review", "rejected", "approved"}


def own_editable_item(user, item) -> str | None:
    """Only the author edits, and only while the item is not frozen (R2: reviewers never edit)."""
    if item.author_id != user.pk:
        return _("只有稿件作者可以修改稿件，审核人和发布人员没有修改权限。")
    if item.status not in EDITABLE:
        return _("稿件当前状态为“%(status)s”，不能修改。") % {"status": item.get_status_display()}
    return None


def own_submittable_item(user, item) -> str | None:
    if item.author_id != user.pk:
        return _("只有稿件作者可以提交稿件。")
    if item.status not in ("draft", "rejected"):
        return _("稿件当前状态为“%(status)s”，不能提交。") % {"status": item.get_status_display()}
    return None


def in_review_and_visible(user, item) -> str | None:
    """Emergency approval acts on an item already in review (R6)."""
    if item.status != "in_review":
        return _("只有审核中的稿件可以应急审核（请先提交）。")
    return may_see_item(user, item)


def open_for_secrecy_and_visible(user, item) -> str | None:
    """Secrecy determination is asked for while the item is still being written or reviewed (R7)."""
    if item.status not in ("draft", "in_review", "rejected"):
        return _("稿件当前状态为“%(status)s”，不能提请保密审查。") % {"status": item.get_status_display()}
    return may_see_item(user, item)


def may_see_item(user, item) -> str | None:
    """Authors see their items; member units see only their own; staff see the rest, pledged for sensitive ones."""
    if item.author_id == user.pk:
        return None
    if not (user.roles() - {Role.MEMBER}):
        return _("会员单位只能查看本单位报送的稿件。")
    if item.needs_pledge and not user.has_current_pledge():
        return _("您尚未登记保密承诺书，不能查看敏感或涉密稿件。")
    return None


def own_department_follow_up(user, follow_up) -> str | None:
    """回头看 is done by the department that submitted the item (002§16)."""
    if follow_up.department_id != user.department_id:
        return _("回头看由报送部门（%(department)s）完成。") % {"department": follow_up.department}
    return None


def own_open_event(user, event) -> str | None:
    """Only the proposer changes or submits an event, and only while it is a draft or was sent back."""
    if event.proposed_by_id != user.pk:
        return _("只有申报人可以修改或提交活动申报。")
    if event.status not in ("draft", "rejected"):
        return _("活动当前状态为“%(status)s”，不能修改或提交。") % {"status": event.get_status_display()}
    return None


def event_for_approval(user, event) -> str | None:
    """Approve someone else's submitted event; major events and sensitive speakers need the main leader."""
    if event.status != "submitted":
        return _("活动当前状态为“%(status)s”，不在待审批状态。") % {"status": event.get_status_display()}
    if event.proposed_by_id == user.pk:
        return _("不能审批自己申报的活动。")
    if event.needs_main_leader and not user.has_role(Role.MAIN_LEADER):
        return _("重大活动或邀请可能涉及敏感内容的人员，须报主要领导审批。")
    return None


def approved_event(user, event) -> str | None:
    if event.status != "approved":
        return _("活动审批同意后才能备案。")
    return None


def cancellable_event(user, event) -> str | None:
    if event.status == "cancelled":
        return _("活动已取消。")
    if event.proposed_by_id != user.pk and not user.has_role(Role.LEADER, Role.MAIN_LEADER, Role.OFFICER):
        return _("只有申报人、信息专管员或领导可以取消活动。")
    return None


def message_departments(user, *roles: str) -> set[int]:
    """The departments whose 网上留言 `user` handles in `roles` (their role scopes, else their own department)."""
    from .models import RoleAssignment

    scoped = set(RoleAssignment.departments.through.objects.filter(
        roleassignment__person=user, roleassignment__role__in=roles).values_list("department_id", flat=True))
    return scoped or ({user.department_id} if user.department_id and user.has_role(*roles) else set())


def sees_all_messages(user) -> bool:
    """The office, administrators and the main leader see every message, new ones included."""
    return user.has_role(Role.OFFICER, Role.ADMIN, Role.MAIN_LEADER)


def may_see_message(user, message) -> str | None:
    """Others see the messages routed to their department or to a department their roles cover."""
    if sees_all_messages(user) or (message.department_id is not None and message.department_id in (
            message_departments(user, *Role.values) | {user.department_id})):
        return None
    return _("该留言未转交您所在的部门办理。")


def routed_to_own_department(user, message) -> str | None:
    """A department answers only the messages routed to it (001 website§18)."""
    if message.department_id not in message_departments(user, Role.EDITOR, Role.SECTION_HEAD):
        return _("该留言由%(department)s办理，其他部门不能答复。") % {
            "department": message.department or _("办公室（尚未转办）")}
    return None


def approvable_answer(user, message) -> str | None:
    """The answer is approved in its department by someone other than the person who drafted it."""
    if message.department_id not in message_departments(user, Role.SECTION_HEAD, Role.LEADER):
        return _("只有%(department)s的科室负责人或分管领导可以审核该答复。") % {
            "department": message.department or _("承办部门")}
    if message.answered_by_id == user.pk:
        return _("答复由您起草，须由他人审核。")
    return None


def grant_request_for_decision(user, grant_request) -> str | None:
    """A pending 临时授权申请 is decided once, and never by the person who asked (no self-approval)."""
    if grant_request.status != grant_request.Status.PENDING:
        return _("该申请已处理（%(status)s）。") % {"status": grant_request.get_status_display()}
    if grant_request.requested_by_id == user.pk:
        return _("不能审批自己的临时授权申请。")
    return None


def allow_proposal_for_decision(user, proposal) -> str | None:
    """A pending 白名单建议 is decided once, and never by the person who proposed it."""
    if proposal.status != proposal.Status.PENDING:
        return _("该建议已处理（%(status)s）。") % {"status": proposal.get_status_display()}
    if proposal.proposed_by_id == user.pk:
        return _("不能处理自己提出的白名单建议。")
    return None


def thread_resolver(user, thread) -> str | None:
    """A 批注 thread is marked resolved (已解决) once, by the item's author or the person who started it."""
    if thread.resolved_at is not None:
        return _("该批注已标记为已解决。")
    if user.pk not in (thread.author_id, thread.item.author_id):
        return _("只有稿件作者或批注人可以将批注标记为已解决。")
    return None


ACTIONS: dict[str, Action] = {
    "web.view_dashboard": Action(is_signed_in, gettext_lazy("请先登录。")),
    "org.manage_departments": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以管理部门。")),
    "org.manage_people": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以管理人员和角色。")),
    "org.manage_worktime": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以设置工作时间和办公网络。")),
    "website.manage_identity": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以设置网站标识。")),
    "org.record_pledge": Action(
        has_role(Role.ADMIN, Role.SECRECY), gettext_lazy("只有系统管理员或保密审查员可以登记保密承诺书。")
    ),
    "org.grant_temporary": Action(
        has_role(Role.ADMIN, Role.LEADER, Role.MAIN_LEADER), gettext_lazy("只有系统管理员或单位领导可以登记临时授权。")
    ),
    "org.request_grant": Action(
        has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以申请临时授权（发布须在工作时间、办公网络内进行）。")),
    "org.decide_grant_request": Action(
        has_role(Role.ADMIN, Role.LEADER, Role.MAIN_LEADER), gettext_lazy("只有系统管理员或单位领导可以审批临时授权申请。"),
        grant_request_for_decision),
    "org.view_grants": Action(
        has_role(Role.OFFICER, Role.ADMIN, Role.LEADER, Role.MAIN_LEADER),
        gettext_lazy("只有信息专管员、系统管理员或单位领导可以查看临时授权。")),
    "org.manage_accountability": Action(
        has_role(Role.MAIN_LEADER, Role.ADMIN), gettext_lazy("只有主要领导或系统管理员可以暂停、恢复权限和登记通报批评。")),
    "oversight.view_audit": Action(
        has_role(Role.ADMIN, Role.MAIN_LEADER, Role.SECRECY), gettext_lazy("只有系统管理员、主要领导或保密审查员可以查看操作日志。")
    ),
    "oversight.export_audit": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以导出操作日志。")),
    "oversight.view_statistics": Action(
        has_role(Role.SECTION_HEAD, Role.LEADER, Role.MAIN_LEADER, Role.OFFICER, Role.ADMIN),
        gettext_lazy("只有科室负责人、分管领导、主要领导、信息专管员或系统管理员可以查看统计和考评。")),
    "oversight.manage_backups": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以备份数据和下载备份。")),
    "oversight.inspect": Action(
        has_role(Role.MAIN_LEADER, Role.SECRECY, Role.ADMIN),
        gettext_lazy("只有主要领导、保密审查员或系统管理员可以进行监督检查。")),
    "api.use": Action(is_signed_in, gettext_lazy("请先登录。")),
    "content.create_item": Action(has_role(Role.EDITOR, Role.MEMBER), gettext_lazy("只有采编员或会员单位可以撰写稿件。"),
                                  scope=COMPOSE),
    "content.view_item": Action(is_signed_in, gettext_lazy("请先登录。"), may_see_item),
    "content.edit_item": Action(has_role(Role.EDITOR, Role.MEMBER), gettext_lazy("只有采编员或会员单位可以修改稿件。"),
                                own_editable_item, scope=COMPOSE),
    "content.dismiss_finding": Action(has_role(Role.EDITOR, Role.MEMBER),
                                      gettext_lazy("只有撰稿人可以忽略筛查提醒。"), own_editable_item, scope=COMPOSE),
    "content.submit_item": Action(has_role(Role.EDITOR, Role.MEMBER), gettext_lazy("只有采编员或会员单位可以提交稿件。"),
                                  own_submittable_item, scope=COMPOSE),
    "content.manage_sources": Action(has_role(Role.ADMIN, Role.OFFICER), gettext_lazy("只有系统管理员或信息专管员可以维护稿源单位。")),
    "review.view_queue": Action(is_staff_member, gettext_lazy("会员单位没有审核任务。")),
    "review.override_finding": Action(
        has_role(Role.SECTION_HEAD, Role.LEADER, Role.MAIN_LEADER),
        gettext_lazy("只有科室负责人、分管领导或主要领导可以确认保留须修改的筛查结果。"), may_see_item,
        scope=REVIEW),
    "review.emergency_approve": Action(
        has_role(Role.SPOKESPERSON, Role.LEADER), gettext_lazy("只有新闻发言人或分管领导可以应急审核。"), in_review_and_visible,
        scope=REVIEW),
    "review.request_secrecy": Action(is_staff_member, gettext_lazy("会员单位不能提请保密审查。"),
                                     open_for_secrecy_and_visible),
    "review.answer_secrecy": Action(has_role(Role.SECRECY), gettext_lazy("只有保密审查员可以作出保密审查结论。"),
                                    scope=REVIEW),
    "review.manage_workflows": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以配置审核流程。")),
    "review.comment": Action(is_staff_member, gettext_lazy("会员单位不能批注稿件。"), may_see_item),
    "review.reply_comment": Action(is_signed_in, gettext_lazy("请先登录。"), may_see_item),
    "review.resolve_comment": Action(is_signed_in, gettext_lazy("请先登录。"), thread_resolver),
    "publishing.view_publications": Action(is_staff_member, gettext_lazy("会员单位不能查看发布记录。")),
    "publishing.publish": Action(has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以发布信息。"), may_see_item,
                                 scope=PUBLISH),
    "publishing.retract": Action(has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以撤回已发布的信息。"),
                                 may_see_item, scope=PUBLISH),
    "publishing.take_offline": Action(
        has_role(Role.OFFICER, Role.LEADER, Role.MAIN_LEADER),
        gettext_lazy("只有信息专管员、分管领导或主要领导可以熔断渠道。")),
    "publishing.restore_channel": Action(
        has_role(Role.LEADER, Role.MAIN_LEADER), gettext_lazy("只有分管领导或主要领导可以恢复已熔断的渠道。")),
    "publishing.view_channels": Action(is_staff_member, gettext_lazy("会员单位不能查看发布渠道。")),
    "publishing.manage_channels": Action(
        has_role(Role.ADMIN, Role.OFFICER), gettext_lazy("只有系统管理员或信息专管员可以管理栏目和账号。")),
    "publishing.approve_account_closing": Action(
        has_role(Role.MAIN_LEADER), gettext_lazy("关闭政务新媒体账号须经单位主要领导批准。")),
    "publishing.view_deliveries": Action(
        has_role(Role.ADMIN, Role.OFFICER), gettext_lazy("只有系统管理员或信息专管员可以查看推送记录。")),
    "publishing.retry_delivery": Action(has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以重新推送。"),
                                        scope=PUBLISH),
    "publishing.confirm_delivery": Action(
        has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以确认已人工发布到渠道。"), scope=PUBLISH),
    "publishing.answer_follow_up": Action(
        has_role(Role.EDITOR, Role.SECTION_HEAD), gettext_lazy("只有报送部门的采编员或科室负责人可以填写回头看结果。"),
        own_department_follow_up),
    "publishing.view_all_follow_ups": Action(
        has_role(Role.OFFICER, Role.LEADER, Role.MAIN_LEADER, Role.ADMIN),
        gettext_lazy("只能查看本部门的回头看。")),
    "events.view": Action(is_staff_member, gettext_lazy("会员单位不能查看活动审批。")),
    "events.propose": Action(has_role(Role.EDITOR, Role.SECTION_HEAD, Role.OFFICER),
                             gettext_lazy("只有采编员、科室负责人或信息专管员可以申报活动。")),
    "events.edit": Action(has_role(Role.EDITOR, Role.SECTION_HEAD, Role.OFFICER),
                          gettext_lazy("只有采编员、科室负责人或信息专管员可以申报活动。"), own_open_event),
    "events.approve": Action(has_role(Role.LEADER, Role.MAIN_LEADER), gettext_lazy("只有分管领导或主要领导可以审批活动。"),
                             event_for_approval),
    "events.file": Action(has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以登记活动备案。"), approved_event),
    "events.cancel": Action(is_staff_member, gettext_lazy("会员单位不能取消活动。"), cancellable_event),
    "events.manage_self_media": Action(has_role(Role.OFFICER, Role.ADMIN),
                                       gettext_lazy("只有信息专管员或系统管理员可以维护自媒体台账。")),
    "lexicons.view_notices": Action(is_staff_member, gettext_lazy("会员单位不接收关键词提醒。")),
    "lexicons.manage": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以维护筛查词库和规则。")),
    "lexicons.propose_allow": Action(has_role(Role.EDITOR, Role.MEMBER), gettext_lazy("只有采编员或会员单位可以建议加入白名单。"),
                                     may_see_item, scope=COMPOSE),
    "lexicons.decide_allow": Action(has_role(Role.ADMIN), gettext_lazy("只有系统管理员可以处理白名单建议。"),
                                    allow_proposal_for_decision),
    "lexicons.resolve_flag": Action(
        has_role(Role.OFFICER, Role.SECTION_HEAD, Role.LEADER, Role.MAIN_LEADER),
        gettext_lazy("只有信息专管员、科室负责人、分管领导或主要领导可以处理复查发现。"), may_see_item),
    "interaction.view_messages": Action(is_staff_member, gettext_lazy("会员单位不能查看网上留言。"), may_see_message),
    "interaction.moderate": Action(
        has_role(Role.OFFICER, Role.ADMIN), gettext_lazy("只有信息专管员或系统管理员可以审核网上留言。"), scope=REVIEW),
    "interaction.answer": Action(
        has_role(Role.EDITOR, Role.SECTION_HEAD), gettext_lazy("只有承办部门的采编员或科室负责人可以答复网上留言。"),
        routed_to_own_department, scope=COMPOSE),
    "interaction.approve_answer": Action(
        has_role(Role.SECTION_HEAD, Role.LEADER), gettext_lazy("只有承办部门的科室负责人或分管领导可以审核答复。"),
        approvable_answer, scope=REVIEW),
    "interaction.publish_answer": Action(has_role(Role.OFFICER), gettext_lazy("只有信息专管员可以公开答复。"),
                                         scope=PUBLISH),
}

for _name, _action in ACTIONS.items():
    rules.add_perm(_name, _action.predicate & not_suspended(_action.scope) if _action.scope else _action.predicate)


def reason_to_prevent(action: str, user, obj=None) -> str | None:
    """Why `user` may not perform `action` (on `obj`), or None when they may."""
    try:
        rule = ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    if user is None or not user.is_authenticated:
        return str(_("请先登录。"))
    if not rule.predicate.test(user, obj):
        return str(rule.refusal)
    if rule.scope is not None and (suspended := suspension_refusal(user, rule.scope)):
        return suspended
    if obj is not None and rule.object_check is not None:
        return rule.object_check(user, obj)
    return None


def can(user, action: str, obj=None) -> bool:
    return reason_to_prevent(action, user, obj) is None
