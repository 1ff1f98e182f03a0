"""The interactive column's API (网上留言接口), for staff: list messages and take the steps of O4.

The public leaves messages through the web form only (captcha and limits). Status codes as in the items API:
404 no such message, 403 the permission module refuses (role, department, drafter approving their own
answer), 400 a step refused by a rule (state, blocking findings, working hours), 422 malformed input.
"""

from datetime import date, datetime
from typing import Annotated

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from sanshen.core.api import DB_MAX_ID, REFUSALS, Id, PersonOut, forbid, person_out, service_refusals
from sanshen.core.api_paging import Paging, page_of, paged
from sanshen.org.models import Department
from sanshen.org.permissions import reason_to_prevent

from . import services
from .models import Message
from .queries import overdue, visible_to

messages_router = Router(tags=["网上留言 Messages"])
MessageId = Annotated[int, Path(ge=1, le=DB_MAX_ID, description="留言编号 Message id")]


class MessageFilters(Paging):
    status: Annotated[Message.Status | None, Field(description="状态 new | unsuitable | routed | answered | "
                                                                "approved | published")] = None
    department: Annotated[Id | None, Field(description="承办部门编号 Department id")] = None
    overdue: Annotated[bool, Field(description="只看超期 Only overdue messages")] = False


class FindingOut(Schema):
    category: str
    rule: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str | None = None
    message: str
    part: str


class MessageOut(Schema):
    id: int
    code: str = Field(description="查询码 Query code given to the sender")
    name: str = Field(description="留言人 Sender's name (never public)")
    contact: str = Field(description="联系方式 Phone or e-mail (never public)")
    subject: str
    text: str
    topic: str
    status: str
    submitted_at: datetime
    findings: list[FindingOut] = Field(description="留言筛查发现 Screening findings of subject and text")
    department: str | None = Field(description="承办部门 Department the message was routed to")
    due_on: date | None = Field(description="办理期限 Due date (working days)")
    overdue: bool
    unsuitable_reason: str
    answer: str
    answered_by: PersonOut | None
    returned_reason: str
    approved_by: PersonOut | None
    published_at: datetime | None


def message_out(message: Message, today: date) -> dict:
    return {
        "id": message.pk, "code": message.code, "name": message.name, "contact": message.contact,
        "subject": message.subject, "text": message.text, "topic": message.topic, "status": message.status,
        "submitted_at": message.submitted_at, "findings": message.findings,
        "department": message.department.name if message.department else None, "due_on": message.due_on,
        "overdue": message.is_overdue(today), "unsuitable_reason": message.unsuitable_reason,
        "answer": message.answer, "answered_by": person_out(message.answered_by),
        "returned_reason": message.returned_reason, "approved_by": person_out(message.approved_by),
        "published_at": message.published_at,
    }


def visible_message(request, message_id: int, action: str | None = None) -> Message:
    message = Message.objects.select_related("department", "answered_by", "approved_by").filter(pk=message_id).first()
    if message is None:
        raise HttpError(404, _("没有编号为 %(id)s 的留言。") % {"id": message_id})
    forbid(reason_to_prevent("interaction.view_messages", request.user, message))
    if action:
        forbid(reason_to_prevent(action, request.user, message))
    return message


@messages_router.get("", response={200: list[MessageOut], **REFUSALS}, description=paged(
    "网上留言 The messages the caller may see, oldest due date first; filter by status, department, overdue."))
def list_messages(request, response: HttpResponse, filters: Query[MessageFilters]):
    forbid(reason_to_prevent("interaction.view_messages", request.user))
    messages = visible_to(request.user).select_related("approved_by")
    if filters.status:
        messages = messages.filter(status=filters.status)
    if filters.department:
        messages = messages.filter(department_id=filters.department)
    if filters.overdue:
        messages = overdue(messages)
    today = timezone.localdate()
    rows = messages.order_by("due_on", "-submitted_at", "-pk")
    return [message_out(m, today) for m in page_of(response, rows, filters)]


@messages_router.get("/{message_id}", response={200: MessageOut, **REFUSALS})
def get_message(request, message_id: MessageId):
    """一条留言 One message with its findings, routing and answer."""
    return message_out(visible_message(request, message_id), timezone.localdate())


class AcceptIn(Schema):
    """审核通过并转办 Route to a department, due in working days."""

    department: Annotated[Id, Field(description="承办部门编号 Department id")]
    working_days: Annotated[int | None, Field(ge=1, le=60, description="办理期限（工作日）, default 5")] = None


class ReasonIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=500, description="理由 Reason")]


class AnswerIn(Schema):
    answer: Annotated[str, Field(min_length=1, max_length=5000, description="答复内容 Answer text")]


def _step(request, message_id: int, action: str, run) -> dict:
    message = visible_message(request, message_id, action)
    with service_refusals():
        message = run(message)
    return message_out(Message.objects.select_related("department", "answered_by", "approved_by").get(
        pk=message.pk), timezone.localdate())


@messages_router.post("/{message_id}/accept", response={200: MessageOut, **REFUSALS})
def accept(request, message_id: MessageId, payload: AcceptIn):
    """审核通过并转办 The message may be made public; route it to a department (office or administrator)."""
    department = Department.objects.filter(pk=payload.department).first()
    if department is None:
        raise HttpError(422, _("输入有误：department: 没有编号为 %(id)s 的部门。") % {"id": payload.department})
    return _step(request, message_id, "interaction.moderate", lambda m: services.accept(
        m, request.user, department=department, working_days=payload.working_days, request=request))


@messages_router.post("/{message_id}/unsuitable", response={200: MessageOut, **REFUSALS})
def unsuitable(request, message_id: MessageId, payload: ReasonIn):
    """不予公开 The message never appears publicly; the reason is shown to the sender."""
    return _step(request, message_id, "interaction.moderate", lambda m: services.mark_unsuitable(
        m, request.user, reason=payload.reason, request=request))


@messages_router.post("/{message_id}/answer", response={200: MessageOut, **REFUSALS})
def answer(request, message_id: MessageId, payload: AnswerIn):
    """起草答复 The department's editor or section head sends the answer for approval."""
    return _step(request, message_id, "interaction.answer", lambda m: services.submit_answer(
        m, request.user, text=payload.answer, request=request))


@messages_router.post("/{message_id}/approve", response={200: MessageOut, **REFUSALS})
def approve(request, message_id: MessageId):
    """审核答复 Approve the answer (the department's section head or leader; never its drafter)."""
    return _step(request, message_id, "interaction.approve_answer",
                 lambda m: services.approve_answer(m, request.user, request=request))


@messages_router.post("/{message_id}/return", response={200: MessageOut, **REFUSALS})
def return_answer(request, message_id: MessageId, payload: ReasonIn):
    """退回答复 Send the answer back to its drafter with reasons."""
    return _step(request, message_id, "interaction.approve_answer", lambda m: services.return_answer(
        m, request.user, reason=payload.reason, request=request))


@messages_router.post("/{message_id}/publish", response={200: MessageOut, **REFUSALS})
def publish(request, message_id: MessageId):
    """公开答复 Put question and answer on the public list (information officer, working hours, office network)."""
    return _step(request, message_id, "interaction.publish_answer",
                 lambda m: services.publish_answer(m, request.user, request=request))
