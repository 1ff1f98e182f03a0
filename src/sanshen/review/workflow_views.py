"""Workflow configuration pages (审核流程配置), for administrators: the workflows, their stages, their channels."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.channels.models import Channel
from sanshen.web.mixins import action_required, say_form_kept

from . import workflows
from .models import CHECKLIST_LABELS, Workflow
from .workflow_forms import ChannelMoveForm, WorkflowForm, stage_formset

ACTION = "review.manage_workflows"
NEW_WORKFLOW_ROWS = 4


def _stage_rows(workflow: Workflow) -> list[dict]:
    return [{"stage": s, "checklist": CHECKLIST_LABELS[s.checklist]} for s in workflow.stages.all()]


def _save(request, form, stages) -> Workflow | None:
    """Save through the service; a refusal is shown above the form, everything typed is kept."""
    if form.is_valid() and stages.is_valid():
        try:
            return workflows.save_workflow(form, stages, acting_user=request.user, request=request)
        except workflows.WorkflowError as error:
            form.add_error(None, str(error))
    say_form_kept(request)
    return None


@action_required(ACTION)
def workflow_list(request):
    """Every workflow with its stages in order and the channels using it; the form to create one."""
    form = WorkflowForm(request.POST or None, instance=Workflow())
    stages = stage_formset(form.instance, request.POST or None, extra=NEW_WORKFLOW_ROWS)
    if request.method == "POST":
        workflow = _save(request, form, stages)
        if workflow is not None:
            messages.success(request, _("已新建审核流程“%(name)s”。") % {"name": workflow.name})
            return redirect("review:workflow", workflow.pk)
    listed = Workflow.objects.prefetch_related(
        "stages", Prefetch("channel_set", queryset=Channel.objects.order_by("kind", "name")))
    return render(request, "review/workflow_list.html", {
        "workflows": [{"workflow": w, "stages": _stage_rows(w), "channels": w.channel_set.all()} for w in listed],
        "form": form, "stages": stages,
    })


@action_required(ACTION)
def workflow_edit(request, pk):
    """Edit one workflow's name and stages; see and change which channels use it."""
    workflow = get_object_or_404(Workflow, pk=pk)
    form = WorkflowForm(request.POST or None, instance=workflow)
    stages = stage_formset(workflow, request.POST or None)
    if request.method == "POST":
        saved = _save(request, form, stages)
        if saved is not None:
            messages.success(request, _("审核流程“%(name)s”已保存。") % {"name": saved.name})
            return redirect("review:workflow", saved.pk)
    return _edit_page(request, get_object_or_404(Workflow, pk=pk), form, stages, ChannelMoveForm(workflow=workflow))


def _edit_page(request, workflow, form, stages, move_form):
    channels = [{"channel": c, "in_review": workflows.items_in_review(c)}
                for c in workflow.channel_set.order_by("kind", "name")]
    return render(request, "review/workflow_edit.html", {
        "workflow": workflow, "form": form, "stages": stages, "channels": channels, "move_form": move_form,
    })


@require_POST
@action_required(ACTION)
def workflow_channel(request, pk):
    """改用此流程: move a channel to this workflow."""
    workflow = get_object_or_404(Workflow, pk=pk)
    move_form = ChannelMoveForm(request.POST, workflow=workflow)
    if move_form.is_valid():
        channel = move_form.cleaned_data["channel"]
        try:
            workflows.assign_channel(channel, workflow, acting_user=request.user, request=request)
        except workflows.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("渠道“%(channel)s”已改用“%(workflow)s”。") % {
                "channel": channel.name, "workflow": workflow.name})
            in_review = workflows.items_in_review(channel)
            if in_review:
                messages.warning(request, _("该渠道有 %(n)s 篇稿件正在审核，接下来按本流程尚未签署的环节继续审核。")
                                 % {"n": in_review})
        return redirect("review:workflow", workflow.pk)
    return _edit_page(request, workflow, WorkflowForm(instance=workflow), stage_formset(workflow), move_form)
