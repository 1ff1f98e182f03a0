"""Use cases of review (三审三校): sign, reject, override a finding, emergency approval, secrecy determination.

Every function checks its preconditions through `decision_refusal` and the permission module, locks the
item, changes it, writes its audit entry in the same transaction, and notifies after commit.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.models import FindingOverride, Item, ScreeningReport
from sanshen.content.screening import screen_revision
from sanshen.content.services import ContentError, channel_refusal, pledge_refusal, refuse_if, source_refusal
from sanshen.org.models import Person, Role
from sanshen.org.permissions import REVIEW, reason_to_prevent, suspension_refusal
from sanshen.org.workdays import add_working_days
from sanshen.oversight.audit import record
from sanshen.web.notify import notify

from . import flow, seen
from .models import Decision, EmergencyApproval, SecrecyRequest

ReviewError = ContentError
ESCALATING_CATEGORIES = {Item.Category.SPEECH, Item.Category.MAJOR_MATTER}


def item_url(item: Item) -> str:
    return reverse("content:item", args=[item.pk])


def escalation_reasons(item: Item, report: ScreeningReport) -> list[str]:
    """Why this item also needs the main leader's 终审 (R1, S6), each reason in words."""
    reasons = []
    if any(f["rule"].startswith("leader") for f in report.findings):
        reasons.append(_("涉及国家领导人，须反复核对并报主要领导终审"))
    if item.category in ESCALATING_CATEGORIES:
        reasons.append(_("类别为“%(category)s”") % {"category": item.get_category_display()})
    if item.needs_pledge:
        reasons.append(_("敏感程度为“%(level)s”") % {"level": item.get_sensitivity_display()})
    for channel in item.channels.filter(requires_final_review=True):
        reasons.append(_("渠道“%(channel)s”要求终审") % {"channel": channel.name})
    return reasons


def notify_next(item: Item) -> None:
    stage = flow.next_stage(item)
    if stage is not None:
        notify(flow.people_for_stage(stage, item),
               _("稿件“%(title)s”等待您%(stage)s") % {"title": item.title, "stage": stage.name}, item_url(item))


def _raise_sensitivity_for_secrecy_markers(item: Item, report: ScreeningReport, person: Person, request) -> None:
    """A secrecy marker (密级标志, e.g. 机密★) in a 公开 or 内部 item makes it at least 敏感, so that only people
    with a confidentiality pledge handle it from here on (C5); a submitter without one may not send it."""
    markers = [f["text"] for f in report.findings if f["category"] == "secrecy"]
    if not markers or item.needs_pledge:
        return
    if pledge_refusal(person, Item.Sensitivity.SENSITIVE):
        raise ContentError(_("正文含密级标志“%(marker)s”，须按敏感稿件处理；您尚未登记保密承诺书，不能提交。"
                             "请删除该标志，或请已登记保密承诺书的同事处理。") % {"marker": markers[0]})
    before = item.sensitivity
    item.sensitivity = Item.Sensitivity.SENSITIVE
    record("content.sensitivity_raised", actor=person, obj=item, request=request,
           details={"from": before, "to": item.sensitivity, "markers": markers[:5]})


def submit_item(item: Item, person: Person, *, request=None) -> ScreeningReport:
    """Send a draft into review (提交审核): screen it, work out escalation, tell the first reviewers."""
    refuse_if(reason_to_prevent("content.submit_item", person, item))
    refuse_if(source_refusal(item))
    refuse_if(channel_refusal(item.sensitivity, item.channels.all()))
    if not item.channels.exists():
        raise ContentError(_("请先选择发布渠道（栏目或账号）。"))
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        report = screen_revision(item.current_revision, ScreeningReport.Trigger.SUBMIT)
        _raise_sensitivity_for_secrecy_markers(item, report, person, request)
        item.escalation_reasons = escalation_reasons(item, report)
        item.status = Item.Status.IN_REVIEW
        item.submitted_at = timezone.now()
        item.save()
        record("content.item_submitted", actor=person, obj=item, request=request,
               details={"revision": item.current_revision.content_hash, "blocking": report.blocking,
                        "findings": len(report.findings), "escalation": item.escalation_reasons,
                        "stages": [s.name for s in flow.required_stages(item)]})
        notify_next(item)
    return report


def decision_refusal(item: Item, person: Person) -> str | None:
    """Why `person` may not sign the next stage of `item` now, or None (R2, C5)."""
    emergency = flow.open_emergency(item)
    if item.status != Item.Status.IN_REVIEW and not (item.status == Item.Status.APPROVED and emergency):
        return _("稿件当前状态为“%(status)s”，不在审核中。") % {"status": item.get_status_display()}
    stage = flow.next_stage(item)
    if stage is None:
        return _("所有审核环节均已签署。")
    if item.author_id == person.pk:
        return _("不能审核自己撰写的稿件。")
    if not flow.holds_stage_role(person, stage, item):
        return _("%(stage)s须由%(scope)s的%(role)s签署。") % {
            "stage": stage.name, "role": stage.get_role_display(),
            "scope": flow.reviewing_department(item).name if stage.scoped_to_item_department else _("本单位")}
    suspended = suspension_refusal(person, REVIEW)
    if suspended:
        return suspended
    signed = next((d for d in flow.valid_decisions(item)
                   if d.person_id == person.pk and d.verdict == Decision.Verdict.APPROVE), None)
    if signed is not None:
        return _("您已签署本稿件的%(stage)s，同一人不能签署两个环节。") % {"stage": signed.stage_name}
    return pledge_refusal(person, item.sensitivity)


def _checklist_refusal(stage, checklist: dict) -> str | None:
    missing = [str(label) for key, label in stage.checklist_items() if not checklist.get(key)]
    if missing:
        return _("请逐项确认审核要点：%(items)s。") % {"items": "；".join(missing)}
    return None


def _blocking_refusal(item: Item, *, screen_again: bool) -> str | None:
    """Unresolved blocking findings stop an approval; the last approval screens the revision once more (S5)."""
    report = screen_revision(item.current_revision, ScreeningReport.Trigger.FINAL) if screen_again else None
    blocking = flow.unresolved_blocking(item, report)
    if not blocking:
        return None
    if screen_again:
        message = _("终审前复筛发现 %(n)s 项须修改的问题（如“%(text)s”），请退回修改或由审核人写明理由后确认。")
    else:
        message = _("筛查发现 %(n)s 项须修改的问题（如“%(text)s”），须先修改或由审核人写明理由后确认。")
    return message % {"n": len(blocking), "text": blocking[0]["text"]}


def decide(item: Item, person: Person, *, verdict: str, opinion: str, checklist: dict | None = None,
           proofread: bool = False, request_final_review: bool = False, request=None) -> Decision:
    """Sign the next stage: approve (bound to the revision's content hash) or reject with reasons (R3–R5)."""
    checklist = checklist or {}
    opinion = (opinion or "").strip()
    if verdict not in Decision.Verdict.values:
        raise ReviewError(_("审核意见只能是“同意”或“退回”。"))
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        refuse_if(decision_refusal(item, person))
        stage = flow.next_stage(item)
        emergency = flow.open_emergency(item)
        if verdict == Decision.Verdict.REJECT:
            if emergency:
                raise ReviewError(_("应急发布的稿件不能退回，请撤回后再修改。"))
            if not opinion:
                raise ReviewError(_("退回稿件须写明理由。"))
        else:
            if not opinion:
                raise ReviewError(_("请填写审核意见。"))
            refuse_if(_checklist_refusal(stage, checklist))
            if not proofread:
                raise ReviewError(_("请确认已完成校对（三校）。"))
            refuse_if(source_refusal(item))
            is_last = not request_final_review and flow.missing_stages(item) == [stage]
            refuse_if(_blocking_refusal(item, screen_again=is_last and not emergency))
        decision = Decision.objects.create(
            item=item, revision=item.current_revision, content_hash=item.current_revision.content_hash,
            stage=stage, stage_name=stage.name, role=stage.role, person=person, verdict=verdict, opinion=opinion,
            checklist=checklist, proofread=proofread, request_final_review=request_final_review,
            emergency=emergency is not None)
        seen.mark_seen(person, item)
        if verdict == Decision.Verdict.REJECT:
            item.status = Item.Status.REJECTED
            notify([item.author], _("稿件“%(title)s”被%(stage)s退回：%(opinion)s")
                   % {"title": item.title, "stage": stage.name, "opinion": opinion}, item_url(item))
        else:
            if request_final_review:
                item.escalation_reasons = item.escalation_reasons + [_("%(name)s 提请终审") % {"name": person}]
            if not flow.missing_stages(item):
                if emergency:
                    emergency.completed_at = timezone.now()
                    emergency.save(update_fields=["completed_at"])
                item.status = Item.Status.APPROVED
                notify([item.author], _("稿件“%(title)s”已审核通过") % {"title": item.title}, item_url(item))
        item.save()
        record("review.decision_signed", actor=person, obj=item, request=request, details={
            "stage": stage.name, "verdict": verdict, "revision": decision.content_hash, "opinion": opinion,
            "proofread": proofread, "emergency_completion": emergency is not None})
        if verdict == Decision.Verdict.APPROVE and (item.status == Item.Status.IN_REVIEW or emergency):
            notify_next(item)
    return decision


def override_finding(item: Item, person: Person, key: str, reason: str, *, request=None) -> FindingOverride:
    """Let a blocking finding stand, with a written reason (S5)."""
    refuse_if(reason_to_prevent("review.override_finding", person, item))
    if not reason.strip():
        raise ReviewError(_("请写明保留该项的理由。"))
    if key not in {flow.finding_key(f) for f in flow.unresolved_blocking(item)}:
        raise ReviewError(_("没有找到这项须修改的筛查结果，可能已修改或已确认。"))
    with transaction.atomic():
        override = FindingOverride.objects.create(item=item, content_hash=item.current_revision.content_hash,
                                                  finding_key=key, reason=reason.strip(), by=person)
        record("review.finding_overridden", actor=person, obj=item, request=request,
               details={"finding": key, "reason": reason.strip()})
    return override


def emergency_approve(item: Item, person: Person, *, consultation: str, reason: str, request=None):
    """应急审核: the spokesperson or leader in charge approves at once after consulting the main leader (R6)."""
    if not consultation.strip():
        raise ReviewError(_("请记录已请示主要领导的情况（何时、以何种方式、领导意见）。"))
    if not reason.strip():
        raise ReviewError(_("请写明应急发布的理由。"))
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        refuse_if(reason_to_prevent("review.emergency_approve", person, item))
        if item.author_id == person.pk:
            raise ReviewError(_("不能审核自己撰写的稿件。"))
        refuse_if(pledge_refusal(person, item.sensitivity))
        report = screen_revision(item.current_revision, ScreeningReport.Trigger.FINAL)
        blocking = flow.unresolved_blocking(item, report)
        if blocking:
            raise ReviewError(_("复筛发现 %(n)s 项须修改的问题（如“%(text)s”），应急审核也不能放过。")
                              % {"n": len(blocking), "text": blocking[0]["text"]})
        role = Role.SPOKESPERSON if person.has_role(Role.SPOKESPERSON) else Role.LEADER
        approval = EmergencyApproval.objects.create(
            item=item, revision=item.current_revision, content_hash=item.current_revision.content_hash,
            approved_by=person, role=role, consultation=consultation.strip(), reason=reason.strip())
        item.status = Item.Status.APPROVED
        item.save()
        record("review.emergency_approved", actor=person, obj=item, request=request, details={
            "revision": approval.content_hash, "consultation": approval.consultation, "reason": approval.reason,
            "missing": [s.name for s in flow.missing_stages(item)]})
        notify_next(item)
    return approval


def request_secrecy(item: Item, person: Person, *, question: str, request=None) -> SecrecyRequest:
    """Send an item for secrecy determination (保密审查); it waits, due in 7 working days (R7)."""
    if not question.strip():
        raise ReviewError(_("请写明需要确定是否涉密的内容。"))
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        refuse_if(reason_to_prevent("review.request_secrecy", person, item))
        deadline = add_working_days(timezone.localdate(), 7)
        secrecy_request = SecrecyRequest.objects.create(
            item=item, revision=item.current_revision, question=question.strip(), asked_by=person,
            due_on=deadline.due, due_warning=deadline.warning, resume_status=item.status)
        item.status = Item.Status.AWAITING_SECRECY
        item.save()
        record("review.secrecy_requested", actor=person, obj=item, request=request,
               details={"question": secrecy_request.question, "due_on": deadline.due.isoformat()})
        notify(Person.holding(Role.SECRECY),
               _("稿件“%(title)s”请求保密审查，%(due)s 前答复") % {"title": item.title, "due": deadline.due},
               item_url(item))
    return secrecy_request


def answer_secrecy(secrecy_request: SecrecyRequest, person: Person, *, answer: str, text: str,
                   request=None) -> SecrecyRequest:
    """Record the determination: the item resumes where it was, or is refused publication."""
    refuse_if(reason_to_prevent("review.answer_secrecy", person))
    if answer not in SecrecyRequest.Answer.values:
        raise ReviewError(_("请选择审查结论。"))
    if not text.strip():
        raise ReviewError(_("请填写审查意见。"))
    with transaction.atomic():
        secrecy_request = SecrecyRequest.objects.select_for_update().get(pk=secrecy_request.pk)
        if not secrecy_request.is_open:
            raise ReviewError(_("该保密审查已经答复。"))
        item = Item.objects.select_for_update().get(pk=secrecy_request.item_id)
        refuse_if(reason_to_prevent("content.view_item", person, item))
        secrecy_request.answer, secrecy_request.answer_text = answer, text.strip()
        secrecy_request.answered_by, secrecy_request.answered_at = person, timezone.now()
        secrecy_request.save()
        if answer == SecrecyRequest.Answer.SECRET:
            item.status = Item.Status.REFUSED
            item.sensitivity = Item.Sensitivity.CLASSIFIED
        else:
            item.status = secrecy_request.resume_status
        item.save()
        record("review.secrecy_answered", actor=person, obj=item, request=request,
               details={"answer": answer, "text": secrecy_request.answer_text,
                        "overdue": timezone.localdate() > secrecy_request.due_on})
        notify([secrecy_request.asked_by, item.author],
               _("稿件“%(title)s”保密审查结论：%(answer)s") % {"title": item.title,
                                                         "answer": secrecy_request.get_answer_display()},
               item_url(item))
    return secrecy_request


def publishable_refusal(item: Item) -> str | None:
    """Why the item's current revision may not be published yet (the gate publishing will call; S5, R3)."""
    if item.status != Item.Status.APPROVED:
        return _("稿件尚未审核通过。")
    revision = item.current_revision
    report = flow.latest_report(item)
    if report is None:
        return _("当前版本未经技术筛查。")
    blocking = any(f["severity"] == "block" for f in report.findings)  # overrides are asked only when there is one
    if blocking and flow.unresolved_blocking(item, report):
        return _("当前版本还有未处理的须修改问题。")
    if flow.missing_stages(item) and not item.emergency_approvals.filter(content_hash=revision.content_hash).exists():
        return _("审核环节尚未签署完整。")
    return None
