"""The channels API (发布渠道接口): which channels exist, who answers for them, and new-media filing state. P1, P2.

403 — members (the permission module's reason); nothing here changes a channel.
"""

from datetime import date

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from sanshen.core.api import forbid
from sanshen.core.api_paging import Paging, page_of, paged
from sanshen.org.models import Role
from sanshen.org.permissions import reason_to_prevent

from . import services as accounts
from .models import Channel

channels_router = Router(tags=["发布渠道 Channels"])


class Refusal(Schema):
    detail: str = Field(description="原因（中文） Why the request was refused, in Chinese")


class ChannelPersonOut(Schema):
    username: str
    full_name: str


class FilingOut(Schema):
    """备案状态 A new-media account's filing state."""

    state: str = Field(description="due 待备案 · filed 已备案 · overdue 备案已超期 · deregistration_due 待注销备案 · "
                                   "deregistration_overdue 注销备案已超期 · deregistered 已注销备案")
    label: str = Field(description="状态（中文） State in words")
    opened_on: date = Field(description="开设日期 Opened on")
    due: date | None = Field(description="当前期限 Due date of the filing now owed (or last owed)")
    filed_on: date | None = Field(description="备案日期 Filed on")
    closed_on: date | None = Field(description="注销日期 De-registered on")
    rarely_used: bool = Field(description="建议整合或关停 No live publication within the update threshold")


class ChannelListOut(Schema):
    id: int
    name: str
    kind: str = Field(description="类型 website · wechat · weibo · video · app · mini_program · higher_portal")
    kind_label: str
    parent: int | None = Field(description="上级栏目编号 Parent column id (website columns only)")
    department: str | None = Field(description="责任部门 Responsible department")
    responsible: ChannelPersonOut | None = Field(description="责任人 Responsible person")
    publisher: ChannelPersonOut | None = Field(description="发布人 Publisher; null: any information officer")
    workflow: str = Field(description="审核流程 Workflow name")
    is_active: bool
    is_offline: bool = Field(description="已熔断 Taken offline by the circuit breaker")
    update_threshold_days: int = Field(description="更新期限（天） Days without a new publication before it counts as stale")
    may_publish: bool = Field(description="调用者可以发布到此渠道 The caller may publish here now")
    filing: FilingOut | None = Field(description="政务新媒体备案 Filing state (new-media accounts only)")


def _person(person):
    return None if person is None else {"username": person.username, "full_name": person.full_name}


def _may_publish(user, channel: Channel) -> bool:
    return (channel.is_active and not channel.is_offline and user.has_role(Role.OFFICER)
            and channel.publisher_id in (None, user.pk))


@channels_router.get("", response={200: list[ChannelListOut], 403: Refusal}, description=paged(
    "Every channel (by kind, parent, name) with who answers for it, whether the caller may publish there now, "
    "and for new-media accounts the filing state (备案) and whether it is rarely used. Member units are refused."))
def list_channels(request, response: HttpResponse, paging: Query[Paging]):
    forbid(reason_to_prevent("publishing.view_channels", request.user))
    channels = list(page_of(response, Channel.objects.select_related(
        "department", "responsible", "publisher", "workflow", "account").order_by("kind", "parent_id", "name", "pk"),
        paging))
    media_accounts = [c.account for c in channels if c.is_new_media and hasattr(c, "account")]
    flagged = accounts.rarely_used(media_accounts)
    out = []
    for c in channels:
        filing = None
        if c.is_new_media and hasattr(c, "account"):
            a, state = c.account, accounts.filing_state(c.account)
            filing = {"state": state.code, "label": state.label, "opened_on": a.opened_on, "due": state.due,
                      "filed_on": a.filed_on, "closed_on": a.closed_on, "rarely_used": c.pk in flagged}
        out.append({
            "id": c.pk, "name": c.name, "kind": c.kind, "kind_label": str(c.get_kind_display()), "parent": c.parent_id,
            "department": c.department.name if c.department else None, "responsible": _person(c.responsible),
            "publisher": _person(c.publisher), "workflow": c.workflow.name, "is_active": c.is_active,
            "is_offline": c.is_offline, "update_threshold_days": c.update_threshold_days,
            "may_publish": _may_publish(request.user, c), "filing": filing,
        })
    return out
