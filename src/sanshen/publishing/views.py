"""Pages of publishing (发布管理): what waits to go out, publish, retract, the circuit breaker, 回头看."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.channels.models import Channel
from sanshen.content.access import item_action
from sanshen.content.services import ContentError
from sanshen.org.permissions import can, reason_to_prevent
from sanshen.org.worktime import operation_refusal
from sanshen.oversight.audit import client_address
from sanshen.review import flow
from sanshen.review.services import publishable_refusal
from sanshen.web.mixins import action_required, refuse, say_form_kept

from . import services
from .forms import FollowUpForm, OfflineForm, PublishForm, RestoreForm, RetractForm
from .models import FollowUp, Outage, Publication
from .queries import LIST_LIMIT, awaiting_publication
from .timeliness import timeliness, unpublished_due_soon

PAGE_SIZE = 25
BREAKER_PAGE_SIZE = 50


@action_required("publishing.view_publications")
def overview(request):
    """发布管理: items waiting to go out, scheduled ones, late ones and the latest publications."""
    items = flow.load_progress(awaiting_publication())
    prefetch_related_objects(items, "current_revision__screenings")
    may_publish = reason_to_prevent("publishing.publish", request.user) is None
    waiting = [{"item": item, "refusal": publishable_refusal(item), "timeliness": timeliness(item)} for item in items]
    recent = Publication.objects.select_related("item", "channel", "published_by").exclude(
        status=Publication.Status.SCHEDULED)
    return render(request, "publishing/overview.html", {
        "waiting": waiting,
        "scheduled": Publication.objects.filter(status=Publication.Status.SCHEDULED)
                     .select_related("item", "channel", "published_by").order_by("scheduled_for")[:LIST_LIMIT],
        "recent": recent[:LIST_LIMIT],
        "late": [{"item": item, "timeliness": timeliness(item)} for item in unpublished_due_soon()[:LIST_LIMIT]],
        "may_publish": may_publish,
        "operation_refusal": operation_refusal(request.user, address=client_address(request)) if may_publish else None,
    })


@item_action("publishing.publish")
def publish(request, item):
    """发布 one item: the channels chosen at review, now or at a set time."""
    form = PublishForm(request.POST or None, channels=item.channels.order_by("kind", "name"),
                       initial={"channels": list(item.channels.filter(is_active=True, is_offline=False))})
    if request.method == "POST":
        if form.is_valid():
            try:
                done = services.publish(item, request.user, form.cleaned_data["channels"],
                                        at=form.cleaned_data["at"], request=request)
            except ContentError as error:
                form.add_error(None, str(error))
            else:
                names = _("、").join(p.channel.name for p in done)
                if done[0].status == Publication.Status.SCHEDULED:
                    messages.success(request, _("已定时于 %(at)s 发布到：%(channels)s。") % {
                        "at": timezone.localtime(done[0].scheduled_for).strftime("%Y-%m-%d %H:%M"), "channels": names})
                else:
                    messages.success(request, _("已发布到：%(channels)s。") % {"channels": names})
                return redirect("content:item", item.pk)
        else:
            say_form_kept(request)
    address = client_address(request)
    warning = services.publish_refusal(item, request.user, item.channels.all(), address=address)
    return render(request, "publishing/publish.html", {
        "item": item, "revision": item.current_revision, "form": form,
        "operation_refusal": operation_refusal(request.user, address=address),
        "grant_for_schedule": _refused_schedule(form, request.user, address),
        "warning": warning if request.method == "GET" else None, "timeliness": timeliness(item)})


def _refused_schedule(form, person, address):
    """The 定时发布 time the working-hours rule refused, for a grant request prefilled with it; None otherwise."""
    at = form.cleaned_data.get("at") if form.is_bound and hasattr(form, "cleaned_data") else None
    if at and operation_refusal(person, address=address, goes_out=at):
        return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")
    return None


@item_action("publishing.retract")
def retract(request, item):
    """撤回 one item from some or all of the channels it is on."""
    on = Channel.objects.filter(publications__item=item, publications__status__in=services.PENDING).distinct()
    if not on.exists():
        messages.error(request, _("此稿件没有已发布或定时发布的渠道。"))
        return redirect("content:item", item.pk)
    form = RetractForm(request.POST or None, channels=on)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.retract(item, request.user, reason=form.cleaned_data["reason"],
                                 channels=form.cleaned_data["channels"], request=request)
            except ContentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("已撤回。"))
                return redirect("content:item", item.pk)
        else:
            say_form_kept(request)
    return render(request, "publishing/retract.html", {"item": item, "form": form})


def _breaker_page(request, bound: dict | None = None, status: int = 200):
    """The channels, a page at a time (`?page=N`, kept when a form is sent), each with its state, its open outage
    and the form that switches it; `bound` keeps one form's input and errors."""
    bound = bound or {}
    may_restore = reason_to_prevent("publishing.restore_channel", request.user) is None
    open_outages = Prefetch("outages", to_attr="open_outages", queryset=Outage.objects.filter(
        restored_at__isnull=True).select_related("started_by"))
    page = Paginator(Channel.objects.select_related("department").prefetch_related(open_outages)
                     .order_by("kind", "name", "pk"), BREAKER_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for channel in page:
        form = bound.get(channel.pk) or (RestoreForm(prefix=f"c{channel.pk}") if channel.is_offline
                                         else OfflineForm(prefix=f"c{channel.pk}"))
        rows.append({"channel": channel, "form": form, "outage": next(iter(channel.open_outages), None),
                     "may_switch": may_restore or not channel.is_offline})
    history = Outage.objects.select_related("channel", "started_by", "restored_by")[:LIST_LIMIT]
    return render(request, "publishing/breaker.html", {"page": page, "rows": rows, "history": history},
                  status=status)


@action_required("publishing.take_offline")
def breaker(request):
    """熔断: take a whole channel offline at once, or restore it."""
    return _breaker_page(request)


@require_POST
@action_required("publishing.take_offline")
def switch_channel(request, pk):
    channel = get_object_or_404(Channel, pk=pk)
    form_class = RestoreForm if channel.is_offline else OfflineForm
    form = form_class(request.POST, prefix=f"c{channel.pk}")
    if not form.is_valid():
        say_form_kept(request)
        return _breaker_page(request, {channel.pk: form}, status=400)
    try:
        if channel.is_offline:
            services.restore(channel, request.user, note=form.cleaned_data["note"], request=request)
            messages.success(request, _("渠道“%(channel)s”已恢复。") % {"channel": channel.name})
        else:
            services.take_offline(channel, request.user, reason=form.cleaned_data["reason"], request=request)
            messages.success(request, _("渠道“%(channel)s”已熔断。") % {"channel": channel.name})
    except ContentError as error:
        form.add_error(None, str(error))
        return _breaker_page(request, {channel.pk: form}, status=403)
    back = reverse("publishing:breaker")
    return redirect(f"{back}?page={request.GET['page']}" if request.GET.get("page", "").isdigit() else back)


@action_required("publishing.view_publications")
def follow_ups(request):
    """回头看: the checks the person's department owes, open ones first, and the results recorded."""
    user = request.user
    rows = FollowUp.objects.select_related("item", "department", "answered_by").order_by("-answered_at", "due_on")
    if not can(user, "publishing.view_all_follow_ups"):
        rows = rows.filter(department=user.department_id)
    today = timezone.localdate()
    page = Paginator(rows.filter(answered_at__isnull=True).order_by("due_on", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "publishing/follow_ups.html", {
        "page": page,
        "open": [{"follow_up": f, "overdue": f.due_on < today,
                  "may_answer": reason_to_prevent("publishing.answer_follow_up", user, f) is None} for f in page],
        "done": rows.filter(answered_at__isnull=False)[:LIST_LIMIT],
        "form": FollowUpForm(),
    })


@action_required("publishing.view_publications")
def follow_up_answer(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("item"), pk=pk)
    reason = reason_to_prevent("publishing.answer_follow_up", request.user, follow_up)
    if reason:
        return refuse(request, reason)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer_follow_up(follow_up, request.user, result=form.cleaned_data["result"],
                                          note=form.cleaned_data["note"], request=request)
            except ContentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("已记录回头看结果。"))
                return redirect("publishing:follow_ups")
        else:
            say_form_kept(request)
    return render(request, "publishing/follow_up_answer.html", {"follow_up": follow_up, "form": form})
