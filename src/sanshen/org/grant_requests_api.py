"""The grant requests API (临时授权申请接口): list, ask, approve, decline.

403 the permission module refuses (`org.request_grant`, `org.decide_grant_request`, including one's own
request and one already decided), 400 a rule refuses (no reason, end before start, a period already
over), 404 no such request, 422 malformed input.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from sanshen.core.api import DB_MAX_ID, REFUSALS, PersonOut, forbid, person_out, service_refusals
from sanshen.core.api_paging import Paging, page_of, paged

from . import grant_requests
from .models import GrantRequest
from .permissions import reason_to_prevent
from .services import OrgError

grant_requests_router = Router(tags=["临时授权 Temporary grants"])
RequestId = Annotated[int, Path(ge=1, le=DB_MAX_ID, description="申请编号 Grant request id")]


class GrantRequestIn(Schema):
    """申请临时授权 For when, and why."""

    starts_at: datetime = Field(description="开始时间 Start")
    ends_at: datetime = Field(description="结束时间 End (after the start, not yet past)")
    reason: Annotated[str, Field(max_length=200, description="事由 Why the grant is needed")]


class DeclineIn(Schema):
    reason: Annotated[str, Field(max_length=300, description="不批准理由 Why not, told to the requester")]


class GrantRequestOut(Schema):
    id: int
    requested_by: PersonOut
    starts_at: datetime
    ends_at: datetime
    reason: str
    status: str = Field(description="pending 待审批 · approved 已批准 · declined 未批准")
    status_label: str
    created_at: datetime
    decided_by: PersonOut | None
    decided_at: datetime | None
    decline_reason: str
    grant_id: int | None = Field(description="批准后登记的临时授权编号 The grant recorded on approval")


class GrantRequestFilter(Paging):
    status: Literal[tuple(GrantRequest.Status.values)] | None = Field(None, description="只看此状态 Only this status")


def grant_request_out(r: GrantRequest) -> dict:
    return {"id": r.pk, "requested_by": person_out(r.requested_by), "starts_at": r.starts_at, "ends_at": r.ends_at,
            "reason": r.reason, "status": r.status, "status_label": str(r.get_status_display()),
            "created_at": r.created_at, "decided_by": person_out(r.decided_by), "decided_at": r.decided_at,
            "decline_reason": r.decline_reason, "grant_id": r.grant_id}


def _decidable(request, request_id: int) -> GrantRequest:
    """The request, if it exists and the caller may decide it."""
    grant_request = GrantRequest.objects.select_related("requested_by").filter(pk=request_id).first()
    forbid(reason_to_prevent("org.decide_grant_request", request.user))
    if grant_request is None:
        raise HttpError(404, _("没有编号为 %(id)s 的临时授权申请。") % {"id": request_id})
    forbid(reason_to_prevent("org.decide_grant_request", request.user, grant_request))
    return grant_request


@grant_requests_router.get("", response={200: list[GrantRequestOut], **REFUSALS}, description=paged(
    "临时授权申请 Everyone's for those who may grant, one's own for the officer; newest first."))
def list_requests(request, response: HttpResponse, filters: Query[GrantRequestFilter]):
    forbid(reason_to_prevent("org.view_grants", request.user))
    requests = grant_requests.visible_requests(request.user)
    if filters.status:
        requests = requests.filter(status=filters.status)
    return [grant_request_out(r) for r in page_of(response, requests, filters)]


@grant_requests_router.post("", response={201: GrantRequestOut, **REFUSALS})
def create_request(request, payload: GrantRequestIn):
    """申请临时授权 Ask for a grant to operate outside working hours or the office network."""
    forbid(reason_to_prevent("org.request_grant", request.user))
    with service_refusals(OrgError):
        grant_request = grant_requests.request_grant(request.user, starts_at=payload.starts_at,
                                                     ends_at=payload.ends_at, reason=payload.reason, request=request)
    return Status(201, grant_request_out(grant_request))


@grant_requests_router.post("/{request_id}/approve", response={200: GrantRequestOut, **REFUSALS})
def approve_request(request, request_id: RequestId):
    """批准 Approve: the temporary grant is recorded for the period asked."""
    grant_request = _decidable(request, request_id)
    with service_refusals(OrgError):
        grant_request = grant_requests.approve(grant_request, request.user, request=request)
    return grant_request_out(grant_request)


@grant_requests_router.post("/{request_id}/decline", response={200: GrantRequestOut, **REFUSALS})
def decline_request(request, request_id: RequestId, payload: DeclineIn):
    """不批准 Decline, with the reason the requester is told."""
    grant_request = _decidable(request, request_id)
    with service_refusals(OrgError):
        grant_request = grant_requests.decline(grant_request, request.user, reason=payload.reason, request=request)
    return grant_request_out(grant_request)
