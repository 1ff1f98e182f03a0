"""Use cases of the interactive column (网上互动): leave a message, moderate and route it, draft, approve and
publish the answer. O4, 001 website§18, §22.

Each step checks who may act through the permission module and what state the message must be in, locks the
message, changes it, writes its audit entry in the same transaction, and then tells the next person
(web.notify). The sender's contact details never go into the audit log or a notification.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.services import ContentError, refuse_if
from sanshen.org.models import Department, Person, Role
from sanshen.org.permissions import reason_to_prevent
from sanshen.org.workdays import add_working_days
from sanshen.org.worktime import operation_refusal
from sanshen.oversight.audit import client_address, record
from sanshen.web.notify import notify

from .models import ClientAddress, Message
from .screening import blocking, screen_parts
from .throttle import limit_refusal

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def default_working_days() -> int:
    """Working days a department has to answer (办理期限), 5 unless `SANSHEN_MESSAGE_WORKING_DAYS` says otherwise."""
    return int(getattr(settings, "SANSHEN_MESSAGE_WORKING_DAYS", 5))


class InteractionError(ContentError):
    """A step refused; the message says which rule refused it, in Chinese."""


class TooManyMessages(InteractionError):
    """The address left as many messages as the limits allow (限流)."""


def _refuse_if(reason: str | None) -> None:
    refuse_if(reason, InteractionError)


def _expect(message: Message, *statuses: str) -> None:
    if message.status not in statuses:
        raise InteractionError(_("留言当前状态为“%(status)s”，不能进行此操作。") % {
            "status": message.get_status_display()})


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update(of=("self",)).select_related("department").get(pk=message.pk)


def message_url(message: Message) -> str:
    return reverse("interaction:detail", args=[message.pk])


def normalise_code(code: str) -> str:
    """Query codes are read back by people: case, spaces and dashes do not matter."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass(frozen=True)
class MessageInput:
    """What a member of the public fills in (留言)."""

    name: str
    contact: str
    subject: str
    text: str
    topic: str = ""
    department_hint: Department | None = None


def leave_message(data: MessageInput, *, captcha_nonce: str, request=None) -> Message:
    """Save a message from the public (the captcha already checked), if its address is within the limits.

    The text is screened at once so the moderator sees the findings (S4). No login: the audit entry names
    no person, only the address.
    """
    address = client_address(request) or ""
    findings, version = screen_parts([("subject", data.subject), ("text", data.text)])
    try:
        with transaction.atomic():
            ClientAddress.objects.select_for_update().get_or_create(address=address)
            now = timezone.now()
            too_many = limit_refusal(address, now)
            if too_many:
                raise TooManyMessages(too_many)
            _refuse_if(_("此验证题已经用过，请回答新的验证题。")
                       if Message.objects.filter(captcha_nonce=captcha_nonce).exists() else None)
            message = Message.objects.create(
                code=_new_code(), name=data.name, contact=data.contact, subject=data.subject, text=data.text,
                topic=data.topic, department_hint=data.department_hint, client_address=address,
                captcha_nonce=captcha_nonce, submitted_at=now, findings=findings, ruleset_version=version,
                blocking=blocking(findings))
            record("interaction.message_left", obj=message, request=request, ip=address or None,
                   details={"code": message.code, "findings": len(findings), "blocking": message.blocking})
    except IntegrityError:
        raise InteractionError(_("此验证题已经用过，请回答新的验证题。")) from None
    notify(Person.holding(Role.OFFICER), _("新的网上留言待审核：%(subject)s") % {"subject": message.subject},
           message_url(message))
    return message


def accept(message: Message, person: Person, *, department: Department, working_days: int | None = None,
           request=None) -> Message:
    """审核通过并转办: the message may be made public; route it to `department`, due in working days."""
    _refuse_if(reason_to_prevent("interaction.moderate", person, message))
    days = default_working_days() if working_days is None else working_days
    _refuse_if(None if 1 <= days <= 60 else _("办理期限应为 1 至 60 个工作日。"))
    _refuse_if(None if department.kind == Department.Kind.INTERNAL and department.is_active
               else _("只能转交本单位在用的内设部门办理。"))
    with transaction.atomic():
        message = _locked(message)
        _expect(message, Message.Status.NEW)
        _refuse_if(_("留言含有 %(n)s 处须修改的筛查发现，不宜公开，请标记为不予公开并说明理由。") % {"n": message.blocking}
                   if message.blocking else None)
        now = timezone.now()
        deadline = add_working_days(timezone.localdate(now), days)
        message.status = Message.Status.ROUTED
        message.moderated_by, message.moderated_at = person, now
        message.department, message.due_on, message.due_warning = department, deadline.due, deadline.warning
        message.save()
        record("interaction.message_routed", actor=person, obj=message, request=request,
               details={"department": department.name, "working_days": days, "due_on": deadline.due})
    notify(Person.holding(Role.EDITOR, Role.SECTION_HEAD, department=department),
           _("网上留言“%(subject)s”已转交本部门办理，请于%(due)s前答复") % {"subject": message.subject,
                                                                  "due": deadline.due}, message_url(message))
    return message


def mark_unsuitable(message: Message, person: Person, *, reason: str, request=None) -> Message:
    """不予公开: the message never appears publicly; the reason is shown to its sender on the query page."""
    _refuse_if(reason_to_prevent("interaction.moderate", person, message))
    reason = reason.strip()
    _refuse_if(None if reason else _("请说明不予公开的理由。"))
    with transaction.atomic():
        message = _locked(message)
        _expect(message, Message.Status.NEW)
        message.status = Message.Status.UNSUITABLE
        message.moderated_by, message.moderated_at, message.unsuitable_reason = person, timezone.now(), reason
        message.save()
        record("interaction.message_unsuitable", actor=person, obj=message, request=request, details={"reason": reason})
    return message


def submit_answer(message: Message, person: Person, *, text: str, request=None) -> Message:
    """起草答复: the department's editor or section head sends the answer for approval; it is screened first."""
    _refuse_if(reason_to_prevent("interaction.answer", person, message))
    text = text.strip()
    _refuse_if(None if text else _("请填写答复内容。"))
    findings, _version = screen_parts([("answer", text)])
    _refuse_if(_("答复含有 %(n)s 处须修改的筛查发现，请修改后再提交。") % {"n": blocking(findings)}
               if blocking(findings) else None)
    with transaction.atomic():
        message = _locked(message)
        _expect(message, Message.Status.ROUTED)
        message.status = Message.Status.ANSWERED
        message.answer, message.answer_findings = text, findings
        message.answered_by, message.answered_at = person, timezone.now()
        message.save()
        record("interaction.answer_submitted", actor=person, obj=message, request=request,
               details={"answer": text, "findings": len(findings)})
    approvers = [p for p in Person.holding(Role.SECTION_HEAD, department=message.department) if p.pk != person.pk]
    notify(approvers or Person.holding(Role.LEADER, department=message.department),
           _("网上留言“%(subject)s”的答复待您审核") % {"subject": message.subject}, message_url(message))
    return message


def approve_answer(message: Message, person: Person, *, request=None) -> Message:
    """审核答复: someone of the department other than the drafter approves; the officer then publishes it."""
    _refuse_if(reason_to_prevent("interaction.approve_answer", person, message))
    with transaction.atomic():
        message = _locked(message)
        _expect(message, Message.Status.ANSWERED)
        _refuse_if(reason_to_prevent("interaction.approve_answer", person, message))
        message.status = Message.Status.APPROVED
        message.approved_by, message.approved_at, message.returned_reason = person, timezone.now(), ""
        message.save()
        record("interaction.answer_approved", actor=person, obj=message, request=request,
               details={"drafted_by": message.answered_by.username})
    notify(Person.holding(Role.OFFICER), _("网上留言“%(subject)s”的答复已审核，待公开") % {"subject": message.subject},
           message_url(message))
    return message


def return_answer(message: Message, person: Person, *, reason: str, request=None) -> Message:
    """退回答复: back to the department with the approver's reasons; the drafter revises it."""
    _refuse_if(reason_to_prevent("interaction.approve_answer", person, message))
    reason = reason.strip()
    _refuse_if(None if reason else _("请说明退回理由。"))
    with transaction.atomic():
        message = _locked(message)
        _expect(message, Message.Status.ANSWERED)
        message.status = Message.Status.ROUTED
        message.returned_reason = reason
        message.save()
        record("interaction.answer_returned", actor=person, obj=message, request=request, details={"reason": reason})
    notify([message.answered_by], _("网上留言“%(subject)s”的答复被退回：%(reason)s") % {
        "subject": message.subject, "reason": reason}, message_url(message))
    return message


def publish_answer(message: Message, person: Person, *, request=None) -> Message:
    """公开答复: the officer puts question and answer on the public list, in working hours from the office (P3)."""
    _refuse_if(reason_to_prevent("interaction.publish_answer", person, message)
               or operation_refusal(person, address=client_address(request)))
    with transaction.atomic():
        message = _locked(message)
        _expect(message, Message.Status.APPROVED)
        message.status = Message.Status.PUBLISHED
        message.published_by, message.published_at = person, timezone.now()
        message.save()
        record("interaction.answer_published", actor=person, obj=message, request=request,
               details={"department": message.department.name, "overdue": message.due_on < timezone.localdate()})
    notify([message.answered_by, message.approved_by],
           _("网上留言“%(subject)s”的答复已公开") % {"subject": message.subject}, message_url(message))
    return message
