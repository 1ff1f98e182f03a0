"""Accountability (问责, 000§8, O3): suspending and restoring a person's rights, notices of criticism.

Suspending a person takes effect through the permission module (`permissions.suspension_refusal`);
this module only records decisions. Every change is refused unless the permission module allows
`org.manage_accountability`, and is audited in its own transaction.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.models import Person
from sanshen.org.permissions import reason_to_prevent
from sanshen.org.services import OrgError
from sanshen.oversight.audit import record

from .models import Criticism, Suspension


def _refuse_unless_manager(acting_user: Person) -> None:
    reason = reason_to_prevent("org.manage_accountability", acting_user)
    if reason:
        raise OrgError(reason)


def suspend(person: Person, *, scope: str, reason: str, acting_user: Person, starts_at=None, ends_at=None,
            request=None) -> Suspension:
    """Suspend `person`'s rights within `scope` (撰写提交, 审核, 发布 or all) from `starts_at` (now) to `ends_at`."""
    _refuse_unless_manager(acting_user)
    reason = (reason or "").strip()
    starts_at = starts_at or timezone.now()
    if scope not in Suspension.Scope.values:
        raise OrgError(_("请选择暂停范围。"))
    if not reason:
        raise OrgError(_("暂停权限须写明理由。"))
    if person.pk == acting_user.pk:
        raise OrgError(_("不能暂停自己的权限。"))
    if ends_at is not None and ends_at <= starts_at:
        raise OrgError(_("结束时间必须晚于开始时间。"))
    with transaction.atomic():
        suspension = Suspension.objects.create(person=person, scope=scope, reason=reason, starts_at=starts_at,
                                               ends_at=ends_at, created_by=acting_user)
        record("org.suspension_recorded", actor=acting_user, obj=suspension, request=request, details={
            "person": person.username, "scope": scope, "reason": reason, "from": starts_at.isoformat(),
            "to": ends_at.isoformat() if ends_at else None})
    return suspension


def lift(suspension: Suspension, *, reason: str, acting_user: Person, request=None) -> Suspension:
    """Restore the rights early (提前恢复), with a reason; a suspension that already ended cannot be lifted."""
    _refuse_unless_manager(acting_user)
    reason = (reason or "").strip()
    if not reason:
        raise OrgError(_("提前恢复权限须写明理由。"))
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
        state = suspension.state()
        if state == "lifted":
            raise OrgError(_("该暂停已于%(at)s提前恢复。") % {
                "at": timezone.localtime(suspension.lifted_at).strftime("%Y-%m-%d %H:%M")})
        if state == "ended":
            raise OrgError(_("该暂停已到期，权限已自动恢复。"))
        suspension.lifted_at, suspension.lifted_by, suspension.lift_reason = timezone.now(), acting_user, reason
        suspension.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        record("org.suspension_lifted", actor=acting_user, obj=suspension, request=request, details={
            "person": suspension.person.username, "scope": suspension.scope, "reason": reason})
    return suspension


def record_criticism(criticism: Criticism, *, acting_user: Person, request=None) -> Criticism:
    """Record a notice of criticism (通报批评) of a person or a department, with any corrective deadline."""
    _refuse_unless_manager(acting_user)
    if (criticism.person_id is None) == (criticism.department_id is None):
        raise OrgError(_("请选择被通报的人员或部门（二者选一）。"))
    if not criticism.text.strip():
        raise OrgError(_("请填写通报内容。"))
    if criticism.requirement.strip() and criticism.deadline is None:
        raise OrgError(_("提出整改要求的，须规定整改期限。"))
    if criticism.deadline is not None and criticism.deadline < criticism.issued_on:
        raise OrgError(_("整改期限不能早于通报日期。"))
    with transaction.atomic():
        criticism.recorded_by = acting_user
        criticism.save()
        record("org.criticism_recorded", actor=acting_user, obj=criticism, request=request, details={
            "subject": str(criticism.subject), "issued_on": criticism.issued_on.isoformat(),
            "text": criticism.text, "requirement": criticism.requirement,
            "deadline": criticism.deadline.isoformat() if criticism.deadline else None})
    return criticism


def record_correction(criticism: Criticism, *, done_on: date, note: str, acting_user: Person,
                      request=None) -> Criticism:
    """Record that the correction (整改) asked for was done, on which day and how."""
    _refuse_unless_manager(acting_user)
    if done_on < criticism.issued_on:
        raise OrgError(_("整改完成日期不能早于通报日期。"))
    if done_on > timezone.localdate():
        raise OrgError(_("整改完成日期不能晚于今天。"))
    with transaction.atomic():
        criticism = Criticism.objects.select_for_update().get(pk=criticism.pk)
        if criticism.done_on is not None:
            raise OrgError(_("已于%(day)s登记整改完成。") % {"day": criticism.done_on.isoformat()})
        criticism.done_on, criticism.done_note = done_on, (note or "").strip()
        criticism.save(update_fields=["done_on", "done_note"])
        record("org.criticism_corrected", actor=acting_user, obj=criticism, request=request, details={
            "done_on": done_on.isoformat(), "note": criticism.done_note,
            "deadline": criticism.deadline.isoformat() if criticism.deadline else None})
    return criticism


def overdue_criticisms(today: date | None = None):
    """Notices whose corrective deadline has passed without the correction recorded (整改超期), oldest first."""
    today = today or timezone.localdate()
    return Criticism.objects.filter(done_on__isnull=True, deadline__lt=today).select_related(
        "person", "department").order_by("deadline", "pk")


def dashboard_panels(person: Person) -> dict:
    """工作台: overdue corrections for those who manage accountability; one's own suspensions in force."""
    panels = {"my_suspensions": list(Suspension.objects.current().filter(person=person).order_by("starts_at"))}
    if reason_to_prevent("org.manage_accountability", person) is None:
        panels["overdue_criticisms"] = list(overdue_criticisms())
    return panels
