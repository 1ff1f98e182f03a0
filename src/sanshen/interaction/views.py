"""Back-office pages of the interactive column (网上留言): the list with filters, and one message with its steps."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sanshen.content.highlight import marked
from sanshen.org.permissions import reason_to_prevent
from sanshen.web.mixins import action_required, refuse, say_form_kept

from . import services
from .forms import AcceptForm, AnswerForm, FilterForm, ReturnForm, UnsuitableForm
from .models import Message
from .queries import overdue, visible_to, with_overdue_flag

PAGE_SIZE = 30


@action_required("interaction.view_messages")
def message_list(request):
    """网上留言: what the person may see, filtered by status, department and overdue, oldest due first."""
    form = FilterForm(request.GET or None)
    rows = visible_to(request.user)
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["department"]:
            rows = rows.filter(department=form.cleaned_data["department"])
        if form.cleaned_data["overdue"]:
            rows = overdue(rows)
    page = Paginator(rows.order_by("due_on", "-submitted_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "interaction/list.html", {
        "form": form, "page": page, "rows": with_overdue_flag(page.object_list), "query": query.urlencode(),
        "overdue_count": overdue(visible_to(request.user)).count()})


STEPS = {
    "accept": ("interaction.moderate", AcceptForm),
    "unsuitable": ("interaction.moderate", UnsuitableForm),
    "answer": ("interaction.answer", AnswerForm),
    "approve": ("interaction.approve_answer", None),
    "return": ("interaction.approve_answer", ReturnForm),
    "publish": ("interaction.publish_answer", None),
}
STEP_STATUS = {"accept": Message.Status.NEW, "unsuitable": Message.Status.NEW, "answer": Message.Status.ROUTED,
               "approve": Message.Status.ANSWERED, "return": Message.Status.ANSWERED,
               "publish": Message.Status.APPROVED}


def _visible_message(request, pk):
    message = get_object_or_404(Message.objects.select_related(
        "department", "department_hint", "moderated_by", "answered_by", "approved_by", "published_by"), pk=pk)
    return message, reason_to_prevent("interaction.view_messages", request.user, message)


def _detail_page(request, message, bound: dict | None = None, status: int = 200):
    """The message, its findings marked in the text, its history, and the forms of the steps this person may take."""
    forms = {}
    for step, (action, form_class) in STEPS.items():
        if message.status == STEP_STATUS[step] and reason_to_prevent(action, request.user, message) is None:
            initial = {"answer": message.answer} if step == "answer" else (
                {"department": message.department_hint} if step == "accept" and message.department_hint else {})
            forms[step] = (bound or {}).get(step) or (form_class(prefix=step, initial=initial) if form_class else True)
    subject_findings = [f for f in message.findings if f.get("part") == "subject"]
    text_findings = [f for f in message.findings if f.get("part") == "text"]
    return render(request, "interaction/detail.html", {
        "message": message, "forms": forms, "overdue": message.is_overdue(),
        "subject_marked": marked(message.subject, subject_findings), "text_marked": marked(message.text, text_findings),
        "answer_marked": marked(message.answer, message.answer_findings),
        "findings": message.findings, "waiting_for": _waiting_for(message)}, status=status)


def _waiting_for(message) -> str:
    return {
        Message.Status.NEW: _("等待办公室审核并转办"),
        Message.Status.ROUTED: _("等待%(department)s起草答复") % {"department": message.department},
        Message.Status.ANSWERED: _("等待%(department)s负责人审核答复") % {"department": message.department},
        Message.Status.APPROVED: _("等待信息专管员公开答复"),
    }.get(message.status, "")


@action_required("interaction.view_messages")
def detail(request, pk):
    message, reason = _visible_message(request, pk)
    if reason:
        return refuse(request, reason)
    return _detail_page(request, message)


DONE = {
    "accept": gettext_lazy("已审核通过并转交承办部门。"),
    "unsuitable": gettext_lazy("已标记为不予公开。"),
    "answer": gettext_lazy("答复已提交审核。"),
    "approve": gettext_lazy("答复已审核通过，等待公开。"),
    "return": gettext_lazy("答复已退回承办人修改。"),
    "publish": gettext_lazy("答复已公开。"),
}


@require_POST
@action_required("interaction.view_messages")
def step(request, pk, step):
    """One step on a message; a refusal or a form error shows the page again with what was typed."""
    message, reason = _visible_message(request, pk)
    action, form_class = STEPS[step]
    reason = reason or reason_to_prevent(action, request.user, message)
    if reason:
        return refuse(request, reason)
    form = form_class(request.POST, prefix=step) if form_class else None
    if form is not None and not form.is_valid():
        say_form_kept(request)
        return _detail_page(request, message, {step: form}, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        _run(step, message, request, data)
    except services.InteractionError as error:
        if form is None:
            flash.error(request, str(error))
            return _detail_page(request, message, status=400)
        form.add_error(None, str(error))
        say_form_kept(request)
        return _detail_page(request, message, {step: form}, status=400)
    flash.success(request, str(DONE[step]))
    return redirect("interaction:detail", message.pk)


def _run(step, message, request, data):
    person = request.user
    if step == "accept":
        services.accept(message, person, department=data["department"], working_days=data["working_days"],
                        request=request)
    elif step == "unsuitable":
        services.mark_unsuitable(message, person, reason=data["reason"], request=request)
    elif step == "answer":
        services.submit_answer(message, person, text=data["answer"], request=request)
    elif step == "approve":
        services.approve_answer(message, person, request=request)
    elif step == "return":
        services.return_answer(message, person, reason=data["reason"], request=request)
    else:
        services.publish_answer(message, person, request=request)
