"""Configuring workflows (审核流程配置): a workflow with its ordered stages, and which channels use it. R1.

Every change is made here, inside one transaction with its audit entry. Signatures bind to stages
(Decision.stage), so a stage somebody has signed cannot be deleted; renaming or reordering it leaves the
signatures valid and changes only what items still in review need next.
"""

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.org.models import Person
from sanshen.oversight.audit import record

from .models import EmergencyApproval, Stage, Workflow

# Orders are parked above every real order while stages swap places ((workflow, order) is unique).
PARKED_ORDER = 30000


class WorkflowError(Exception):
    """A configuration change refused: the message is shown to the administrator as is."""


def snapshot(workflow: Workflow) -> dict:
    """The workflow as the audit log records it: name, description and every stage in order."""
    if workflow.pk is None:
        return {}
    return {"name": workflow.name, "description": workflow.description, "stages": [
        {"order": s.order, "name": s.name, "role": s.role, "scoped_to_item_department": s.scoped_to_item_department,
         "escalation_only": s.escalation_only, "checklist": s.checklist}
        for s in Stage.objects.filter(workflow=workflow).order_by("order")]}


def _refuse_signed(stages: list[Stage]) -> None:
    signed = (Stage.objects.filter(pk__in=[s.pk for s in stages]).annotate(signatures=Count("decisions"))
              .filter(signatures__gt=0).order_by("order").first())
    if signed is not None:
        raise WorkflowError(_("环节“%(stage)s”已有 %(n)s 条审核签字，不能删除（签字绑定在环节上）；"
                              "可以改名或调整顺序。") % {"stage": signed.name, "n": signed.signatures})


def _refuse_without_stages(workflow: Workflow) -> None:
    if not workflow.stages.exists():
        raise WorkflowError(_("审核流程至少需要一个审核环节。"))
    if not workflow.stages.filter(escalation_only=False).exists():
        raise WorkflowError(_("审核流程至少需要一个不限于终审的环节，否则不需要终审的稿件无人审核。"))


def save_workflow(form, stages, *, acting_user: Person, request=None) -> Workflow:
    """Save a workflow form and its stage formset (both validated) and audit old and new."""
    with transaction.atomic():
        creating = form.instance.pk is None
        old = {} if creating else snapshot(Workflow.objects.get(pk=form.instance.pk))
        workflow = form.save()
        stages.instance = workflow
        changed = stages.save(commit=False)
        _refuse_signed(stages.deleted_objects)
        for stage in stages.deleted_objects:
            stage.delete()
        existing = [s for s in changed if s.pk is not None]
        for parked, stage in enumerate(existing, start=PARKED_ORDER):
            Stage.objects.filter(pk=stage.pk).update(order=parked)
        for stage in changed:
            stage.workflow = workflow
            stage.save()
        _refuse_without_stages(workflow)
        record("review.workflow_saved", actor=acting_user, obj=workflow, request=request,
               details={"created": creating, "old": old, "new": snapshot(workflow)})
    return workflow


def items_in_review(channel: Channel) -> int:
    """Items on the channel whose review is under way, including stages owed after an emergency approval."""
    owed = EmergencyApproval.objects.open().filter(item=OuterRef("pk"))
    return channel.item_set.filter(
        Q(status__in=[Item.Status.IN_REVIEW, Item.Status.AWAITING_SECRECY]) | Q(Exists(owed))).count()


def assign_channel(channel: Channel, workflow: Workflow, *, acting_user: Person, request=None) -> Channel:
    """Move a channel to `workflow`; its items still in review continue under the new workflow's stages."""
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        old = channel.workflow
        if old.pk == workflow.pk:
            raise WorkflowError(_("渠道“%(channel)s”已在使用“%(workflow)s”。")
                                % {"channel": channel.name, "workflow": workflow.name})
        channel.workflow = workflow
        channel.save(update_fields=["workflow"])
        record("review.workflow_assigned", actor=acting_user, obj=channel, request=request,
               details={"old": old.name, "new": workflow.name, "items_in_review": items_in_review(channel)})
    return channel
