"""The items API (稿件接口): create, edit, submit, sign, screening, review sheet, emergency and secrecy paths.

Every endpoint calls the services; nothing here changes an item itself. Status codes follow one rule:

- 404 — no such item (or secrecy request);
- 403 — the permission module (`reason_to_prevent`) refuses this person this action on this item
  (seeing it, editing it, submitting it, emergency approval, secrecy determination); the detail is its reason;
- 400 — a service refused under a business rule (separation of duties, checklist, proofreading, screening,
  approved sources, 涉密不上网, the item's place in the workflow); the detail is the service's reason;
- 422 — malformed input: wrong types, unknown values, unknown channel or source ids.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, PatchDict, Path, Router, Schema, Status
from ninja.errors import HttpError

from sanshen.channels.models import Channel
from sanshen.core.api import DB_MAX_ID, REFUSALS, Id, PersonOut, forbid, person_out, service_refusals
from sanshen.org.permissions import reason_to_prevent
from sanshen.review import flow
from sanshen.review import services as review
from sanshen.review.models import Decision, SecrecyRequest, Stage
from sanshen.review.sheet import render_review_sheet

from . import services
from .access import record_sensitive_view
from .corrections import apply_fixes, dismiss_finding
from .findings import FindingRow, finding_rows
from .models import Item, ScreeningReport, Source

items_router = Router(tags=["稿件 Items"])
secrecy_router = Router(tags=["保密审查 Secrecy determination"])

CategoryValue = Literal[tuple(Item.Category.values)]
SensitivityValue = Literal[tuple(Item.Sensitivity.values)]
ItemId = Annotated[int, Path(ge=1, le=DB_MAX_ID, description="稿件编号 Item id")]


# ---- input -------------------------------------------------------------------------------------------------------

class ItemIn(Schema):
    """稿件信息 What an editor fills in for an item."""

    title: Annotated[str, Field(min_length=1, max_length=200, description="标题 Title")]
    body: Annotated[str, Field(description="正文 Body text")] = ""
    category: Annotated[CategoryValue, Field(description="类别 Category")] = Item.Category.WORK_NEWS.value
    channels: Annotated[list[Id], Field(description="发布渠道编号 Channel ids")] = []
    sensitivity: Annotated[SensitivityValue, Field(description="敏感程度 Sensitivity label")] = \
        Item.Sensitivity.PUBLIC.value
    event_date: Annotated[date | None, Field(description="事件日期 Date of the event")] = None
    is_repost: Annotated[bool, Field(description="转载 Reposted from another source")] = False
    source: Annotated[Id | None, Field(description="原稿源单位编号 Approved source id (reposts)")] = None
    source_author: Annotated[str, Field(max_length=100, description="原作者 Original author (reposts)")] = ""
    member_commitment: Annotated[bool, Field(
        description="会员单位书面承诺 Member unit's commitment that the content is true and self-reviewed")] = False


NULLABLE_FIELDS = {"event_date", "source"}


class DecisionIn(Schema):
    """审核签字 A reviewer's decision on the next stage."""

    decision: Literal["approve", "reject"] = Field(description="同意或退回 approve or reject")
    opinion: str = Field("", description="审核意见 Opinion (required; a rejection states its reasons)")
    checklist: dict[str, bool] = Field({}, description="审核要点确认 The stage's checklist, key → confirmed")
    proofread: bool = Field(False, description="已校对 Proofreading confirmed (三校)")
    request_final_review: bool = Field(False, description="提请终审 Ask for the main leader's final review")


class OverrideIn(Schema):
    """筛查结果人工确认 Let a blocking finding stand, with a reason."""

    finding: str = Field(description="筛查发现的 key Finding key (from GET /screening)")
    reason: str = Field(description="保留理由 Written reason")


class DismissalIn(Schema):
    """忽略 Dismiss a warning, with a reason every reviewer sees."""

    finding: str = Field(description="筛查发现的 key Finding key (from GET /screening)")
    reason: str = Field(description="忽略理由 Written reason")
    scope: Literal["one", "same"] = Field("one", description="one 忽略此处 · same 忽略同类 (same rule, same words)")


class FixIn(Schema):
    finding: str = Field(description="筛查发现的 key Finding key")
    kind: Literal["suggest", "mask"] = Field(description="suggest 采用建议 · mask 脱敏")


class FixesIn(Schema):
    """采用建议 / 脱敏 several findings at once: one new revision."""

    fixes: list[FixIn] = Field(min_length=1, max_length=500)


class EmergencyIn(Schema):
    """应急审核 Emergency approval."""

    consultation: str = Field(description="请示主要领导情况 When and how the main leader was consulted, and the answer")
    reason: str = Field(description="应急理由 Why it cannot wait for the normal review")


class SecrecyQuestionIn(Schema):
    """保密审查申请 Request for secrecy determination."""

    question: str = Field(description="需确定的问题 What must be determined")


class SecrecyAnswerIn(Schema):
    """保密审查结论 Secrecy determination."""

    answer: Literal["not_secret", "declassify", "secret"] = Field(
        description="结论 not_secret 不涉密 · declassify 脱密后可公开 · secret 涉密不得公开")
    text: str = Field(description="审查意见 Written opinion")


# ---- output ------------------------------------------------------------------------------------------------------

class NamedOut(Schema):
    id: int
    name: str


class ChannelOut(Schema):
    id: int
    name: str
    kind: str
    is_classified: bool


class RevisionOut(Schema):
    number: int = Field(description="版本号 Revision number")
    content_hash: str = Field(description="内容哈希 SHA-256 of title, body and attachments")
    created_at: datetime


class ChecklistEntry(Schema):
    key: str
    label: str


class DecisionOut(Schema):
    id: int
    stage: str = Field(description="环节 Stage name")
    role: str
    person: PersonOut
    verdict: str = Field(description="approve 同意 / reject 退回")
    opinion: str
    checklist: dict[str, bool]
    proofread: bool
    request_final_review: bool
    emergency: bool = Field(description="应急审核后补签 Signed after an emergency approval")
    revision: int = Field(description="签署时的版本号 Revision number signed")
    content_hash: str = Field(description="签署的内容哈希 Content hash the signature binds to")
    signed_at: datetime
    voided_at: datetime | None = Field(description="作废时间 When an edit voided it")
    void_reason: str


class SignedDecisionOut(DecisionOut):
    item_status: str = Field(description="签署后稿件状态 Item status after this decision")


class StageOut(Schema):
    order: int
    name: str
    role: str
    role_label: str
    escalation_only: bool = Field(description="仅在需要终审时 Only when escalated")
    checklist: list[ChecklistEntry]
    signature: DecisionOut | None = Field(description="有效签字 The signature that still counts, if any")


class NextStageOut(StageOut):
    reviewers: list[PersonOut] = Field(description="可签署人员 Who may sign it")


class AttachmentOut(Schema):
    id: int
    filename: str
    sha256: str
    uploaded_at: datetime


class EmergencyOut(Schema):
    id: int
    approved_by: PersonOut
    role: str
    consultation: str
    reason: str
    content_hash: str
    approved_at: datetime
    completed_at: datetime | None = Field(description="补签完成时间 When every stage was signed afterwards")
    item_status: str
    missing_stages: list[str] = Field(description="仍须补签的环节 Stages still to be signed")


class SecrecyOut(Schema):
    id: int
    item: int
    question: str
    asked_by: PersonOut
    asked_at: datetime
    due_on: date = Field(description="答复期限（7个工作日） Due in 7 working days")
    due_warning: str = Field(description="期限提示 Set when the holiday table had to be guessed")
    overdue: bool
    answer: str
    answer_text: str
    answered_by: PersonOut | None
    answered_at: datetime | None
    item_status: str


class ItemOut(Schema):
    id: int
    title: str
    body: str
    category: str
    category_label: str
    sensitivity: str
    sensitivity_label: str
    status: str
    status_label: str
    department: str
    author: PersonOut
    channels: list[ChannelOut]
    event_date: date | None
    is_repost: bool
    source: NamedOut | None
    source_author: str
    member_commitment_at: datetime | None
    submitted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    revision: RevisionOut = Field(description="当前版本 Current revision")
    stages: list[StageOut] = Field(description="须经的审核环节及签字 Required stages with their signatures")
    next_stage: NextStageOut | None = Field(description="下一环节 The stage waiting for a signature")
    escalation_reasons: list[str] = Field(description="终审原因 Why the main leader's review is required")
    attachments: list[AttachmentOut]
    decisions: list[DecisionOut] = Field(description="全部签字（含已作废） Every decision, voided ones included")
    emergency_approvals: list[EmergencyOut]
    secrecy_requests: list[SecrecyOut]


class DismissalOut(Schema):
    scope: str = Field(description="one 忽略此处 · same 忽略同类")
    reason: str
    by: PersonOut
    at: datetime


class FindingOut(Schema):
    key: str = Field(description="用于人工确认的标识 Key for overriding a blocking finding")
    part: str = Field(description="title, body or attachment:<id>")
    category: str
    rule: str
    severity: str = Field(description="block 须修改 · warn 警告 · info 提示")
    start: int = Field(description="在该部分文本中的起始位置 Code-point offset into the part")
    end: int
    text: str
    suggestion: str
    message: str
    fixes: list[str] = Field(description="可用的一键修改 One-click fixes the caller may apply: suggest, mask")
    dismissal: DismissalOut | None = Field(description="撰稿人忽略该项的理由 The editor's dismissal, if any")


class ScreeningOut(Schema):
    revision: int
    content_hash: str
    trigger: str = Field(description="submit 提交时 · final 终审前 · manual 手动")
    ruleset_version: str
    ran_at: datetime
    findings: list[FindingOut]
    counts: dict[str, int] = Field(description="按严重程度计数 Counts by severity")
    unresolved_blocking: list[FindingOut] = Field(description="未处理的须修改项 Blocking findings nobody overrode")


class SubmitOut(Schema):
    status: str
    status_label: str
    escalation_reasons: list[str]
    next_stage: NextStageOut | None
    screening: ScreeningOut


# ---- helpers -----------------------------------------------------------------------------------------------------

def visible_item(request, item_id: int, action: str | None = None) -> Item:
    """The item, if it exists and the caller may see it (and perform `action` on it)."""
    item = Item.objects.select_related("author", "department", "source", "current_revision").filter(
        pk=item_id).first()
    if item is None:
        raise HttpError(404, _("没有编号为 %(id)s 的稿件。") % {"id": item_id})
    forbid(reason_to_prevent("content.view_item", request.user, item))
    if action:
        forbid(reason_to_prevent(action, request.user, item))
    return item


def channels_with_ids(ids: list[int]) -> list[Channel]:
    found = Channel.objects.in_bulk(ids)
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise HttpError(422, _("输入有误：channels: 没有编号为 %(ids)s 的发布渠道。") % {"ids": "、".join(unknown)})
    return [found[i] for i in dict.fromkeys(ids)]


def source_with_id(source_id: int | None) -> Source | None:
    if source_id is None:
        return None
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise HttpError(422, _("输入有误：source: 没有编号为 %(id)s 的稿源单位。") % {"id": source_id})
    return source


def resolve_ids(fields: dict) -> dict:
    """API fields with channel and source ids replaced by the records they name."""
    fields = dict(fields)
    if "channels" in fields:
        fields["channels"] = channels_with_ids(fields["channels"])
    if "source" in fields:
        fields["source"] = source_with_id(fields["source"])
    return fields


def current_fields(item: Item) -> dict:
    """An item's present values, as ItemInput takes them (what PATCH keeps)."""
    return {
        "title": item.title, "body": item.body, "category": item.category, "channels": list(item.channels.all()),
        "sensitivity": item.sensitivity, "event_date": item.event_date, "is_repost": item.is_repost,
        "source": item.source, "source_author": item.source_author,
        "member_commitment": item.member_commitment_at is not None,
    }


def decision_out(decision: Decision | None) -> dict | None:
    if decision is None:
        return None
    return {
        "id": decision.pk, "stage": decision.stage_name, "role": decision.role, "person": person_out(decision.person),
        "verdict": decision.verdict, "opinion": decision.opinion, "checklist": decision.checklist,
        "proofread": decision.proofread, "request_final_review": decision.request_final_review,
        "emergency": decision.emergency, "revision": decision.revision.number,
        "content_hash": decision.content_hash, "signed_at": decision.signed_at, "voided_at": decision.voided_at,
        "void_reason": decision.void_reason,
    }


def stage_out(stage: Stage, signature: Decision | None) -> dict:
    return {
        "order": stage.order, "name": stage.name, "role": stage.role, "role_label": str(stage.get_role_display()),
        "escalation_only": stage.escalation_only,
        "checklist": [{"key": key, "label": str(label)} for key, label in stage.checklist_items()],
        "signature": decision_out(signature),
    }


def next_stage_out(item: Item) -> dict | None:
    stage = flow.next_stage(item)
    if stage is None:
        return None
    return {**stage_out(stage, None),
            "reviewers": [person_out(p) for p in flow.people_for_stage(stage, item)]}


def emergency_out(approval, item: Item) -> dict:
    return {
        "id": approval.pk, "approved_by": person_out(approval.approved_by), "role": approval.role,
        "consultation": approval.consultation, "reason": approval.reason, "content_hash": approval.content_hash,
        "approved_at": approval.approved_at, "completed_at": approval.completed_at, "item_status": item.status,
        "missing_stages": [s.name for s in flow.missing_stages(item)],
    }


def secrecy_out(secrecy_request: SecrecyRequest, item: Item) -> dict:
    return {
        "id": secrecy_request.pk, "item": item.pk, "question": secrecy_request.question,
        "asked_by": person_out(secrecy_request.asked_by), "asked_at": secrecy_request.asked_at,
        "due_on": secrecy_request.due_on, "due_warning": secrecy_request.due_warning,
        "overdue": secrecy_request.is_open and timezone.localdate() > secrecy_request.due_on,
        "answer": secrecy_request.answer, "answer_text": secrecy_request.answer_text,
        "answered_by": person_out(secrecy_request.answered_by), "answered_at": secrecy_request.answered_at,
        "item_status": item.status,
    }


def item_out(item: Item) -> dict:
    revision = item.current_revision
    signed = flow.approvals(item)
    return {
        "id": item.pk, "title": item.title, "body": item.body,
        "category": item.category, "category_label": str(item.get_category_display()),
        "sensitivity": item.sensitivity, "sensitivity_label": str(item.get_sensitivity_display()),
        "status": item.status, "status_label": str(item.get_status_display()),
        "department": item.department.name, "author": person_out(item.author),
        "channels": [{"id": c.pk, "name": c.name, "kind": c.kind, "is_classified": c.is_classified}
                     for c in item.channels.all()],
        "event_date": item.event_date, "is_repost": item.is_repost,
        "source": {"id": item.source.pk, "name": item.source.name} if item.source else None,
        "source_author": item.source_author, "member_commitment_at": item.member_commitment_at,
        "submitted_at": item.submitted_at, "created_at": item.created_at, "updated_at": item.updated_at,
        "revision": {"number": revision.number, "content_hash": revision.content_hash,
                     "created_at": revision.created_at},
        "stages": [stage_out(s, signed.get(s.pk)) for s in flow.required_stages(item)],
        "next_stage": next_stage_out(item),
        "escalation_reasons": item.escalation_reasons,
        "attachments": [{"id": a.pk, "filename": a.filename, "sha256": a.sha256, "uploaded_at": a.uploaded_at}
                        for a in item.attachments.all()],
        "decisions": [decision_out(d) for d in item.decisions.select_related("person", "revision")],
        "emergency_approvals": [emergency_out(a, item) for a in item.emergency_approvals.select_related("approved_by")],
        "secrecy_requests": [secrecy_out(r, item) for r in item.secrecy_requests.select_related("asked_by",
                                                                                              "answered_by")],
    }


def finding_out(row: FindingRow) -> dict:
    dismissal = row.dismissal
    return {**row.finding, "key": row.key, "fixes": row.fixes,
            "dismissal": dismissal and {"scope": dismissal.scope, "reason": dismissal.reason,
                                        "by": person_out(dismissal.by), "at": dismissal.at}}


def screening_out(item: Item, report: ScreeningReport, person) -> dict:
    rows = finding_rows(item, report, reason_to_prevent("content.edit_item", person, item) is None)
    return {
        "revision": report.revision.number, "content_hash": report.revision.content_hash,
        "trigger": report.trigger, "ruleset_version": report.ruleset_version, "ran_at": report.ran_at,
        "findings": [finding_out(r) for r in rows], "counts": report.counts(),
        "unresolved_blocking": [finding_out(r) for r in rows if r.open_block],
    }


# ---- endpoints ---------------------------------------------------------------------------------------------------

@items_router.post("", response={201: ItemOut, **REFUSALS}, summary="新建稿件 Create an item")
def create(request, payload: ItemIn):
    """新建草稿及其第一个版本。Create a draft with its first revision; channels and source are ids."""
    data = services.ItemInput(**resolve_ids(payload.model_dump()))
    with service_refusals():
        item = services.create_item(request.user, data, request=request)
    return Status(201, item_out(item))


@items_router.get("/{item_id}", response={200: ItemOut, **REFUSALS}, summary="查看稿件 Get an item")
def detail(request, item_id: ItemId):
    """稿件、当前版本、审核环节与签字、下一环节、终审原因、附件与全部签字记录。
    The item with its current revision, required stages and signatures, next stage, escalation reasons,
    channels, attachments and decisions."""
    item = visible_item(request, item_id)
    record_sensitive_view(item, request.user, request)
    flow.load_progress([item])
    return item_out(item)


@items_router.patch("/{item_id}", response={200: ItemOut, **REFUSALS}, summary="修改稿件 Edit an item")
def edit(request, item_id: ItemId, payload: PatchDict[ItemIn]):
    """只改给出的字段；任何改动产生新版本，已有签字作废，稿件回到草稿。
    Partial update: fields not given keep their values; any change makes a new revision, voids the
    signatures and returns the item to draft."""
    item = visible_item(request, item_id, "content.edit_item")
    nulls = sorted(f for f, v in payload.items() if v is None and f not in NULLABLE_FIELDS)
    if nulls:
        raise HttpError(422, _("输入有误：%(fields)s 不能为 null。") % {"fields": "、".join(nulls)})
    data = services.ItemInput(**{**current_fields(item), **resolve_ids(payload)})
    with service_refusals():
        item = services.edit_item(item, request.user, data, request=request)
    return item_out(item)


@items_router.post("/{item_id}/submit", response={200: SubmitOut, **REFUSALS}, summary="提交审核 Submit for review")
def submit(request, item_id: ItemId):
    """筛查当前版本并送入审核流程。Screen the current revision and send the item into review."""
    item = visible_item(request, item_id, "content.submit_item")
    with service_refusals():
        report = review.submit_item(item, request.user, request=request)
    item.refresh_from_db()
    return {"status": item.status, "status_label": str(item.get_status_display()),
            "escalation_reasons": item.escalation_reasons, "next_stage": next_stage_out(item),
            "screening": screening_out(item, report, request.user)}


@items_router.post("/{item_id}/decisions", response={201: SignedDecisionOut, **REFUSALS},
                   summary="审核签字 Sign the next stage")
def sign(request, item_id: ItemId, payload: DecisionIn):
    """对下一环节同意或退回；同意须填意见、逐项确认审核要点并确认校对，签字绑定当前版本的内容哈希。
    Approve or reject the next stage; approval needs an opinion, the stage's checklist and the
    proofreading confirmation, and binds to the current revision's content hash."""
    item = visible_item(request, item_id)
    with service_refusals():
        decision = review.decide(item, request.user, verdict=payload.decision, opinion=payload.opinion,
                                 checklist=payload.checklist, proofread=payload.proofread,
                                 request_final_review=payload.request_final_review, request=request)
    item.refresh_from_db()
    return Status(201, {**decision_out(decision), "item_status": item.status})


@items_router.get("/{item_id}/screening", response={200: ScreeningOut, **REFUSALS},
                  summary="筛查报告 Latest screening report")
def screening(request, item_id: ItemId):
    """当前版本最近一次筛查：发现、按严重程度计数、未处理的须修改项。
    The latest screening of the current revision: findings, counts by severity, unresolved blocking findings."""
    item = visible_item(request, item_id)
    report = flow.latest_report(item)
    if report is None:
        raise HttpError(404, _("当前版本尚未筛查。"))
    return screening_out(item, report, request.user)


@items_router.post("/{item_id}/overrides", response={201: ScreeningOut, **REFUSALS},
                   summary="确认保留须修改项 Override a blocking finding")
def override(request, item_id: ItemId, payload: OverrideIn):
    """审核人写明理由后保留一项须修改的筛查结果。A reviewer lets a blocking finding stand, with a reason."""
    item = visible_item(request, item_id, "review.override_finding")
    with service_refusals():
        review.override_finding(item, request.user, payload.finding, payload.reason, request=request)
    return Status(201, screening_out(item, flow.latest_report(item), request.user))


@items_router.post("/{item_id}/dismissals", response={201: ScreeningOut, **REFUSALS},
                   summary="忽略筛查提醒 Dismiss a warning")
def dismissal(request, item_id: ItemId, payload: DismissalIn):
    """撰稿人写明理由后忽略一项警告或提示（须修改项不能忽略）；审核人可见。
    The author dismisses a warning or hint with a reason reviewers see; blocking findings cannot be dismissed."""
    item = visible_item(request, item_id, "content.dismiss_finding")
    with service_refusals():
        dismiss_finding(item, request.user, payload.finding, payload.reason, payload.scope, request=request)
    return Status(201, screening_out(item, flow.latest_report(item), request.user))


@items_router.post("/{item_id}/fixes", response={200: ItemOut, **REFUSALS},
                   summary="采用建议、脱敏 Apply one-click fixes")
def fixes(request, item_id: ItemId, payload: FixesIn):
    """一次采用多项建议或脱敏，生成一个新版本。Apply several suggestions or masks at once, as one new revision."""
    item = visible_item(request, item_id, "content.edit_item")
    with service_refusals():
        item, _applied = apply_fixes(item, request.user, [(f.finding, f.kind) for f in payload.fixes],
                                     request=request)
    flow.load_progress([item])
    return item_out(item)


@items_router.get("/{item_id}/review-sheet.pdf", response={200: None, **REFUSALS},
                  summary="审核单 PDF Review sheet",
                  openapi_extra={"responses": {"200": {
                      "description": "审核单 PDF", "content": {"application/pdf": {
                          "schema": {"type": "string", "format": "binary"}}}}}})
def review_sheet(request, item_id: ItemId):
    """审核单：稿件、筛查摘要、各环节签字、意见、时间和版本哈希。
    The review sheet: the item, screening summary, every stage's signature, opinion, time and revision hash."""
    item = visible_item(request, item_id)
    response = HttpResponse(render_review_sheet(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="review-sheet-{item.pk}.pdf"'
    return response


@items_router.post("/{item_id}/emergency-approval", response={201: EmergencyOut, **REFUSALS},
                   summary="应急审核 Emergency approval")
def emergency_approval(request, item_id: ItemId, payload: EmergencyIn):
    """新闻发言人或分管领导请示主要领导后立即批准；其余环节事后补签。
    The spokesperson or leader in charge approves at once after consulting the main leader; the
    remaining stages are signed afterwards."""
    item = visible_item(request, item_id, "review.emergency_approve")
    with service_refusals():
        approval = review.emergency_approve(item, request.user, consultation=payload.consultation,
                                            reason=payload.reason, request=request)
    item.refresh_from_db()
    return Status(201, emergency_out(approval, item))


@items_router.post("/{item_id}/secrecy-determination", response={201: SecrecyOut, **REFUSALS},
                   summary="提请保密审查 Request secrecy determination")
def secrecy_determination(request, item_id: ItemId, payload: SecrecyQuestionIn):
    """稿件等待保密审查，7个工作日内答复。The item waits for the determination, due in 7 working days."""
    item = visible_item(request, item_id, "review.request_secrecy")
    with service_refusals():
        secrecy_request = review.request_secrecy(item, request.user, question=payload.question, request=request)
    item.refresh_from_db()
    return Status(201, secrecy_out(secrecy_request, item))


@secrecy_router.post("/{request_id}/answer", response={200: SecrecyOut, **REFUSALS},
                     summary="答复保密审查 Answer a secrecy determination")
def answer_secrecy(request, request_id: Annotated[int, Path(ge=1, le=DB_MAX_ID)], payload: SecrecyAnswerIn):
    """保密审查员作出结论：稿件回到原状态，或涉密不予发布。
    The secrecy reviewer's determination: the item resumes where it was, or is refused as classified."""
    secrecy_request = SecrecyRequest.objects.select_related("item").filter(pk=request_id).first()
    if secrecy_request is None:
        raise HttpError(404, _("没有编号为 %(id)s 的保密审查申请。") % {"id": request_id})
    forbid(reason_to_prevent("review.answer_secrecy", request.user))
    item = visible_item(request, secrecy_request.item_id)
    with service_refusals():
        secrecy_request = review.answer_secrecy(secrecy_request, request.user, answer=payload.answer,
                                                text=payload.text, request=request)
    item.refresh_from_db()
    return secrecy_out(secrecy_request, item)
