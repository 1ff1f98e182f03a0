"""The review sheet (信息发布审核单) and the filing form (发布审查备案表), 002§6, as a page and as PDF.

`review_sheet_context(item)` gathers everything both show — the HTML page and the PDFs read the same
dict, so they never disagree. The PDFs embed the CJK font of `sheet_font` (SANSHEN_PDF_FONT).
"""

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sanshen.content.models import FindingOverride, Item
from sanshen.core.severity import SEVERITY_LABELS
from sanshen.org.models import Department
from sanshen.publishing.models import Publication

from . import flow
from .models import Decision
from .sheet_font import pdf_font

BODY_LIMIT = 6000  # characters of the body printed on the sheet (about three pages); the rest is named, not printed


# ---------------------------------------------------------------- what the sheet says


@dataclass(frozen=True)
class Check:
    label: str
    confirmed: bool


@dataclass(frozen=True)
class StageRow:
    """One required stage and the signature that stands for it (审核签字), or 待签."""

    stage: str
    role: str
    signed: bool
    signer: str = ""
    verdict: str = ""
    opinion: str = ""
    checks: tuple[Check, ...] = ()
    proofread: bool = False
    signed_at: str = ""
    revision_hash: str = ""
    emergency: bool = False


@dataclass(frozen=True)
class PastDecision:
    """A signature that no longer counts (已作废) or a rejection (退回) on the current revision."""

    stage: str
    signer: str
    verdict: str
    opinion: str
    signed_at: str
    revision_hash: str
    reason: str = ""
    voided_at: str = ""


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def body_name(item: Item) -> str:
    """The body the sheet is issued by: the top of the item's department tree, else a setting, else ""."""
    department: Department = item.department
    top = department
    while top.parent_id is not None:
        top = top.parent
    if top != department:
        return top.name
    return getattr(settings, "SANSHEN_BODY_NAME", "")


def repost_source(item: Item) -> str:
    if not item.is_repost:
        return _("原创（非转载）")
    source = str(item.source) if item.source else _("（未注明稿源单位）")
    author = item.source_author or _("（未注明原作者）")
    return _("%(source)s，原作者：%(author)s") % {"source": source, "author": author}


def channel_names(item: Item) -> str:
    return "、".join(str(c) for c in item.channels.all()) or _("（未选择）")


def reviewed_content(item: Item) -> dict:
    """The reviewed revision's text (审核稿正文): title, paragraphs up to BODY_LIMIT, attachments, what is left off."""
    revision = item.current_revision
    lines = [line.strip() for line in revision.body.splitlines() if line.strip()]
    total = sum(map(len, lines))
    paragraphs, room = [], BODY_LIMIT
    for line in lines:
        if room <= 0:
            break
        paragraphs.append(line if len(line) <= room else line[:room] + "……")
        room -= len(line)
    omitted = ""
    if total > BODY_LIMIT:
        omitted = _("正文共 %(total)s 字，以上印出前 %(shown)s 字，其余从略；完整内容以系统中修订版本 v%(number)s"
                    "（内容哈希 %(hash)s）为准。") % {"total": total, "shown": BODY_LIMIT, "number": revision.number,
                                                "hash": revision.content_hash}
    return {"title": revision.title, "paragraphs": paragraphs, "omitted": omitted,
            "attachments": [a.filename for a in revision.attachments.all()]}


def by_time(label: str, publications, field: str) -> list[str]:
    """One line per moment, naming the channels that go (or went) out then: 定时发布：2026-11-26 09:30（…、…）."""
    channels: dict[str, list[str]] = {}
    for publication in publications.order_by(field, "id"):
        channels.setdefault(when(getattr(publication, field)), []).append(str(publication.channel))
    return [_("%(label)s：%(at)s（%(channels)s）") % {"label": label, "at": at, "channels": "、".join(names)}
            for at, names in channels.items()]


def planned_publication(item: Item) -> str:
    """拟发布时间 of the filing form: when the reviewed revision is scheduled to go out or went out, and where."""
    ours = item.publications.filter(revision=item.current_revision).select_related("channel")
    lines = (by_time(_("定时发布"), ours.filter(status=Publication.Status.SCHEDULED), "scheduled_for")
             + by_time(_("已发布"), ours.filter(published_at__isnull=False), "published_at"))
    if lines:
        return "\n".join(lines)
    if item.status == Item.Status.APPROVED:
        return _("未定（审核已通过，尚未安排发布）")
    if item.status == Item.Status.REFUSED:
        return _("不予发布")
    return _("审核通过后发布")


def item_facts(item: Item) -> list[tuple[str, str]]:
    return [
        (_("标题"), item.title),
        (_("类别"), item.get_category_display()),
        (_("部门"), item.department.name),
        (_("起草人"), str(item.author)),
        (_("发布渠道"), channel_names(item)),
        (_("敏感程度"), item.get_sensitivity_display()),
        (_("事件日期"), item.event_date.isoformat() if item.event_date else ""),
        (_("转载来源"), repost_source(item)),
        (_("状态"), item.get_status_display()),
        (_("提交时间"), when(item.submitted_at)),
    ]


def screening_summary(item: Item) -> dict | None:
    """The latest screening of the current revision: when, rule set, counts, what still blocks, overrides."""
    report = flow.latest_report(item)
    if report is None:
        return None
    counts = report.counts()
    by_key = {flow.finding_key(f): f for f in report.findings}
    overrides = FindingOverride.objects.filter(item=item, content_hash=report.revision.content_hash) \
        .select_related("by").order_by("at")
    return {
        "ran_at": when(report.ran_at),
        "trigger": report.get_trigger_display(),
        "ruleset_version": report.ruleset_version,
        "counts": [(SEVERITY_LABELS[severity], counts[severity]) for severity in ("block", "warn", "info")],
        "unresolved": [_("“%(text)s”：%(message)s") % {"text": f["text"], "message": f.get("message", "")}
                       for f in flow.unresolved_blocking(item, report)],
        "overrides": [{"finding": by_key[o.finding_key]["text"] if o.finding_key in by_key else o.finding_key,
                       "reason": o.reason, "by": str(o.by), "at": when(o.at)} for o in overrides],
    }


def stage_row(stage, decision: Decision | None) -> StageRow:
    if decision is None:
        return StageRow(stage=stage.name, role=stage.get_role_display(), signed=False)
    return StageRow(
        stage=stage.name, role=stage.get_role_display(), signed=True, signer=str(decision.person),
        verdict=decision.get_verdict_display(), opinion=decision.opinion,
        checks=tuple(Check(str(label), bool(decision.checklist.get(key))) for key, label in stage.checklist_items()),
        proofread=decision.proofread, signed_at=when(decision.signed_at), revision_hash=decision.content_hash[:12],
        emergency=decision.emergency)


def past_decision(decision: Decision, voided: bool = False) -> PastDecision:
    return PastDecision(
        stage=decision.stage_name, signer=str(decision.person), verdict=decision.get_verdict_display(),
        opinion=decision.opinion, signed_at=when(decision.signed_at), revision_hash=decision.content_hash[:12],
        reason=(decision.void_reason or _("所签版本已被修改")) if voided else "", voided_at=when(decision.voided_at))


def review_sheet_context(item: Item) -> dict:
    """Everything the review sheet and the filing form show, in display form."""
    revision = item.current_revision
    signed = flow.approvals(item)
    valid_ids = {d.pk for d in flow.valid_decisions(item)}
    decisions = list(item.decisions.select_related("person").order_by("signed_at", "id"))
    name = body_name(item)
    secrecy = [secrecy_entry(r) for r in
               item.secrecy_requests.select_related("asked_by", "answered_by").order_by("asked_at", "id")]
    return {
        "item": item,
        "body_name": name,
        "sheet_title": _("%(body)s信息发布审核单") % {"body": name} if name else _("信息发布审核单"),
        "form_title": _("%(body)s信息发布审查备案表") % {"body": name} if name else _("信息发布审查备案表"),
        "facts": item_facts(item),
        "content": reviewed_content(item),
        "planned_publication": planned_publication(item),
        "revision": {"number": revision.number, "content_hash": revision.content_hash,
                     "short_hash": revision.short_hash, "created_at": when(revision.created_at)},
        "escalation_reasons": list(item.escalation_reasons),
        "screening": screening_summary(item),
        "stages": [stage_row(stage, signed.get(stage.pk)) for stage in flow.required_stages(item)],
        "rejections": [past_decision(d) for d in decisions
                       if d.pk in valid_ids and d.verdict == Decision.Verdict.REJECT],
        "voided": [past_decision(d, voided=True) for d in decisions if d.pk not in valid_ids],
        "emergencies": [emergency_entry(e) for e in
                        item.emergency_approvals.select_related("approved_by").order_by("approved_at")],
        "secrecy": secrecy,
        "secrecy_opinion": secrecy_opinion(secrecy, signed.values()),
        "printed_at": when(timezone.now()),
    }


def emergency_entry(approval) -> dict:
    return {
        "by": str(approval.approved_by), "role": approval.get_role_display(), "at": when(approval.approved_at),
        "revision_hash": approval.content_hash[:12], "consultation": approval.consultation,
        "reason": approval.reason, "completed": approval.completed_at is not None,
        "completion": _("补签已完成（%(at)s）") % {"at": when(approval.completed_at)} if approval.completed_at
        else _("补签未完成"),
    }


def secrecy_entry(request) -> dict:
    """One secrecy determination (保密审查): the question, who asked, the deadline and the conclusion."""
    overdue = request.is_open and timezone.localdate() > request.due_on
    if request.answer:
        conclusion = _("%(answer)s。%(text)s（%(who)s，%(at)s）") % {
            "answer": request.get_answer_display(), "text": request.answer_text, "who": request.answered_by,
            "at": when(request.answered_at)}
    else:
        conclusion = _("逾期未答复") if overdue else _("待答复")
    return {"question": request.question, "asked_by": str(request.asked_by), "asked_at": when(request.asked_at),
            "due_on": request.due_on.isoformat(), "overdue": overdue, "answered": bool(request.answer),
            "conclusion": conclusion}


def secrecy_opinion(secrecy: list[dict], approvals) -> str:
    """保密审查意见 for the filing form: the determinations if any, else what the reviewers confirmed."""
    answered = [entry["conclusion"] for entry in secrecy if entry["answered"]]
    if answered:
        return "；".join(answered)
    if secrecy:
        return _("已提请保密审查，尚未答复。")
    confirmed = [d.stage_name for d in approvals if d.checklist.get("no_secret") or d.checklist.get("declassified")]
    if confirmed:
        return _("%(stages)s审核人已确认不涉及秘密事项；未提请专门保密审查。") % {"stages": "、".join(confirmed)}
    return ""


# ---------------------------------------------------------------- PDF


def styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cjk", fontName=pdf_font(), fontSize=9.5, leading=13.5, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=8.5, alignment=TA_CENTER,
                                   textColor=colors.HexColor("#555555"), spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=16, spaceBefore=9, spaceAfter=4,
                             keepWithNext=1),
        "cell": base,
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#333333")),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "body_title": ParagraphStyle("body_title", parent=base, fontSize=13, leading=19, alignment=TA_CENTER,
                                     spaceBefore=2, spaceAfter=6),
        "body": ParagraphStyle("body", parent=base, fontSize=10.5, leading=17, firstLineIndent=21, spaceAfter=3),
        "omitted": ParagraphStyle("omitted", parent=base, textColor=colors.HexColor("#a4161a"), spaceBefore=6),
    }


# Characters the CJK fonts may lack (STSong-Light the middle dot of 网站栏目 · 通知公告 and of names like
# 阿依古丽·买买提, WenQuanYi the bullet), mapped to ones they have.
GLYPHS = str.maketrans({"\u00b7": "\u30fb", "\u2022": "\u30fb", "\u2027": "\u30fb", "\uff65": "\u30fb",
                        "\u00a0": " "})


def glyphs(value: str) -> str:
    return str(value).replace(" \u00b7 ", "\u00b7").translate(GLYPHS)


def text(value: str) -> str:
    """User text made safe for a reportlab Paragraph (which reads markup), line breaks kept."""
    return escape(glyphs(value)).replace("\n", "<br/>")


GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#444444")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
])
LABEL_COLUMN = TableStyle([("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0"))])
HEADER_ROW = TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0"))])
WIDTH = A4[0] - 36 * mm


def table(rows, widths, *extra) -> Table:
    """A grid whose cells are wrapped CJK paragraphs; `widths` are fractions of the printable width."""
    t = Table(rows, colWidths=[WIDTH * w for w in widths], repeatRows=0)
    t.setStyle(GRID)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), pdf_font())]))  # else cells switch to Helvetica
    for style in extra:
        t.setStyle(style)
    return t


def pdf(story, title: str, footer: str) -> bytes:
    buffer, font = BytesIO(), pdf_font()

    def page_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(18 * mm, 10 * mm, glyphs(footer))
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, _("第 %(page)s 页") % {"page": doc.page})
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=title, author="Sanshen", initialFontName=font)
    doc.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return buffer.getvalue()


def facts_table(pairs, s) -> Table:
    """Label/value pairs laid out two pairs per row."""
    cells = [[Paragraph(text(label), s["label"]), Paragraph(text(value), s["cell"])] for label, value in pairs]
    if len(cells) % 2:
        cells.append([Paragraph("", s["cell"]), Paragraph("", s["cell"])])
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    shade = TableStyle([("BACKGROUND", (c, 0), (c, -1), colors.HexColor("#f0f0f0")) for c in (0, 2)])
    return table(rows, [0.13, 0.37, 0.13, 0.37], shade)


def labelled(rows, s, heading: str = "") -> KeepTogether:
    """A two-column label/value block (under its section heading, if given), kept on one page."""
    block = [table([[Paragraph(text(k), s["label"]), Paragraph(text(v), s["cell"])] for k, v in rows],
                   [0.2, 0.8], LABEL_COLUMN), Spacer(1, 3 * mm)]
    return KeepTogether(([Paragraph(heading, s["h2"])] if heading else []) + block)


def sign_here() -> str:
    """The line a reviewer signs by hand on the printed sheet (手写签字), besides the electronic signature."""
    return _("审核人签字：________________　日期：______年____月____日")


def stage_cells(row: StageRow, s) -> list:
    head = Paragraph(text(f"{row.stage}\n{row.role}"), s["cell"])
    if not row.signed:
        return [head, Paragraph(_("待签"), s["cell"]), "", "", ""]
    verdict = row.verdict + (_("（应急补签）") if row.emergency else "")
    checks = "<br/>".join(("√ " if c.confirmed else "× ") + text(c.label) for c in row.checks)
    proofread = _("√ 已完成校对") if row.proofread else _("× 未确认校对")
    return [head, Paragraph(text(row.signer), s["cell"]),
            Paragraph(f'<font color="#a4161a">{text(verdict)}</font><br/>{text(row.opinion)}', s["cell"]),
            Paragraph(f"{checks}<br/>{proofread}", s["small"]),
            Paragraph(text(f"{row.signed_at}\n{row.revision_hash}"), s["small"])]


def screening_section(screening: dict | None, s) -> list:
    if screening is None:
        return [Paragraph(_("技术筛查"), s["h2"]), Paragraph(_("当前版本尚未筛查。"), s["cell"])]
    rows = [(_("筛查时间"), f"{screening['ran_at']}（{screening['trigger']}）"),
            (_("规则版本"), screening["ruleset_version"]),
            (_("结果"), "，".join(f"{label} {n}" for label, n in screening["counts"])),
            (_("未处理的须修改项"), "\n".join(screening["unresolved"]) or _("无"))]
    rows += [(_("人工确认保留"), _("“%(finding)s”：%(reason)s（%(by)s，%(at)s）") % o) for o in screening["overrides"]]
    return [labelled(rows, s, _("技术筛查"))]


def signature_section(c: dict, s) -> list:
    """The stage rows, then rejections on this revision, then the signatures that no longer count."""
    header = [Paragraph(text(h), s["label"]) for h in
              (_("环节"), _("审核人"), _("结论与意见"), _("审核要点与校对"), _("签署时间与版本"))]
    rows, spans = [header], []
    for row in c["stages"]:
        top = len(rows)
        rows += [stage_cells(row, s), ["", Paragraph(text(sign_here()), s["cell"]), "", "", ""]]
        spans += [("SPAN", (0, top), (0, top + 1)), ("SPAN", (1, top + 1), (-1, top + 1)),
                  ("TOPPADDING", (1, top + 1), (-1, top + 1), 9), ("BOTTOMPADDING", (1, top + 1), (-1, top + 1), 6)]
        if not row.signed:
            spans.append(("SPAN", (1, top), (-1, top)))
    out = [Paragraph(_("审核签字"), s["h2"]),
           table(rows, [0.12, 0.13, 0.33, 0.26, 0.16], HEADER_ROW, TableStyle(spans))]
    if c["rejections"]:
        out.append(Paragraph(_("退回记录"), s["h2"]))
        out += [Paragraph(text(_("%(stage)s，%(signer)s，%(at)s：%(opinion)s") % {
            "stage": d.stage, "signer": d.signer, "at": d.signed_at, "opinion": d.opinion}), s["cell"])
            for d in c["rejections"]]
    if c["voided"]:
        out.append(Paragraph(_("已作废的签字"), s["h2"]))
        out += [Paragraph(text(_("已作废：%(stage)s，%(signer)s，%(verdict)s：%(opinion)s，%(at)s，版本 %(hash)s；"
                                 "原因：%(reason)s（%(voided_at)s）") % {
            "stage": d.stage, "signer": d.signer, "verdict": d.verdict, "opinion": d.opinion, "at": d.signed_at,
            "hash": d.revision_hash,
            "reason": d.reason, "voided_at": d.voided_at}), s["small"]) for d in c["voided"]]
    return out


def emergency_section(emergencies: list[dict], s) -> list:
    return [labelled((
        (_("批准人"), _("%(by)s（%(role)s），%(at)s，版本 %(hash)s") % {
            "by": e["by"], "role": e["role"], "at": e["at"], "hash": e["revision_hash"]}),
        (_("请示主要领导情况"), e["consultation"]), (_("应急理由"), e["reason"]), (_("补签"), e["completion"])),
        s, _("应急审核") if i == 0 else "") for i, e in enumerate(emergencies)]


def secrecy_section(secrecy: list[dict], s) -> list:
    return [labelled((
        (_("需确定的问题"), q["question"]), (_("提请"), f"{q['asked_by']}，{q['asked_at']}"),
        (_("答复期限"), q["due_on"]), (_("结论"), q["conclusion"])),
        s, _("保密审查") if i == 0 else "") for i, q in enumerate(secrecy)]


def content_section(content: dict, s) -> list:
    """The reviewed revision's title and body (审核稿正文), on pages of their own after the signatures."""
    out = [PageBreak(), Paragraph(_("附：审核稿正文"), s["h2"]), Paragraph(text(content["title"]), s["body_title"])]
    out += [Paragraph(text(p), s["body"]) for p in content["paragraphs"]] or [Paragraph(_("（无正文）"), s["cell"])]
    if content["attachments"]:
        out.append(Paragraph(text(_("附件：") + "、".join(content["attachments"])), s["cell"]))
    if content["omitted"]:
        out.append(Paragraph(text(content["omitted"]), s["omitted"]))
    return out


def render_review_sheet(item: Item) -> bytes:
    """The review sheet (审核单) as an A4 PDF."""
    c, s = review_sheet_context(item), styles()
    rev = c["revision"]
    story = [
        Paragraph(text(c["sheet_title"]), s["title"]),
        Paragraph(text(_("本单对应修订版本 v%(number)s，内容哈希 %(hash)s") % {
            "number": rev["number"], "hash": rev["content_hash"]}), s["subtitle"]),
        facts_table(c["facts"], s),
    ]
    if c["escalation_reasons"]:
        story.append(Paragraph(text(_("须主要领导终审：") + "；".join(c["escalation_reasons"])), s["small"]))
    story += screening_section(c["screening"], s)
    story += signature_section(c, s)
    story += emergency_section(c["emergencies"], s)
    story += secrecy_section(c["secrecy"], s)
    story += content_section(c["content"], s)
    footer = _("%(title)s　稿件 %(id)s　版本 v%(number)s %(hash)s　打印于 %(at)s") % {
        "title": c["sheet_title"], "id": item.pk, "number": rev["number"], "hash": rev["short_hash"],
        "at": c["printed_at"]}
    return pdf(story, c["sheet_title"], footer)


def render_filing_form(item: Item) -> bytes:
    """The filing form (发布审查备案表, 002§6) as a one-page A4 PDF."""
    c, s = review_sheet_context(item), styles()
    rev = c["revision"]
    submitted = when(item.submitted_at)[:10]
    rows = [
        (_("信息标题"), item.title),
        (_("承办科室"), item.department.name),
        (_("发布渠道"), channel_names(item)),
        (_("拟发布时间"), c["planned_publication"]),
        (_("起草人"), f"{item.author}\u3000\u3000{submitted}".rstrip()),
    ]
    for row in c["stages"]:
        signature = _("电子签名：%(signer)s　%(at)s") % {"signer": row.signer, "at": row.signed_at[:10]} \
            if row.signed else _("待签")
        rows.append((_("%(stage)s审核人（%(role)s）") % {"stage": row.stage, "role": row.role},
                     f"{signature}\n{sign_here()}"))
    rows += [
        (_("保密审查意见"), c["secrecy_opinion"]),
        (_("备注"), "\n".join([_("对应修订版本 v%(number)s，内容哈希 %(hash)s") % {
            "number": rev["number"], "hash": rev["content_hash"]}] + c["escalation_reasons"])),
    ]
    tall = TableStyle([("TOPPADDING", (0, i), (-1, i), 8) for i in range(len(rows))]
                      + [("BOTTOMPADDING", (0, i), (-1, i), 8) for i in range(len(rows))])
    body = table([[Paragraph(text(k), s["label"]), Paragraph(text(v), s["cell"])] for k, v in rows],
                 [0.26, 0.74], LABEL_COLUMN, tall)
    story = [Paragraph(text(c["form_title"]), s["title"]), Spacer(1, 4 * mm), body, Spacer(1, 6 * mm),
             Paragraph(_("填表人：__________________　　　填报日期：______年____月____日"), s["cell"])]
    footer = _("%(title)s　稿件 %(id)s　打印于 %(at)s") % {"title": c["form_title"], "id": item.pk,
                                                         "at": c["printed_at"]}
    return pdf(story, c["form_title"], footer)
