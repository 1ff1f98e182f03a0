"""Item pages (稿件页面): my items, the item form, the item page with findings, revisions, diff and history.

Every change goes through content.services / review.services; every refusal comes from the permission
module or a service, shown in Chinese.
"""


from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, UpdateView

from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.action_names import action_name
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.item_state import with_states
from sanshen.publishing.services import PENDING
from sanshen.publishing.timeliness import timeliness
from sanshen.review import flow
from sanshen.review.services import decision_refusal, override_finding
from sanshen.web.mixins import ActionRequiredMixin, AuditedFormMixin, action_required, say_form_kept

from .access import item_action, record_sensitive_view
from .diff import char_diff
from .forms import AttachmentForm, ItemForm, OverrideForm, SourceForm, item_input
from .highlight import apply_suggestion, finding_title, in_context, marked
from .models import Item, Source
from .services import ContentError, attach_file, create_item, edit_item, submit_item

FIXABLE_PARTS = ("title", "body")


def optional_url(name: str, *args) -> str:
    """The URL of a page another app may not have registered yet, or ""."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def item_url(item: Item) -> str:
    return reverse("content:item", args=[item.pk])


# ---- my items and the item form ---------------------------------------------------------------

MY_ITEMS_PAGE_SIZE = 25


@action_required("content.create_item")
def my_items(request):
    """我的稿件: the author's items, newest first, a page at a time, each with the stage it waits at."""
    items = (Item.objects.filter(author=request.user).select_related("current_revision", "department")
             .order_by("-created_at", "-pk"))
    page = Paginator(items, MY_ITEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [
        {"item": item, "waiting": flow.next_stage(item) if item.status == Item.Status.IN_REVIEW else None}
        for item in with_states(flow.load_progress(page.object_list))]
    return render(request, "content/my_items.html", {"page": page})


@action_required("content.create_item")
def item_create(request):
    return item_form(request, None)


@item_action("content.edit_item")
def item_edit(request, item):
    return item_form(request, item)


def item_form(request, item: Item | None):
    """New or edit (新建/修改稿件): services validate; a refusal goes on the form and nothing typed is lost."""
    initial = ItemForm.initial_for(item) if item else None
    form = ItemForm(request.POST or None, request.FILES or None, person=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                saved = create_item(request.user, form.item_input(), request=request)
            else:
                saved = edit_item(item, request.user, form.item_input(), request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已保存（第 %(n)s 版）。") % {"n": saved.current_revision.number})
            return redirect(item_url(saved))
    if request.method == "POST":
        say_form_kept(request)
    return render(request, "content/item_form.html", {"form": form, "item": item})


# ---- the item page ----------------------------------------------------------------------------

def finding_rows(item: Item, report, may_edit: bool) -> list[dict]:
    """Each finding with its severity, where it is, whether a reviewer let it stand and whether it can be fixed."""
    if report is None:
        return []
    revision = report.revision
    texts = {"title": revision.title, "body": revision.body}
    attachments = list(revision.attachments.all())
    texts.update({f"attachment:{a.pk}": a.text for a in attachments})
    names = {f"attachment:{a.pk}": a.filename for a in attachments}
    open_keys = {flow.finding_key(f) for f in flow.unresolved_blocking(item, report)}
    rows = []
    for finding in report.findings:
        key, part = flow.finding_key(finding), finding["part"]
        text = texts.get(part, "")
        rows.append({
            **finding, "key": key,
            "where": _("标题") if part == "title" else _("正文") if part == "body" else names.get(part, part),
            "context": in_context(text, finding["start"], finding["end"]), "title_text": finding_title(finding),
            "open_block": key in open_keys, "overridden": finding["severity"] == "block" and key not in open_keys,
            "fixable": may_edit and part in FIXABLE_PARTS and apply_suggestion(text, finding) is not None,
        })
    return rows


def review_links(item: Item, user) -> list[tuple[str, str]]:
    """Links to the review pages this person may use on this item (the review app builds those pages)."""
    links = []
    if decision_refusal(item, user) is None:
        links.append((_("审核签署"), optional_url("review:decide", item.pk)))
    if reason_to_prevent("review.emergency_approve", user, item) is None:
        links.append((_("应急审核"), optional_url("review:emergency", item.pk)))
    if reason_to_prevent("review.request_secrecy", user, item) is None:
        links.append((_("提请保密审查"), optional_url("review:secrecy_request", item.pk)))
    links.append((_("审核单"), optional_url("review:sheet", item.pk)))
    if item.status == Item.Status.APPROVED and reason_to_prevent("publishing.publish", user, item) is None:
        links.append((_("发布"), optional_url("publishing:publish", item.pk)))
    if item.publications.filter(status__in=PENDING).exists() and reason_to_prevent("publishing.retract", user, item) is None:
        links.append((_("撤回"), optional_url("publishing:retract", item.pk)))
    return [(label, url) for label, url in links if url]


def history(item: Item) -> list[dict]:
    entries = (AuditEntry.objects.filter(object_type="content.item", object_id=str(item.pk))
               .select_related("actor").order_by("seq"))
    return [{"entry": e, "label": history_label(e)} for e in entries]


def history_label(entry: AuditEntry) -> str:
    """The step as people name it: a signature that sends the item back is a 退回, not a 审核签字."""
    if entry.action == "review.decision_signed" and entry.details.get("verdict") == "reject":
        return _("退回")
    return action_name(entry.action)


@item_action("content.view_item")
def item_detail(request, item):
    user = request.user
    flow.load_progress(with_states([item]))
    record_sensitive_view(item, user, request)
    report = flow.latest_report(item)
    may_edit = reason_to_prevent("content.edit_item", user, item) is None
    findings = finding_rows(item, report, may_edit)
    approvals = flow.approvals(item)
    next_stage = flow.next_stage(item)
    stages = [{"stage": s, "decision": approvals.get(s.pk), "is_next": next_stage is not None and s.pk == next_stage.pk}
              for s in flow.required_stages(item)]
    signers = flow.people_for_stage(next_stage, item) if next_stage and item.status == Item.Status.IN_REVIEW else []
    body_findings = [f for f in report.findings if f["part"] == "body"] if report else []
    return render(request, "content/item.html", {
        "item": item, "revision": item.current_revision, "report": report,
        "counts": report.counts() if report else None,
        "body_html": marked(report.revision.body, body_findings) if report else None,
        "findings": findings,
        "open_blocks": [f for f in findings if f["open_block"]],
        "may_override": reason_to_prevent("review.override_finding", user, item) is None,
        "stages": stages, "signers": signers,
        "may_edit": may_edit, "may_submit": reason_to_prevent("content.submit_item", user, item) is None,
        "attachment_form": AttachmentForm() if may_edit else None,
        "review_links": review_links(item, user),
        "revisions": item.revisions.select_related("created_by").order_by("-number"),
        "decisions": item.decisions.select_related("person").order_by("signed_at", "id"),
        "history": history(item),
        "publications": item.publications.select_related("channel", "published_by", "retracted_by"),
        "timeliness": timeliness(item),
    })


@require_POST
@item_action("content.view_item")
def item_submit(request, item):
    before = item.get_sensitivity_display()
    try:
        report = submit_item(item, request.user, request=request)
    except ContentError as error:
        messages.error(request, str(error))
        return redirect(item_url(item))
    item.refresh_from_db(fields=["sensitivity"])
    if item.get_sensitivity_display() != before:
        messages.warning(request, _("正文含密级标志，稿件密级已由“%(before)s”调整为“%(after)s”：只有登记了保密承诺书的人员"
                                    "可以审核。") % {"before": before, "after": item.get_sensitivity_display()})
    counts = report.counts()
    if counts["block"]:
        messages.warning(request, _("已提交审核。筛查发现 %(total)s 项问题，其中 %(block)s 项须修改，审核人签署前须修改或由审核人确认保留。")
                         % {"total": len(report.findings), "block": counts["block"]})
    elif report.findings:
        messages.success(request, _("已提交审核。筛查发现 %(total)s 项提醒，请核对。") % {"total": len(report.findings)})
    else:
        messages.success(request, _("已提交审核，筛查未发现问题。"))
    return redirect(item_url(item))


@require_POST
@item_action("content.view_item")
def item_attach(request, item):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect(item_url(item))
    upload = form.cleaned_data["file"]
    try:
        attach_file(item, request.user, upload.name, upload.read(), request=request)
    except ContentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已上传附件“%(name)s”，稿件已生成新版本，须重新提交审核。") % {"name": upload.name})
    return redirect(item_url(item))


@item_action("content.view_item")
def attachment_download(request, item, attachment_pk):
    """An attachment, only to those who may see its item (files are not served publicly)."""
    attachment = get_object_or_404(item.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename)


@require_POST
@item_action("content.view_item")
def item_apply_suggestion(request, item):
    """采用建议: replace exactly the finding's span with its suggestion, as a new revision."""
    report = flow.latest_report(item)
    key = request.POST.get("key", "")
    finding = next((f for f in (report.findings if report else []) if flow.finding_key(f) == key), None)
    if finding is None or finding["part"] not in FIXABLE_PARTS:
        messages.error(request, _("没有找到这项筛查结果，可能稿件已修改。"))
        return redirect(item_url(item))
    fixed = apply_suggestion(getattr(item, finding["part"]), finding)
    if fixed is None:
        messages.error(request, _("该处文字已修改，建议不再适用。"))
        return redirect(item_url(item))
    try:
        saved = edit_item(item, request.user, item_input(item, **{finding["part"]: fixed}), request=request)
    except ContentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已将“%(old)s”改为“%(new)s”（第 %(n)s 版）。")
                         % {"old": finding["text"], "new": finding["suggestion"], "n": saved.current_revision.number})
    return redirect(item_url(item))


@require_POST
@item_action("content.view_item")
def item_override(request, item):
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请写明保留该项的理由。"))
        return redirect(item_url(item))
    try:
        override_finding(item, request.user, form.cleaned_data["key"], form.cleaned_data["reason"], request=request)
    except ContentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已确认保留该项，理由已记录。"))
    return redirect(item_url(item))


@item_action("content.view_item")
def item_diff(request, item):
    """版本比较: any two revisions, character by character."""
    revisions = list(item.revisions.order_by("number"))
    by_number = {r.number: r for r in revisions}
    latest = revisions[-1].number
    try:
        a = int(request.GET.get("a", max(latest - 1, 1)))
        b = int(request.GET.get("b", latest))
    except ValueError:
        raise Http404 from None
    if a not in by_number or b not in by_number:
        raise Http404
    old, new = by_number[a], by_number[b]
    return render(request, "content/diff.html", {
        "item": item, "old": old, "new": new, "revisions": revisions,
        "title_diff": char_diff(old.title, new.title), "body_diff": char_diff(old.body, new.body),
        "same": old.content_hash == new.content_hash,
    })


# ---- approved sources -------------------------------------------------------------------------

class SourceList(ActionRequiredMixin, ListView):
    """稿源单位: the sources reposts may name (C3)."""

    action = "content.manage_sources"
    model = Source
    template_name = "content/source_list.html"


class SourceEdit(ActionRequiredMixin, AuditedFormMixin, UpdateView):
    action = "content.manage_sources"
    audit_action = "content.source_saved"
    model = Source
    form_class = SourceForm
    template_name = "content/source_form.html"
    success_url = reverse_lazy("content:sources")


class SourceCreate(SourceEdit, CreateView):
    def get_object(self, queryset=None):
        return None
