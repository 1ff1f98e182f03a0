"""The lexicons API (词库接口): entries, import, versions (关键词提醒), re-screening runs and flags,
allow-list proposals (白名单建议).

Status codes as in the items API: 403 when the permission module refuses (its reason as the detail),
400 when a service refuses (a duplicate entry, a bad import file — `problems` names each bad line),
404 for an unknown id, 422 for malformed input.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, PatchDict, Path, Query, Router, Schema, Status

from sanshen.content.api import visible_item
from sanshen.core.api import DB_MAX_ID, REFUSALS, Refusal, forbid, service_refusals
from sanshen.org.permissions import reason_to_prevent
from sanshen.screening.findings import CATEGORIES, SEVERITIES

from . import services
from .allow_proposals import accept_proposal, decline_proposal, propose_allow
from .importing import ImportRefused, parse_import
from .models import AllowProposal, LexiconEntry, RescreenRun, RuleSetVersion
from .rescreen import flags_visible_to, start_rescreen

lexicons_router = Router(tags=["词库 Lexicons"])

Id = Annotated[int, Path(ge=1, le=DB_MAX_ID)]
Category = Literal[CATEGORIES]
Severity = Literal[SEVERITIES]


class ImportRefusal(Refusal):
    problems: list[str]


def forbid_unless(request, action: str) -> None:
    forbid(reason_to_prevent(action, request.user))


class EntryIn(Schema):
    """词条 One lexicon entry."""

    word: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\t\r\n]+$", description="词语 Word")]
    category: Annotated[Category, Field(description="类别 Category")] = "sensitive"
    severity: Annotated[Severity, Field(description="级别 Severity")] = "block"
    suggestion: Annotated[str, Field(max_length=100, description="建议改为 Suggested replacement")] = ""
    note: Annotated[str, Field(max_length=200, description="说明 Note")] = ""
    announcement: Annotated[str, Field(max_length=300, description="提醒说明 Text of the staff announcement")] = ""


class EntryChangeIn(EntryIn):
    """词条修改 Fields to change; enabled=false disables the entry (entries are never deleted)."""

    enabled: Annotated[bool, Field(description="启用 Enabled")] = True


class EntryOut(Schema):
    id: int
    word: str
    category: str
    severity: str
    suggestion: str
    note: str
    enabled: bool
    updated_at: datetime


class ImportIn(Schema):
    """批量导入 Lines in the lexicon file format."""

    text: Annotated[str, Field(description="词库文本 word or word<TAB>category<TAB>severity[<TAB>suggestion[<TAB>note]]")]
    announcement: Annotated[str, Field(max_length=300)] = ""


class VersionOut(Schema):
    id: int
    ruleset_hash: str
    note: str
    created_by: str
    created_at: datetime
    added: int
    changed: int
    disabled: int


class ChangeOut(Schema):
    kind: str
    text: str
    before: dict
    after: dict


class VersionDetailOut(VersionOut):
    changes: list[ChangeOut]


class ImportOut(Schema):
    version: VersionOut | None
    lines: int


class RunOut(Schema):
    id: int
    status: str
    version: int | None
    ruleset_hash: str
    total: int
    done: int
    flagged: int
    percent: int
    started_at: datetime | None
    finished_at: datetime | None


class FlagOut(Schema):
    id: int
    item: int
    title: str
    revision: str
    findings: list[dict]
    created_at: datetime
    resolved_at: datetime | None
    resolution: str


def entry_out(entry: LexiconEntry) -> dict:
    return {**entry.snapshot(), "id": entry.pk, "updated_at": entry.updated_at}


def version_out(version: RuleSetVersion) -> dict:
    return {"id": version.pk, "ruleset_hash": version.ruleset_hash, "note": version.note,
            "created_by": version.created_by.get_username(), "created_at": version.created_at,
            "added": version.added, "changed": version.changed, "disabled": version.disabled}


def run_out(run: RescreenRun) -> dict:
    return {"id": run.pk, "status": run.status, "version": run.version_id, "ruleset_hash": run.ruleset_hash,
            "total": run.total, "done": run.done, "flagged": run.flagged, "percent": run.percent,
            "started_at": run.started_at, "finished_at": run.finished_at}


@lexicons_router.get("/entries", response={200: list[EntryOut], **REFUSALS}, summary="词条列表 List entries")
def list_entries(request, q: str = "", category: Category | None = None, severity: Severity | None = None,
                 enabled: bool | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                 offset: Annotated[int, Query(ge=0)] = 0):
    """词条，按词语排序；可按词语、类别、级别、启用状态筛选。Entries by word, filtered."""
    forbid_unless(request, "lexicons.manage")
    rows = LexiconEntry.objects.all()
    if q:
        rows = rows.filter(word__icontains=q)
    if category:
        rows = rows.filter(category=category)
    if severity:
        rows = rows.filter(severity=severity)
    if enabled is not None:
        rows = rows.filter(enabled=enabled)
    return [entry_out(e) for e in rows[offset:offset + limit]]


@lexicons_router.post("/entries", response={201: EntryOut, **REFUSALS}, summary="新增词条 Add an entry")
def create_entry(request, payload: EntryIn):
    """新增词条：生成新的规则版本，发出关键词提醒，并复查已发布信息。Adds an entry as a new rule version."""
    forbid_unless(request, "lexicons.manage")
    data = services.EntryInput(**payload.model_dump(exclude={"announcement"}))
    with service_refusals(services.LexiconError):
        entry = services.add_entry(request.user, data, announcement=payload.announcement, request=request)
    return Status(201, entry_out(entry))


@lexicons_router.patch("/entries/{entry_id}", response={200: EntryOut, **REFUSALS}, summary="修改词条 Edit an entry")
def edit_entry(request, entry_id: Id, payload: PatchDict[EntryChangeIn]):
    """只改给出的字段；enabled=false 即停用（词条不删除）。Partial update; enabled=false disables."""
    forbid_unless(request, "lexicons.manage")
    entry = get_object_or_404(LexiconEntry, pk=entry_id)
    announcement = payload.pop("announcement", "") or ""
    enabled = payload.pop("enabled", None)
    values = {**entry.snapshot(), **{k: v for k, v in payload.items() if v is not None}}
    values.pop("enabled")
    with service_refusals(services.LexiconError):
        services.edit_entry(entry, request.user, services.EntryInput(**values), announcement=announcement,
                            request=request)
    if enabled is not None:
        services.set_enabled(entry, request.user, enabled, announcement=announcement, request=request)
    entry.refresh_from_db()
    return entry_out(entry)


@lexicons_router.post("/import", response={200: ImportOut, 400: ImportRefusal, 403: Refusal, 422: Refusal},
                      summary="批量导入 Import entries")
def import_text(request, payload: ImportIn):
    """整批导入为一个规则版本；有一行出错则全部不导入，problems 逐行列出。All or nothing; problems name the lines."""
    forbid_unless(request, "lexicons.manage")
    try:
        lines = parse_import(payload.text)
    except ImportRefused as exc:
        return Status(400, {"detail": "没有导入任何词条：" + "；".join(exc.problems), "problems": exc.problems})
    version = services.import_entries(request.user, lines, announcement=payload.announcement, request=request)
    return {"version": version_out(version) if version else None, "lines": len(lines)}


@lexicons_router.get("/versions", response={200: list[VersionOut], **REFUSALS}, summary="关键词提醒 Rule versions")
def list_versions(request, limit: Annotated[int, Query(ge=1, le=200)] = 20):
    """词库的每次更新，最新的在前。Every change set, newest first."""
    forbid_unless(request, "lexicons.view_notices")
    return [version_out(v) for v in RuleSetVersion.objects.select_related("created_by")[:limit]]


@lexicons_router.get("/versions/{version_id}", response={200: VersionDetailOut, **REFUSALS},
                     summary="一次更新的内容 One change set")
def version_detail(request, version_id: Id):
    """新增、修改、停用了哪些词语。What was added, changed and disabled."""
    forbid_unless(request, "lexicons.view_notices")
    version = get_object_or_404(RuleSetVersion.objects.select_related("created_by"), pk=version_id)
    changes = [{"kind": c.kind, "text": c.text, "before": c.before, "after": c.after} for c in version.changes.all()]
    return {**version_out(version), "changes": changes}


@lexicons_router.post("/rescreens", response={202: RunOut, **REFUSALS}, summary="复查已发布信息 Start re-screening")
def create_rescreen(request):
    """交给后台复查全部已发布信息。Queue a re-screening of everything live."""
    forbid_unless(request, "lexicons.manage")
    return Status(202, run_out(start_rescreen(person=request.user, request=request)))


@lexicons_router.get("/rescreens/{run_id}", response={200: RunOut, **REFUSALS}, summary="复查进度 Progress")
def rescreen_detail(request, run_id: Id):
    forbid_unless(request, "lexicons.manage")
    return run_out(get_object_or_404(RescreenRun, pk=run_id))


@lexicons_router.get("/flags", response={200: list[FlagOut], **REFUSALS}, summary="复查发现 Flags")
def list_flags(request, open_only: bool = True, limit: Annotated[int, Query(ge=1, le=500)] = 100):
    """复查发现的新问题（默认只列待处理的）。New blocking findings in published items (open ones by default)."""
    forbid_unless(request, "lexicons.view_notices")
    rows = flags_visible_to(request.user).select_related("item", "revision")
    if open_only:
        rows = rows.filter(resolved_at__isnull=True)
    return [{"id": f.pk, "item": f.item_id, "title": f.item.title, "revision": f.revision.content_hash,
             "findings": f.findings, "created_at": f.created_at, "resolved_at": f.resolved_at,
             "resolution": f.resolution} for f in rows[:limit]]


class FindingRefIn(Schema):
    """The finding the phrase was seen in (as the item's findings panel names it)."""

    text: Annotated[str, Field(max_length=200)] = ""
    rule: Annotated[str, Field(max_length=200)] = ""
    category: Annotated[str, Field(max_length=200)] = ""
    key: Annotated[str, Field(max_length=200)] = ""


class ProposalIn(Schema):
    """白名单建议 A phrase seen in a finding on an item, proposed for the allow-list."""

    item: Annotated[int, Field(ge=1, le=DB_MAX_ID, description="稿件编号 Item id")]
    phrase: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\t\r\n]+$",
                                 description="短语 Phrase to allow-list")]
    reason: Annotated[str, Field(min_length=1, max_length=200, description="理由 Why it is a false positive")]
    finding: FindingRefIn | None = None


class DeclineIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=200, description="不采纳理由 Told to the proposer")]


class ProposalOut(Schema):
    id: int
    phrase: str
    reason: str
    item: int
    finding: dict
    status: str
    proposed_by: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decline_reason: str
    allow: int | None


def proposal_out(p: AllowProposal) -> dict:
    return {"id": p.pk, "phrase": p.phrase, "reason": p.reason, "item": p.item_id, "finding": p.finding,
            "status": p.status, "proposed_by": p.proposed_by.get_username(), "created_at": p.created_at,
            "decided_by": p.decided_by.get_username() if p.decided_by else None, "decided_at": p.decided_at,
            "decline_reason": p.decline_reason, "allow": p.allow_id}


@lexicons_router.get("/allow-proposals", response={200: list[ProposalOut], **REFUSALS},
                     summary="白名单建议列表 List allow-list proposals")
def list_proposals(request, status: Literal[tuple(AllowProposal.Status.values)] | None = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100):
    """管理员看到全部建议，采编人员只看到自己提出的；最新的在前。Administrators see all, proposers their own."""
    rows = AllowProposal.objects.select_related("proposed_by", "decided_by")
    if reason_to_prevent("lexicons.decide_allow", request.user):
        forbid(reason_to_prevent("lexicons.propose_allow", request.user))
        rows = rows.filter(proposed_by=request.user)
    if status:
        rows = rows.filter(status=status)
    return [proposal_out(p) for p in rows[:limit]]


@lexicons_router.post("/allow-proposals", response={201: ProposalOut, **REFUSALS},
                      summary="建议加入白名单 Propose a phrase")
def create_proposal(request, payload: ProposalIn):
    """就某稿件的误报建议加入白名单；同一短语已有待处理建议时拒绝（400）。Refused while one is pending."""
    item = visible_item(request, payload.item, "lexicons.propose_allow")
    finding = payload.finding.model_dump() if payload.finding else None
    with service_refusals(services.LexiconError):
        proposal = propose_allow(request.user, item, payload.phrase, payload.reason, finding, request=request)
    return Status(201, proposal_out(proposal))


def _proposal_to_decide(request, proposal_id: int) -> AllowProposal:
    forbid_unless(request, "lexicons.decide_allow")
    proposal = get_object_or_404(AllowProposal, pk=proposal_id)
    forbid(reason_to_prevent("lexicons.decide_allow", request.user, proposal))
    return proposal


@lexicons_router.post("/allow-proposals/{proposal_id}/accept", response={200: ProposalOut, **REFUSALS},
                      summary="采纳白名单建议 Accept")
def accept(request, proposal_id: Id):
    """加入白名单（生成新的规则版本并复查），通知建议人。Adds the phrase as a manual entry would."""
    proposal = _proposal_to_decide(request, proposal_id)
    with service_refusals(services.LexiconError):
        proposal = accept_proposal(proposal, request.user, request=request)
    return proposal_out(proposal)


@lexicons_router.post("/allow-proposals/{proposal_id}/decline", response={200: ProposalOut, **REFUSALS},
                      summary="不采纳白名单建议 Decline")
def decline(request, proposal_id: Id, payload: DeclineIn):
    """不采纳，理由告知建议人。The reason is sent to the proposer."""
    proposal = _proposal_to_decide(request, proposal_id)
    with service_refusals(services.LexiconError):
        proposal = decline_proposal(proposal, request.user, payload.reason, request=request)
    return proposal_out(proposal)
