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
from .corrections import apply_fixes, dismiss_finding
from .diff import char_diff
from .forms import AttachmentForm, ItemForm, SourceForm
from .models import FindingDismissal, Item, Source
from .panel import panel_context, requested_choices
from .services import ContentError, attach_file, create_item, edit_item
from sanshen.review.services import submit_item


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
    return item_page(request, item)


def item_page(request, item: Item, panel: dict | None = None, status: int = 200):
    """The item page; `panel` is the findings panel as a refused action left it (what was typed kept)."""
    user = request.user
    flow.load_progress(with_states([item]))
    record_sensitive_view(item, user, request)
    report = flow.latest_report(item)
    may_edit = reason_to_prevent("content.edit_item", user, item) is None
    approvals = flow.approvals(item)
    next_stage = flow.next_stage(item)
    stages = [{"stage": s, "decision": approvals.get(s.pk), "is_next": next_stage is not None and s.pk == next_stage.pk}
              for s in flow.required_stages(item)]
    signers = flow.people_for_stage(next_stage, item) if next_stage and item.status == Item.Status.IN_REVIEW else []
    return render(request, "content/item.html", {
        "item": item, "revision": item.current_revision,
        **(panel or panel_context(item, report, user)),
        "stages": stages, "signers": signers,
        "may_edit": may_edit, "may_submit": reason_to_prevent("content.submit_item", user, item) is None,
        "attachment_form": AttachmentForm() if may_edit else None,
        "review_links": review_links(item, user),
        "revisions": item.revisions.select_related("created_by").order_by("-number"),
        "decisions": item.decisions.select_related("person").order_by("signed_at", "id"),
        "history": history(item),
        "publications": item.publications.select_related("channel", "published_by", "retracted_by"),
        "timeliness": timeliness(item),
    }, status=status)


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


# ---- the findings panel: fixes chosen in place, saved as one revision; dismissals; overrides ----------------

def panel_answer(request, item: Item, choices, *, notice: str = "", error: str = "", typed: dict | None = None):
    """After a panel action: with htmx only the panel is drawn again (the reader keeps their place);
    without it, the item page (on a refusal, with what was typed), or back to the findings."""
    panel = panel_context(item, flow.latest_report(item), request.user, choices)
    for row in panel["panel"].rows:
        row.typed = (typed or {}).get(row.key, "")
    if request.htmx:
        return render(request, "content/_panel.html", {"item": item, **panel, "notice": notice, "error": error},
                      status=400 if error else 200)
    if error:
        messages.error(request, error)
        return item_page(request, item, panel, status=400)
    messages.success(request, notice)
    return redirect(item_url(item) + "#screening")


def typed_reasons(post) -> dict[str, str]:
    return {name.partition("|")[2]: value for name, value in post.items() if name.startswith("reason|")}


@require_POST
@item_action("content.view_item")
def item_panel(request, item):
    """Choose or withdraw a fix (采用建议, 脱敏, 全部采用, 撤销): nothing is saved until 保存修改."""
    return panel_answer(request, item, requested_choices(request.POST), typed=typed_reasons(request.POST))


@require_POST
@item_action("content.view_item")
def item_fixes(request, item):
    """保存修改: every chosen fix (and the one clicked, without htmx) in one new revision."""
    panel = panel_context(item, flow.latest_report(item), request.user, requested_choices(request.POST))["panel"]
    try:
        saved, fixes = apply_fixes(item, request.user, [(f.key, f.kind) for f in panel.fixes], request=request)
    except ContentError as error:
        return panel_answer(request, item, [], error=str(error))
    messages.success(request, _("已修改 %(n)s 处（第 %(number)s 版）：%(list)s。") % {
        "n": len(fixes), "number": saved.current_revision.number,
        "list": "；".join(_("“%(old)s”改为“%(new)s”") % {"old": f.old, "new": f.new} for f in fixes)})
    return redirect(item_url(saved) + "#screening")


@require_POST
@item_action("content.view_item")
def item_dismiss(request, item):
    """忽略 / 忽略同类 one warning with a reason; the chosen fixes stay chosen."""
    scope, _bar, key = request.POST.get("dismiss", "").partition("|")
    typed = typed_reasons(request.POST)
    choices = requested_choices(request.POST)
    try:
        dismissal = dismiss_finding(item, request.user, key, typed.get(key, ""), scope or FindingDismissal.Scope.ONE,
                                    request=request)
    except ContentError as error:
        return panel_answer(request, item, choices, error=str(error), typed=typed)
    typed.pop(key, None)
    return panel_answer(request, item, choices, typed=typed, notice=_("已忽略“%(text)s”（%(scope)s），理由已记录，审核人可见。")
                        % {"text": dismissal.text, "scope": dismissal.get_scope_display()})


@require_POST
@item_action("content.view_item")
def item_override(request, item):
    """确认保留: a reviewer lets a blocking finding stand, with a reason."""
    key = request.POST.get("override", "")
    typed = typed_reasons(request.POST)
    choices = requested_choices(request.POST)
    try:
        override_finding(item, request.user, key, typed.get(key, ""), request=request)
    except ContentError as error:
        return panel_answer(request, item, choices, error=str(error), typed=typed)
    typed.pop(key, None)
    return panel_answer(request, item, choices, typed=typed, notice=_("已确认保留该项，理由已记录。"))


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
