"""Use cases of events (活动审批备案) and the self-media inventory. O5.

An event is proposed with its speakers, submitted, approved by the leader in charge — or by the main
leader when it is major or invites a speaker who may touch sensitive subjects (003 三(二)3: 确有需要事先
做好请示) —, and filed (备案) by the office, all before it starts.
"""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.services import ContentError, refuse_if
from sanshen.org.models import Person, Role
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record
from sanshen.web.notify import notify

from .models import Event, SelfMediaAccount

EDITABLE = (Event.Status.DRAFT, Event.Status.REJECTED)
WARN_DAYS_BEFORE = 3  # flagged when an event this close is not yet approved and filed
CHECK_EVERY_DAYS = 180  # a self-media account not checked for this long is flagged


class EventError(ContentError):
    """An event use case refused; the message says why, in Chinese."""


def _refuse_if(reason: str | None) -> None:
    refuse_if(reason, EventError)


def event_url(event: Event) -> str:
    return reverse("events:detail", args=[event.pk])


def _not_started(event: Event) -> str | None:
    return _("活动已经开始，不能再办理。") if event.starts_at <= timezone.now() else None


def save_event(form, speakers, *, acting_user: Person, request=None) -> Event:
    """Save a proposal and its speakers (申报); only while it is a draft or was sent back."""
    event = form.instance
    creating = event.pk is None
    if creating:
        _refuse_if(reason_to_prevent("events.propose", acting_user))
        event.proposed_by = acting_user
    else:
        _refuse_if(reason_to_prevent("events.edit", acting_user, event))
    with transaction.atomic():
        event = form.save()
        speakers.instance = event
        speakers.save()
        record("events.saved", actor=acting_user, obj=event, request=request,
               details={"created": creating, "speakers": [s.name for s in event.speakers.all()]})
    return event


def submit_event(event: Event, person: Person, *, request=None) -> Event:
    """提交审批: speakers named, sensitive ones explained, before the event starts."""
    _refuse_if(reason_to_prevent("events.edit", person, event))
    _refuse_if(_not_started(event))
    speakers = list(event.speakers.all())
    _refuse_if(None if speakers else _("请填写主讲人。"))
    unexplained = [s.name for s in speakers if s.is_sensitive and not s.request_note.strip()]
    _refuse_if(_("邀请可能涉及敏感内容的人员须写明请示说明：%(names)s。") % {"names": "、".join(unexplained)}
               if unexplained else None)
    with transaction.atomic():
        event.status, event.submitted_at = Event.Status.SUBMITTED, timezone.now()
        event.decided_by, event.decided_at, event.opinion = None, None, ""
        event.save()
        record("events.submitted", actor=person, obj=event, request=request)
    role = Role.MAIN_LEADER if event.needs_main_leader else Role.LEADER
    notify(Person.holding(role),
           _("活动“%(title)s”等待您审批") % {"title": event.title}, event_url(event))
    return event


def decide_event(event: Event, person: Person, *, approve: bool, opinion: str, request=None) -> Event:
    """审批: approve or send back with reasons."""
    opinion = (opinion or "").strip()
    _refuse_if(reason_to_prevent("events.approve", person, event))
    _refuse_if(_not_started(event))
    _refuse_if(None if approve or opinion else _("不予同意时须写明理由。"))
    with transaction.atomic():
        event.status = Event.Status.APPROVED if approve else Event.Status.REJECTED
        event.decided_by, event.decided_at, event.opinion = person, timezone.now(), opinion
        event.save()
        record("events.approved" if approve else "events.rejected", actor=person, obj=event, request=request,
               details={"opinion": opinion})
    notify([event.proposed_by], _("活动“%(title)s”%(verdict)s") % {
        "title": event.title, "verdict": event.get_status_display()}, event_url(event))
    if approve:
        notify(Person.holding(Role.OFFICER),
               _("活动“%(title)s”已审批，请办理备案") % {"title": event.title}, event_url(event))
    return event


def file_event(event: Event, person: Person, *, filed_on: date, reference: str, request=None) -> Event:
    """备案: the office records the filing with the higher party organisation."""
    reference = (reference or "").strip()
    _refuse_if(reason_to_prevent("events.file", person, event))
    _refuse_if(_not_started(event))
    _refuse_if(None if reference else _("请填写备案编号。"))
    _refuse_if(_("备案日期不能晚于今天。") if filed_on > timezone.localdate() else None)
    with transaction.atomic():
        event.filed_on, event.filing_reference, event.filed_by = filed_on, reference, person
        event.save()
        record("events.filed", actor=person, obj=event, request=request,
               details={"filed_on": filed_on.isoformat(), "reference": reference})
    return event


def cancel_event(event: Event, person: Person, *, reason: str, request=None) -> Event:
    reason = (reason or "").strip()
    _refuse_if(reason_to_prevent("events.cancel", person, event))
    _refuse_if(None if reason else _("请填写取消原因。"))
    with transaction.atomic():
        event.status, event.opinion = Event.Status.CANCELLED, reason
        event.save()
        record("events.cancelled", actor=person, obj=event, request=request, details={"reason": reason})
    return event


def readiness(event: Event, now=None) -> str | None:
    """What is still missing before the event may be held, or None when it is approved and filed."""
    if event.status == Event.Status.CANCELLED:
        return None
    missing = []
    if event.status != Event.Status.APPROVED:
        missing.append(_("未审批"))
    if event.filed_on is None:
        missing.append(_("未备案"))
    if not missing:
        return None
    missing = _("、").join(missing)
    if event.starts_at <= (now or timezone.now()):
        return _("已举办但%(missing)s") % {"missing": missing}
    return missing


def events_needing_attention(now=None):
    """Events starting within WARN_DAYS_BEFORE days (or already held) that are not approved and filed, the
    earliest first (须尽快办理)."""
    now = now or timezone.now()
    return Event.objects.exclude(status=Event.Status.CANCELLED).filter(
        starts_at__lte=now + timedelta(days=WARN_DAYS_BEFORE)).exclude(
        status=Event.Status.APPROVED, filed_on__isnull=False).select_related("organiser").order_by("starts_at", "pk")


def unchecked_accounts(today: date | None = None):
    """Self-media accounts in use not checked for CHECK_EVERY_DAYS days (底数须定期核查)."""
    today = today or timezone.localdate()
    return SelfMediaAccount.objects.filter(is_active=True, last_checked_on__lt=today - timedelta(days=CHECK_EVERY_DAYS))
