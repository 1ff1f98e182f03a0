"""The suspensions API (权限暂停接口): list, suspend, lift early — for the main leader and administrators.

403 the permission module refuses (`org.manage_accountability`), 400 a rule refuses (no reason, oneself,
end before start, already ended or lifted), 404 no such suspension, 422 malformed input (unknown person,
unknown scope).
"""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from sanshen.core.api import REFUSALS, PersonOut, forbid, person_out, service_refusals
from sanshen.core.api_paging import Paging, page_of, paged
from sanshen.org.models import Person
from sanshen.org.permissions import reason_to_prevent
from sanshen.org.services import OrgError

from . import services as accountability
from .models import Suspension

suspensions_router = Router(tags=["问责 Accountability"])
ScopeValue = Literal[tuple(Suspension.Scope.values)]
SuspensionId = Annotated[int, Path(ge=1, le=2**63 - 1, description="暂停记录编号 Suspension id")]


class SuspensionIn(Schema):
    """暂停权限 Whose rights, which, why, from when (now) until when (until lifted)."""

    person: str = Field(description="人员账号 Username")
    scope: ScopeValue = Field(description="compose 撰写提交 · review 审核 · publish 发布 · all 全部")
    reason: Annotated[str, Field(min_length=1, max_length=300, description="暂停理由 Reason")]
    starts_at: datetime | None = Field(None, description="开始时间 Start (now when absent)")
    ends_at: datetime | None = Field(None, description="结束时间 End (until lifted when absent)")


class LiftIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=300, description="恢复理由 Why the rights come back early")]


class SuspensionOut(Schema):
    id: int
    person: PersonOut
    scope: str
    scope_label: str
    reason: str
    starts_at: datetime
    ends_at: datetime | None
    state: str = Field(description="upcoming 未开始 · current 生效中 · lifted 已提前恢复 · ended 已到期")
    created_by: PersonOut
    lifted_at: datetime | None
    lifted_by: PersonOut | None
    lift_reason: str


class SuspensionFilter(Paging):
    person: str | None = Field(None, description="只看此账号 Only this username")
    in_force: bool = Field(False, description="只看生效中的 Only suspensions in force now")


def suspension_out(s: Suspension) -> dict:
    return {"id": s.pk, "person": person_out(s.person), "scope": s.scope, "scope_label": str(s.get_scope_display()),
            "reason": s.reason, "starts_at": s.starts_at, "ends_at": s.ends_at, "state": s.state(),
            "created_by": person_out(s.created_by), "lifted_at": s.lifted_at, "lifted_by": person_out(s.lifted_by),
            "lift_reason": s.lift_reason}


@suspensions_router.get("", response={200: list[SuspensionOut], **REFUSALS},
                        description=paged("暂停记录 Suspensions, newest first."))
def list_suspensions(request, response: HttpResponse, filters: Query[SuspensionFilter]):
    forbid(reason_to_prevent("org.manage_accountability", request.user))
    suspensions = Suspension.objects.current() if filters.in_force else Suspension.objects.all()
    if filters.person:
        suspensions = suspensions.filter(person__username=filters.person)
    rows = suspensions.select_related("person", "created_by", "lifted_by")
    return [suspension_out(s) for s in page_of(response, rows, filters)]


@suspensions_router.post("", response={201: SuspensionOut, **REFUSALS})
def create_suspension(request, payload: SuspensionIn):
    """暂停权限 Suspend a person's rights within a scope."""
    forbid(reason_to_prevent("org.manage_accountability", request.user))
    person = Person.objects.filter(username=payload.person).first()
    if person is None:
        raise HttpError(422, _("输入有误：person: 没有账号为 %(name)s 的人员。") % {"name": payload.person})
    with service_refusals(OrgError):
        suspension = accountability.suspend(person, scope=payload.scope, reason=payload.reason,
                                            starts_at=payload.starts_at, ends_at=payload.ends_at,
                                            acting_user=request.user, request=request)
    return Status(201, suspension_out(suspension))


@suspensions_router.post("/{suspension_id}/lift", response={200: SuspensionOut, **REFUSALS})
def lift_suspension(request, suspension_id: SuspensionId, payload: LiftIn):
    """提前恢复 Restore the rights before the suspension ends, with a reason."""
    forbid(reason_to_prevent("org.manage_accountability", request.user))
    suspension = Suspension.objects.filter(pk=suspension_id).first()
    if suspension is None:
        raise HttpError(404, _("没有编号为 %(id)s 的暂停记录。") % {"id": suspension_id})
    with service_refusals(OrgError):
        suspension = accountability.lift(suspension, reason=payload.reason, acting_user=request.user, request=request)
    return suspension_out(suspension)
