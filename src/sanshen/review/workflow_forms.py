"""Forms of the workflow configuration (审核流程配置): the workflow, its stages, and moving a channel to it."""

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from sanshen.channels.models import Channel
from sanshen.org.models import Role

from .models import CHECKLIST_LABELS, Stage, Workflow


class WorkflowForm(forms.ModelForm):
    class Meta:
        model = Workflow
        fields = ["name", "description"]
        error_messages = {"name": {"unique": _("已有同名的审核流程。")}}


# Administrators configure the system and member units submit: neither signs a review stage.
SIGNING_ROLES = [(role.value, role.label) for role in Role if role not in (Role.ADMIN, Role.MEMBER)]


class StageForm(forms.ModelForm):
    """One stage: its place in the order, who signs it, and which checklist they confirm."""

    order = forms.IntegerField(label=_("顺序"), min_value=1, max_value=99,
                               widget=forms.NumberInput(attrs={"style": "width:4.5rem"}))
    role = forms.ChoiceField(label=_("审核角色"), choices=[("", "---------"), *SIGNING_ROLES])
    checklist = forms.ChoiceField(label=_("审核要点"), choices=list(CHECKLIST_LABELS.items()), initial="standard")

    class Meta:
        model = Stage
        fields = ["order", "name", "role", "scoped_to_item_department", "escalation_only", "checklist"]

    def validate_unique(self):
        """Orders are checked across the whole formset (stages may swap places in one save)."""


class BaseStageFormSet(forms.BaseInlineFormSet):
    def kept_forms(self):
        return [f for f in self.forms
                if f not in self.deleted_forms and (f.instance.pk is not None or f.has_changed())]

    def clean(self):
        if any(self.errors):
            return
        orders = Counter(f.cleaned_data["order"] for f in self.kept_forms())
        repeated = sorted(order for order, n in orders.items() if n > 1)
        if repeated:
            raise ValidationError(_("环节顺序不能重复：%(orders)s。") % {
                "orders": "、".join(str(o) for o in repeated)})


def stage_formset(workflow: Workflow, data=None, extra: int = 2) -> BaseStageFormSet:
    """The stages of `workflow` and `extra` empty rows numbered after the last stage."""
    last = max((s.order for s in workflow.stages.all()), default=0) if workflow.pk else 0
    formset_class = inlineformset_factory(Workflow, Stage, form=StageForm, formset=BaseStageFormSet, extra=extra,
                                          can_delete=True, can_delete_extra=False)
    return formset_class(data, instance=workflow, prefix="stages",
                         initial=[{"order": last + n} for n in range(1, extra + 1)])


class ChannelMoveForm(forms.Form):
    """改用此流程: pick a channel that uses another workflow."""

    channel = forms.ModelChoiceField(label=_("发布渠道"), queryset=Channel.objects.none(),
                                     empty_label=_("请选择渠道"),
                                     error_messages={"required": _("请选择要改用此流程的渠道。")})

    def __init__(self, *args, workflow: Workflow, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.exclude(workflow=workflow).select_related("workflow")
        self.fields["channel"].label_from_instance = lambda c: f"{c}（{c.workflow}）"
