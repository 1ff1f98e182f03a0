"""The events API (活动接口): list, propose, submit, decide, file; the self-media inventory.

403: the permission module refuses (who may, and the event's state); 400: a service rule refuses
(e.g. the event has started, a sensitive speaker without a request note); 404: no such event; 422: bad input.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from sanshen.core.api import REFUSALS, Id, PersonOut, forbid, person_out, service_refusals
from sanshen.core.api_paging import Paging, page_of, paged
from sanshen.org.models import Department
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record

from . import services
from .models import Event, SelfMediaAccount, Speaker

events_router = Router(tags=["活动 Events"])
self_media_router = Router(tags=["自媒体台账 Self-media inventory"])
EventId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class EventPaging(Paging):
    limit: Annotated[int, Field(ge=1, le=500, description="每页条数 At most this many")] = 500


class SpeakerIO(Schema):
    name: Annotated[str, Field(min_length=1, max_length=50, description="姓名")]
    affiliation: Annotated[str, Field(min_length=1, max_length=200, description="工作单位及职务")]
    topic: Annotated[str, Field(min_length=1, max_length=200, description="讲题")]
    is_sensitive: Annotated[bool, Field(description="可能涉及意识形态敏感内容")] = False
    request_note: Annotated[str, Field(description="请示说明 (required for sensitive speakers before submitting)")] = ""


class EventIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    kind: Literal[tuple(Event.Kind.values)]
    organiser: Id = Field(description="主办部门编号 Department id")
    starts_at: datetime
    venue: Annotated[str, Field(min_length=1, max_length=200)]
    purpose: Annotated[str, Field(min_length=1, description="主题与宗旨")]
    publicity_line: str = ""
    is_major: bool = False
    contingency_plan: Annotated[str, Field(min_length=1, description="应急熔断预案")]
    speakers: list[SpeakerIO] = []


class EventOut(Schema):
    id: int
    title: str
    kind: str
    organiser: str
    starts_at: datetime
    venue: str
    status: str
    is_major: bool
    needs_main_leader: bool
    missing: str | None = Field(description="举办前尚缺 What is still missing (approval, filing), or null")
    proposed_by: PersonOut
    decided_by: PersonOut | None
    opinion: str
    filed_on: date | None
    filing_reference: str
    speakers: list[SpeakerIO]


class DecisionIn(Schema):
    decision: Literal["approve", "reject"]
    opinion: str = ""


class FilingIn(Schema):
    filed_on: date
    reference: Annotated[str, Field(min_length=1, max_length=100)]


class SelfMediaOut(Schema):
    id: int
    owner: str
    platform: str
    name: str
    account_id: str
    followers: int
    last_checked_on: date
    is_active: bool


def event_out(event: Event) -> dict:
    return {
        "id": event.pk, "title": event.title, "kind": event.kind, "organiser": event.organiser.name,
        "starts_at": event.starts_at, "venue": event.venue, "status": event.status, "is_major": event.is_major,
        "needs_main_leader": event.needs_main_leader, "missing": services.readiness(event),
        "proposed_by": person_out(event.proposed_by), "decided_by": person_out(event.decided_by),
        "opinion": event.opinion, "filed_on": event.filed_on, "filing_reference": event.filing_reference,
        "speakers": [SpeakerIO.from_orm(s).dict() for s in event.speakers.all()],
    }


def _event(request, event_id: int) -> Event:
    forbid(reason_to_prevent("events.view", request.user))
    event = Event.objects.select_related("organiser", "proposed_by", "decided_by").filter(pk=event_id).first()
    if event is None:
        raise HttpError(404, _("没有编号为 %(id)s 的活动。") % {"id": event_id})
    return event


@events_router.get("", response={200: list[EventOut], **REFUSALS},
                   description=paged("活动 Events, newest first, each with what it still lacks before it may be held."))
def list_events(request, response: HttpResponse, paging: Query[EventPaging]):
    forbid(reason_to_prevent("events.view", request.user))
    rows = Event.objects.select_related("organiser", "proposed_by", "decided_by").order_by("-starts_at", "-pk")
    return [event_out(e) for e in page_of(response, rows, paging).prefetch_related("speakers")]


@events_router.post("", response={201: EventOut, **REFUSALS})
def propose(request, payload: EventIn):
    """申报活动 Propose an event with its speakers (a draft; submit it next)."""
    forbid(reason_to_prevent("events.propose", request.user))
    organiser = Department.objects.filter(pk=payload.organiser).first()
    if organiser is None:
        raise HttpError(422, _("输入有误：organiser: 没有编号为 %(id)s 的部门。") % {"id": payload.organiser})
    if payload.starts_at <= timezone.now():
        raise HttpError(422, _("输入有误：starts_at: 活动须在举办前申报，开始时间应晚于现在。"))
    fields = payload.dict(exclude={"speakers", "organiser"})
    with transaction.atomic():
        event = Event.objects.create(**fields, organiser=organiser, proposed_by=request.user)
        Speaker.objects.bulk_create([Speaker(event=event, **s.dict()) for s in payload.speakers])
        record("events.saved", actor=request.user, obj=event, request=request,
               details={"created": True, "speakers": [s.name for s in payload.speakers]})
    return Status(201, event_out(event))


@events_router.get("/{event_id}", response={200: EventOut, **REFUSALS})
def get_event(request, event_id: EventId):
    return event_out(_event(request, event_id))


@events_router.post("/{event_id}/submit", response={200: EventOut, **REFUSALS})
def submit(request, event_id: EventId):
    """提交审批 Submit the event for approval."""
    event = _event(request, event_id)
    forbid(reason_to_prevent("events.edit", request.user, event))
    with service_refusals():
        services.submit_event(event, request.user, request=request)
    return event_out(event)


@events_router.post("/{event_id}/decide", response={200: EventOut, **REFUSALS})
def decide(request, event_id: EventId, payload: DecisionIn):
    """审批 Approve the event, or send it back with reasons."""
    event = _event(request, event_id)
    forbid(reason_to_prevent("events.approve", request.user, event))
    with service_refusals():
        services.decide_event(event, request.user, approve=payload.decision == "approve", opinion=payload.opinion,
                              request=request)
    return event_out(event)


@events_router.post("/{event_id}/file", response={200: EventOut, **REFUSALS})
def file(request, event_id: EventId, payload: FilingIn):
    """备案 Record the filing with the higher party organisation."""
    event = _event(request, event_id)
    forbid(reason_to_prevent("events.file", request.user, event))
    with service_refusals():
        services.file_event(event, request.user, filed_on=payload.filed_on, reference=payload.reference,
                            request=request)
    return event_out(event)


@self_media_router.get("", response={200: list[SelfMediaOut], **REFUSALS},
                       description=paged("自媒体台账 The sector's self-media accounts, by owner, platform and name."))
def list_self_media(request, response: HttpResponse, paging: Query[Paging]):
    forbid(reason_to_prevent("events.view", request.user))
    return list(page_of(response, SelfMediaAccount.objects.order_by("owner", "platform", "name", "pk"), paging))
