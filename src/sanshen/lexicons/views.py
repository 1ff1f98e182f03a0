"""Pages of the lexicons (词库维护, 关键词提醒, 复查): every change goes through the services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.org.permissions import can, reason_to_prevent
from sanshen.web.mixins import action_required, download, refuse, say_form_kept

from sanshen.content.models import Item

from .allow_proposals import accept_proposal, decline_proposal, propose_allow
from .exporting import export_text
from .forms import (AllowForm, DeclineForm, EntryFilterForm, EntryForm, ImportForm, ProposeAllowForm, ResolveForm,
                    proposal_fields)
from .importing import ImportRefused, parse_import, read_upload
from .models import AllowPhrase, AllowProposal, LexiconEntry, RescreenFlag, RescreenRun, RuleSetVersion
from .rescreen import LEASE, RescreenError, flags_visible_to, resolve_flag, resume_rescreen, start_rescreen
from .services import LexiconError, add_allow, add_entry, edit_entry, import_entries, set_enabled

PAGE = 50
ALLOW_PAGE = 25


def _page(request, queryset, size=PAGE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


# ---- entries ------------------------------------------------------------------------------------------------------

@action_required("lexicons.manage")
def entries(request):
    """词库: every entry, searched and filtered."""
    form = EntryFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    rows = LexiconEntry.objects.select_related("updated_by")
    if data.get("q"):
        rows = rows.filter(word__icontains=data["q"].strip())
    for name in ("category", "severity"):
        if data.get(name):
            rows = rows.filter(**{name: data[name]})
    if data.get("enabled") in ("0", "1"):
        rows = rows.filter(enabled=data["enabled"] == "1")
    typed = {name: request.GET.get(name, "") for name in form.fields}
    return render(request, "lexicons/entries.html", {
        "form": form, "page": _page(request, rows), "query": urlencode({k: v for k, v in typed.items() if v}),
        "enabled_count": LexiconEntry.objects.filter(enabled=True).count(),
        "latest": RuleSetVersion.objects.first()})


@action_required("lexicons.manage")
def entry_create(request):
    return _entry_form(request, None)


@action_required("lexicons.manage")
def entry_edit(request, pk):
    return _entry_form(request, get_object_or_404(LexiconEntry, pk=pk))


def _entry_form(request, entry: LexiconEntry | None):
    initial = entry.snapshot() if entry else None
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        announcement = form.cleaned_data["announcement"]
        try:
            if entry is None:
                add_entry(request.user, form.entry_input(), announcement=announcement, request=request)
                messages.success(request, _("已新增词条，并已生成新的规则版本。"))
            elif edit_entry(entry, request.user, form.entry_input(), announcement=announcement, request=request):
                messages.success(request, _("已保存，并已生成新的规则版本。"))
            else:
                messages.info(request, _("没有改动。"))
            return redirect("lexicons:entries")
        except LexiconError as exc:
            form.add_error(None, str(exc))
    if request.method == "POST":
        say_form_kept(request)
    history = entry.changes.select_related("version", "version__created_by").order_by("-id")[:20] if entry else []
    return render(request, "lexicons/entry_form.html", {"form": form, "entry": entry, "history": history})


@require_POST
@action_required("lexicons.manage")
def entry_enabled(request, pk):
    return _toggle(request, get_object_or_404(LexiconEntry, pk=pk), "lexicons:entries")


@require_POST
@action_required("lexicons.manage")
def allow_enabled(request, pk):
    return _toggle(request, get_object_or_404(AllowPhrase, pk=pk), "lexicons:allow")


def _toggle(request, obj, back: str):
    enabled = request.POST.get("enabled") == "1"
    set_enabled(obj, request.user, enabled, request=request)
    messages.success(request, (_("已启用“%(text)s”。") if enabled else _("已停用“%(text)s”。")) % {"text": obj})
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/lexicons/") else back)


@action_required("lexicons.manage")
def entries_import(request):
    """批量导入: the whole file or nothing, every bad line named."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            lines = parse_import(read_upload(form.cleaned_data["file"]))
            version = import_entries(request.user, lines, announcement=form.cleaned_data["announcement"],
                                     request=request)
        except ImportRefused as exc:
            problems = exc.problems
        else:
            if version is None:
                messages.info(request, _("文件中的%(n)d个词条与现有词库相同，没有改动。") % {"n": len(lines)})
            else:
                messages.success(request, _("已导入：新增或启用%(added)d条，修改%(changed)d条（%(version)s）。") % {
                    "added": version.added, "changed": version.changed, "version": version})
            return redirect("lexicons:entries")
    if request.method == "POST":
        messages.error(request, _("没有导入任何词条，请更正文件后重新选择。") if problems else
                       _("请更正下面标出的错误，您填写的内容已保留。"))
    return render(request, "lexicons/import.html", {"form": form, "problems": problems})


@action_required("lexicons.manage")
def entries_export(request):
    """导出: the enabled entries in the lexicon file format (`sanshen screen --lexicon` reads it)."""
    stamp = timezone.localtime().strftime("%Y%m%d")
    return download(export_text(), "text/plain; charset=utf-8", f"lexicon-{stamp}.txt")


# ---- allow-list ---------------------------------------------------------------------------------------------------

@action_required("lexicons.manage")
def allow(request):
    """白名单: phrases that silence false positives; add one on the same page."""
    form = AllowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_allow(request.user, data["phrase"], data["note"].strip(), announcement=data["announcement"],
                      request=request)
        except LexiconError as exc:
            form.add_error("phrase", str(exc))
        else:
            messages.success(request, _("已加入白名单，并已生成新的规则版本。"))
            return redirect("lexicons:allow")
    if request.method == "POST":
        say_form_kept(request)
    return render(request, "lexicons/allow.html", {
        "form": form, "page": _page(request, AllowPhrase.objects.select_related("created_by"), ALLOW_PAGE)})


# ---- allow-list proposals (白名单建议) -------------------------------------------------------------------------------

@require_POST
@action_required("lexicons.propose_allow")
def allow_propose(request, pk):
    """An editor proposes a phrase from a finding on the item; back to the item, or the form again with the error."""
    item = get_object_or_404(Item, pk=pk)
    reason = reason_to_prevent("lexicons.propose_allow", request.user, item)
    if reason:
        return refuse(request, reason)
    form = ProposeAllowForm(proposal_fields(request.POST))
    if form.is_valid():
        data = form.cleaned_data
        try:
            propose_allow(request.user, item, data["phrase"], data["reason"], form.finding(), request=request)
        except LexiconError as exc:
            form.add_error("phrase", str(exc))
        else:
            messages.success(request, _("已提交白名单建议“%(phrase)s”，管理员处理后会通知您。") % {"phrase": data["phrase"]})
            return redirect("content:item", item.pk)
    say_form_kept(request)
    return render(request, "lexicons/propose_allow.html", {"item": item, "finding": form.finding(),
                                                           "propose_form": form})


@action_required("lexicons.decide_allow")
def allow_proposals(request):
    """白名单建议: pending proposals (oldest first) to accept or decline; with show=all, every one, newest first."""
    show = request.GET.get("show", "pending")
    rows = AllowProposal.objects.select_related("item", "proposed_by", "decided_by", "allow")
    rows = rows.order_by("-id") if show == "all" else rows.filter(status=AllowProposal.Status.PENDING).order_by("id")
    return render(request, "lexicons/allow_proposals.html", {
        "page": _page(request, rows), "show": show, "query": urlencode({"show": show}),
        "pending_count": AllowProposal.objects.filter(status=AllowProposal.Status.PENDING).count()})


def _decide(request, pk, decide):
    proposal = get_object_or_404(AllowProposal, pk=pk)
    reason = reason_to_prevent("lexicons.decide_allow", request.user, proposal)
    if reason:
        messages.error(request, reason)
    else:
        try:
            message = decide(proposal)
        except LexiconError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, message)
    return redirect("lexicons:allow_proposals")


@require_POST
@action_required("lexicons.decide_allow")
def allow_proposal_accept(request, pk):
    def accept(proposal):
        accept_proposal(proposal, request.user, request=request)
        return _("已采纳，“%(phrase)s”已加入白名单，并已生成新的规则版本。") % {"phrase": proposal.phrase}

    return _decide(request, pk, accept)


@require_POST
@action_required("lexicons.decide_allow")
def allow_proposal_decline(request, pk):
    form = DeclineForm(request.POST)

    def decline(proposal):
        if not form.is_valid():
            raise LexiconError(_("请写明不采纳的理由，建议人会收到该理由。"))
        decline_proposal(proposal, request.user, form.cleaned_data["reason"], request=request)
        return _("已不采纳“%(phrase)s”，并已通知建议人。") % {"phrase": proposal.phrase}

    return _decide(request, pk, decline)


# ---- notices (关键词提醒) -------------------------------------------------------------------------------------------

@action_required("lexicons.view_notices")
def notices(request):
    versions = RuleSetVersion.objects.select_related("created_by")
    return render(request, "lexicons/notices.html", {
        "page": _page(request, versions, 20),
        "open_flags": flags_visible_to(request.user).filter(resolved_at__isnull=True).count()})


@action_required("lexicons.view_notices")
def notice(request, pk):
    version = get_object_or_404(RuleSetVersion.objects.select_related("created_by"), pk=pk)
    changes = version.changes.select_related("entry", "allow")
    return render(request, "lexicons/notice.html", {"version": version, "page": _page(request, changes, 200)})


# ---- re-screening -------------------------------------------------------------------------------------------------

@action_required("lexicons.manage")
def rescreens(request):
    if request.method == "POST":
        run = start_rescreen(person=request.user, request=request)
        messages.success(request, _("已开始复查全部已发布信息。"))
        return redirect("lexicons:rescreen", run.pk)
    runs = RescreenRun.objects.select_related("version", "started_by")
    return render(request, "lexicons/rescreens.html", {"page": _page(request, runs, 20)})


@action_required("lexicons.manage")
def rescreen(request, pk):
    run = get_object_or_404(RescreenRun, pk=pk)
    if request.method == "POST":
        try:
            resume_rescreen(run)
            messages.success(request, _("已交给后台继续复查。"))
        except RescreenError as exc:
            messages.error(request, str(exc))
        return redirect("lexicons:rescreen", run.pk)
    stalled = run.is_open and run.progressed_at is not None and timezone.now() - run.progressed_at > LEASE
    return render(request, "lexicons/rescreen.html", {"run": run, "stalled": stalled,
                                                      "flags": run.flags.select_related("item")[:50]})


@action_required("lexicons.view_notices")
def flags(request):
    """复查发现: published items with new blocking findings, open ones first."""
    show = request.GET.get("show", "open")
    rows = flags_visible_to(request.user).select_related("item", "item__department", "resolved_by", "run")
    if show == "open":
        rows = rows.filter(resolved_at__isnull=True)
    return render(request, "lexicons/flags.html", {
        "page": _page(request, rows), "show": show, "latest_run": RescreenRun.objects.first(),
        "can_resolve": can(request.user, "lexicons.resolve_flag")})


@require_POST
@action_required("lexicons.resolve_flag")
def flag_resolve(request, pk):
    flag = get_object_or_404(RescreenFlag.objects.select_related("item"), pk=pk)
    reason = reason_to_prevent("lexicons.resolve_flag", request.user, flag.item)
    if reason:
        return refuse(request, reason)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请写明处理情况（已更正、已撤回，或核实后保留的理由）。"))
        return redirect("lexicons:flags")
    try:
        resolve_flag(flag, request.user, resolution=form.cleaned_data["resolution"], request=request)
        messages.success(request, _("已记录处理情况。"))
    except RescreenError as exc:
        messages.error(request, str(exc))
    return redirect("lexicons:flags")
