"""Requests for temporary grants (临时授权申请): the officer asks, someone who may grant approves or declines.

Approval records the TemporaryGrant through `services.grant_temporary`, so the grant is audited as
one recorded by hand is. Who may ask and who may decide is answered by the permission module
(`org.request_grant`, `org.decide_grant_request`); each step is audited in its own transaction and
notifies the other side.
"""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.oversight.audit import record
from sanshen.web.notify import notify

from .models import GrantRequest, Person, TemporaryGrant
from .permissions import can, reason_to_prevent
from .services import OrgError, grant_temporary

PANEL_ROWS = 5


def _refuse(reason: str | None) -> None:
    if reason:
        raise OrgError(reason)


def _period(grant_request: GrantRequest) -> str:
    return "%s–%s" % (timezone.localtime(grant_request.starts_at).strftime("%Y-%m-%d %H:%M"),
                      timezone.localtime(grant_request.ends_at).strftime("%Y-%m-%d %H:%M"))


def granters(besides: Person) -> list[Person]:
    """The active people who may decide requests (`org.decide_grant_request`), other than `besides`."""
    staff = Person.objects.filter(is_active=True, role_assignments__isnull=False).exclude(pk=besides.pk).distinct()
    return [p for p in staff if can(p, "org.decide_grant_request")]


def request_grant(person: Person, *, starts_at: datetime, ends_at: datetime, reason: str,
                  request=None) -> GrantRequest:
    """Ask for a temporary grant from `starts_at` to `ends_at`, saying why (申请临时授权)."""
    _refuse(reason_to_prevent("org.request_grant", person))
    reason = (reason or "").strip()
    _refuse(None if reason else _("请填写申请事由。"))
    _refuse(_("结束时间必须晚于开始时间。") if ends_at <= starts_at else None)
    _refuse(_("申请的时段已经过去，请填写需要操作的时间。") if ends_at <= timezone.now() else None)
    with transaction.atomic():
        grant_request = GrantRequest.objects.create(requested_by=person, starts_at=starts_at, ends_at=ends_at,
                                                    reason=reason)
        record("org.grant_requested", actor=person, obj=grant_request, request=request, details={
            "from": starts_at.isoformat(), "to": ends_at.isoformat(), "reason": reason})
        notify(granters(person), _("%(name)s申请临时授权（%(period)s）：%(reason)s") % {
            "name": person.display_name, "period": _period(grant_request), "reason": reason}, reverse("org:grants"))
    return grant_request


def _locked_for_decision(grant_request: GrantRequest, person: Person) -> GrantRequest:
    """The request read again under lock, refused unless `person` may decide it now (pending, not their own)."""
    locked = GrantRequest.objects.select_for_update().select_related("requested_by").get(pk=grant_request.pk)
    _refuse(reason_to_prevent("org.decide_grant_request", person, locked))
    return locked


def approve(grant_request: GrantRequest, person: Person, *, request=None) -> GrantRequest:
    """Approve a pending request (批准): the temporary grant is recorded for the period asked."""
    with transaction.atomic():
        grant_request = _locked_for_decision(grant_request, person)
        _refuse(_("申请的时段已经过去，不能再批准。") if grant_request.ends_at <= timezone.now() else None)
        grant = grant_temporary(TemporaryGrant(
            person=grant_request.requested_by, starts_at=grant_request.starts_at, ends_at=grant_request.ends_at,
            reason=grant_request.reason), acting_user=person, request=request)
        grant_request.status, grant_request.grant = GrantRequest.Status.APPROVED, grant
        grant_request.decided_by, grant_request.decided_at = person, timezone.now()
        grant_request.save(update_fields=["status", "grant", "decided_by", "decided_at"])
        record("org.grant_request_approved", actor=person, obj=grant_request, request=request, details={
            "person": grant_request.requested_by.username, "grant": grant.pk})
        notify([grant_request.requested_by], _("您的临时授权申请（%(period)s）已由%(name)s批准") % {
            "period": _period(grant_request), "name": person.display_name}, reverse("org:grants"))
    return grant_request


def decline(grant_request: GrantRequest, person: Person, *, reason: str, request=None) -> GrantRequest:
    """Decline a pending request with a reason (不批准); the requester is told why."""
    _refuse(reason_to_prevent("org.decide_grant_request", person, grant_request))
    reason = (reason or "").strip()
    _refuse(None if reason else _("请填写不批准的理由。"))
    with transaction.atomic():
        grant_request = _locked_for_decision(grant_request, person)
        grant_request.status, grant_request.decline_reason = GrantRequest.Status.DECLINED, reason
        grant_request.decided_by, grant_request.decided_at = person, timezone.now()
        grant_request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
        record("org.grant_request_declined", actor=person, obj=grant_request, request=request, details={
            "person": grant_request.requested_by.username, "reason": reason})
        notify([grant_request.requested_by], _("您的临时授权申请（%(period)s）未获批准：%(reason)s") % {
            "period": _period(grant_request), "reason": reason}, reverse("org:grants"))
    return grant_request


def visible_requests(person: Person):
    """Every request for those who may grant; one's own for everyone else."""
    requests = GrantRequest.objects.select_related("requested_by", "decided_by")
    return requests if can(person, "org.grant_temporary") else requests.filter(requested_by=person)


def pending_for(person: Person):
    """The pending requests `person` may decide: everyone's but their own."""
    return GrantRequest.objects.filter(status=GrantRequest.Status.PENDING).exclude(requested_by=person).select_related(
        "requested_by").order_by("starts_at", "pk")


def dashboard_panels(person: Person) -> dict:
    """工作台: how many requests wait for someone who may grant, and the first few."""
    if not can(person, "org.grant_temporary"):
        return {}
    pending = pending_for(person)
    return {"grant_requests": {"count": pending.count(), "rows": list(pending[:PANEL_ROWS])}}
