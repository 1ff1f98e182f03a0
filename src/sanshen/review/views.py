"""Review pages (审核页面): my queue, the decision form, emergency approval, secrecy determination, reminders."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.content.access import item_action
from sanshen.content.models import Item
from sanshen.content.panel import panel_context
from sanshen.content.services import ContentError
from sanshen.org.permissions import reason_to_prevent
from sanshen.web.mixins import action_required, refuse
from sanshen.web.models import Notification

from . import comment_views, flow, queue, seen, services
from .forms import CommentForm, DecisionForm, EmergencyForm, SecrecyAnswerForm, SecrecyRequestForm
from .models import SecrecyRequest


def _screening(item: Item) -> dict:
    report = flow.latest_report(item)
    return {"report": report, "blocking": flow.unresolved_blocking(item, report) if report else []}


@action_required("review.view_queue")
def review_queue(request):
    return render(request, "review/queue.html", {
        "tasks": queue.review_tasks(request.user, request.GET.get("page")),
        "completions": queue.emergency_completions(request.user),
        "secrecy_requests": queue.my_open_secrecy_requests(request.user),
        "today": timezone.localdate(),
    })


@action_required("review.view_queue")
@item_action("content.view_item")
def decide(request, item):
    """审核签字: sign the next stage of the item — approve or send back with an opinion (R3–R5)."""
    reason = services.decision_refusal(item, request.user)
    if reason:
        return refuse(request, reason)
    stage = flow.next_stage(item)
    form = DecisionForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        verdict = request.POST.get("verdict", "")
        try:
            services.decide(item, request.user, verdict=verdict, opinion=form.cleaned_data["opinion"],
                            checklist=form.checklist(), proofread=form.cleaned_data["proofread"],
                            request_final_review=form.cleaned_data["request_final_review"], request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            done = _("已同意") if verdict == "approve" else _("已退回")
            messages.success(request, _("%(done)s：“%(title)s”%(stage)s。") % {
                "done": done, "title": item.title, "stage": stage.name})
            return redirect("review:queue")
    return decision_page(request, item, form)


def decision_page(request, item, form: DecisionForm, comment_form: CommentForm | None = None, status: int = 200):
    """The decision form's page: the text with its findings, the changes since this reviewer last looked, the
    批注 threads, the signatures so far; looking at it counts as having seen the current revision."""
    report = flow.latest_report(item)
    changes = seen.changes_since_seen(request.user, item)
    seen.mark_seen(request.user, item)
    return render(request, "review/decide.html", {
        "item": item, "stage": form.stage, "form": form, "emergency": flow.open_emergency(item),
        "signatures": flow.valid_decisions(item), "offers_final_review": not form.stage.escalation_only,
        **panel_context(item, report, request.user), "changes": changes,
        **comment_views.threads_context(request, item, comment_form),
    }, status=status)


@action_required("review.view_queue")
@item_action("review.emergency_approve")
def emergency(request, item):
    """应急审核: approve at once after consulting the main leader; the missing stages are signed afterwards (R6)."""
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.emergency_approve(item, request.user, consultation=form.cleaned_data["consultation"],
                                       reason=form.cleaned_data["reason"], request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已应急审核通过，缺少的审核环节须在事后补签。"))
            return redirect("content:item", item.pk)
    return render(request, "review/emergency.html", {
        "item": item, "form": form, "missing": flow.missing_stages(item), **_screening(item)})


@action_required("review.view_queue")
@item_action("review.request_secrecy")
def secrecy_request(request, item):
    """提请保密审查: the item waits until the secrecy reviewer answers, due in 7 working days (R7)."""
    form = SecrecyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.request_secrecy(item, request.user, question=form.cleaned_data["question"],
                                             request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已提请保密审查，答复期限为 %(due)s。") % {"due": asked.due_on})
            if asked.due_warning:
                messages.warning(request, asked.due_warning)
            return redirect("content:item", item.pk)
    return render(request, "review/secrecy_request.html", {"item": item, "form": form})


@action_required("review.answer_secrecy")
def secrecy_queue(request):
    """保密审查: open requests, earliest due first, overdue ones flagged; answered ones below."""
    return render(request, "review/secrecy_queue.html", {
        "open_requests": queue.open_secrecy_requests(),
        "answered": queue.answered_secrecy_requests()[:50],
        "today": timezone.localdate(),
    })


@action_required("review.answer_secrecy")
def secrecy_answer(request, pk):
    """Answer one secrecy request: the item resumes, or is refused publication."""
    asked = get_object_or_404(SecrecyRequest.objects.select_related("item", "revision", "asked_by"), pk=pk)
    reason = reason_to_prevent("content.view_item", request.user, asked.item)
    if reason:
        return refuse(request, reason)
    form = SecrecyAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_secrecy(asked, request.user, answer=form.cleaned_data["answer"],
                                    text=form.cleaned_data["text"], request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("保密审查结论已记录。"))
            return redirect("review:secrecy_queue")
    return render(request, "review/secrecy_answer.html", {
        "asked": asked, "item": asked.item, "form": form, "today": timezone.localdate()})


@action_required("web.view_dashboard")
def notifications(request):
    """提醒: my notifications, unread first."""
    mine = Notification.objects.filter(person=request.user).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-id")
    return render(request, "review/notifications.html", {"notifications": mine[:200]})


@require_POST
@action_required("web.view_dashboard")
def notifications_read(request):
    Notification.objects.filter(person=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("review:notifications")


@action_required("web.view_dashboard")
def notification_open(request, pk):
    """Follow a notification's link, marking it read on the way."""
    note = get_object_or_404(Notification, pk=pk, person=request.user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return redirect(note.url or "review:notifications")
