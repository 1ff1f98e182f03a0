"""Pages of events (活动审批备案) and the self-media inventory (自媒体台账). O5."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.content.services import ContentError
from sanshen.org.permissions import can
from sanshen.org.services import save_form
from sanshen.statistics.exports import csv_text
from sanshen.web.mixins import action_required, download, say_form_kept

from . import services
from .forms import (
    CancelForm,
    DecisionForm,
    EventForm,
    FilingForm,
    SelfMediaForm,
    SpeakerFormSet,
)
from .models import Event, SelfMediaAccount

PAGE_SIZE = 25
ATTENTION_PAGE_SIZE = 10  # 须尽快办理, the earliest first, `?attention=N`


@action_required("events.view")
def event_list(request):
    """活动: upcoming and recent events, with what each still lacks before it may be held; above them, a page of
    those that need doing soon (须尽快办理)."""
    now = timezone.now()
    events = Event.objects.select_related("organiser", "proposed_by").order_by("-starts_at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    attention = Paginator(services.events_needing_attention(now), ATTENTION_PAGE_SIZE).get_page(
        request.GET.get("attention"))
    return render(request, "events/list.html", {
        "page": page, "rows": [{"event": e, "missing": services.readiness(e, now), "past": e.starts_at <= now}
                               for e in page],
        "attention": attention,
        "attention_rows": [{"event": e, "missing": services.readiness(e, now)} for e in attention],
        "may_propose": can(request.user, "events.propose"),
    })


def _edit(request, event: Event):
    form = EventForm(request.POST or None, instance=event)
    speakers = SpeakerFormSet(request.POST or None, instance=event)
    if request.method == "POST":
        if form.is_valid() and speakers.is_valid():
            try:
                event = services.save_event(form, speakers, acting_user=request.user, request=request)
            except ContentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("已保存活动申报，请确认后提交审批。"))
                return redirect("events:detail", event.pk)
        else:
            say_form_kept(request)
    return render(request, "events/form.html", {"form": form, "speakers": speakers, "event": event})


@action_required("events.propose")
def event_new(request):
    return _edit(request, Event(organiser=request.user.department))


@action_required("events.view")
def event_edit(request, pk):
    event = get_object_or_404(Event, pk=pk)
    if not can(request.user, "events.edit", event):
        messages.error(request, _("此活动申报当前不能修改。"))
        return redirect("events:detail", pk)
    return _edit(request, event)


def _detail(request, event: Event, status: int = 200, **bound):
    """The event page; `bound` replaces a step's empty form with the one just sent, errors and input kept."""
    user = request.user
    forms = {"decision_form": DecisionForm(), "filing_form": FilingForm(initial={"filed_on": timezone.localdate()}),
             "cancel_form": CancelForm(), **bound}
    return render(request, "events/detail.html", {
        "event": event, "speakers": event.speakers.all(), "missing": services.readiness(event),
        "may_edit": can(user, "events.edit", event), "may_approve": can(user, "events.approve", event),
        "may_file": can(user, "events.file", event) and event.filed_on is None,
        "may_cancel": can(user, "events.cancel", event), **forms,
    }, status=status)


@action_required("events.view")
def event_detail(request, pk):
    return _detail(request, get_object_or_404(Event, pk=pk))


def _step(request, pk, form_name, form_class, run, done_message):
    """One step on an event (submit, decide, file, cancel): the service decides; a refusal keeps what was typed."""
    event = get_object_or_404(Event, pk=pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        say_form_kept(request)
        return _detail(request, event, 400, **{form_name: form})
    try:
        run(event, form.cleaned_data if form else {})
    except ContentError as error:
        messages.error(request, str(error))
        if form is None:
            return redirect("events:detail", pk)
        return _detail(request, event, 400, **{form_name: form})
    messages.success(request, done_message)
    return redirect("events:detail", pk)


@require_POST
@action_required("events.view")
def event_submit(request, pk):
    return _step(request, pk, "", None, lambda e, _data: services.submit_event(e, request.user, request=request),
                 _("已提交审批。"))


@require_POST
@action_required("events.view")
def event_decide(request, pk):
    approve = request.POST.get("verdict") == "approve"
    return _step(request, pk, "decision_form", DecisionForm, lambda e, data: services.decide_event(
        e, request.user, approve=approve, opinion=data["opinion"], request=request),
        _("已同意。") if approve else _("已退回申报人。"))


@require_POST
@action_required("events.view")
def event_file(request, pk):
    return _step(request, pk, "filing_form", FilingForm, lambda e, data: services.file_event(
        e, request.user, filed_on=data["filed_on"], reference=data["reference"], request=request), _("已登记备案。"))


@require_POST
@action_required("events.view")
def event_cancel(request, pk):
    return _step(request, pk, "cancel_form", CancelForm, lambda e, data: services.cancel_event(
        e, request.user, reason=data["reason"], request=request), _("已取消活动。"))


@action_required("events.view")
def self_media_list(request):
    """自媒体台账: the sector's self-media accounts, with those not checked for half a year flagged."""
    accounts = SelfMediaAccount.objects.select_related("checked_by")
    if request.GET.get("format") == "csv":
        return _self_media_csv(accounts)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    stale = set(services.unchecked_accounts().filter(pk__in=[a.pk for a in page]).values_list("pk", flat=True))
    return render(request, "events/self_media_list.html", {
        "page": page, "rows": [{"account": a, "stale": a.pk in stale} for a in page],
        "total_followers": accounts.filter(is_active=True).aggregate(n=Sum("followers"))["n"] or 0,
        "may_manage": can(request.user, "events.manage_self_media"),
        "check_every_days": services.CHECK_EVERY_DAYS,
    })


def _self_media_csv(accounts) -> HttpResponse:
    header = [_("主体"), _("平台"), _("账号名称"), _("账号ID"), _("粉丝数"), _("最近核查日期"), _("核查人"), _("在用"), _("备注")]
    rows = [[a.owner, a.get_platform_display(), a.name, a.account_id, a.followers, a.last_checked_on.isoformat(),
             a.checked_by.display_name, _("是") if a.is_active else _("否"), a.note] for a in accounts]
    return download(csv_text(header, rows), "text/csv; charset=utf-8", "self-media.csv")


@action_required("events.manage_self_media")
def self_media_edit(request, pk=None):
    account = get_object_or_404(SelfMediaAccount, pk=pk) if pk else SelfMediaAccount(checked_by=request.user)
    form = SelfMediaForm(request.POST or None, instance=account)
    if request.method == "POST":
        if form.is_valid():
            form.instance.checked_by = request.user
            save_form(form, action="events.self_media_saved", acting_user=request.user, request=request)
            messages.success(request, _("已保存。"))
            return redirect("events:self_media")
        say_form_kept(request)
    return render(request, "org/form.html", {"form": form, "title": _("自媒体账号"), "object": account.pk and account})
