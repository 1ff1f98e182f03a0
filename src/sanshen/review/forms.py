"""Forms of the review pages (审核表单). They only collect input: the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SecrecyRequest, Stage

CHECK_PREFIX = "check_"


class DecisionForm(forms.Form):
    """审核签字: the stage's checklist, the proofreading confirmation, the opinion, and whether to escalate."""

    proofread = forms.BooleanField(label=_("已完成校对（三校）：文字、标点、数据、人名职务均已核对"), required=False)
    opinion = forms.CharField(label=_("审核意见"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("同意时写明审核意见；退回时写明须修改的内容。")}))
    request_final_review = forms.BooleanField(label=_("提请主要领导终审"), required=False)

    def __init__(self, *args, stage: Stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.checklist_fields = []
        for key, label in stage.checklist_items():
            name = CHECK_PREFIX + key
            self.fields[name] = forms.BooleanField(label=label, required=False)
            self.checklist_fields.append(name)
        self.order_fields(self.checklist_fields + ["proofread", "opinion", "request_final_review"])

    def checklist(self) -> dict[str, bool]:
        return {name.removeprefix(CHECK_PREFIX): self.cleaned_data[name] for name in self.checklist_fields}

    def checklist_boxes(self):
        return [self[name] for name in self.checklist_fields]


class EmergencyForm(forms.Form):
    """应急审核: what the main leader was told and said, and why it cannot wait."""

    consultation = forms.CharField(label=_("请示主要领导情况"), required=False, widget=forms.Textarea(attrs={
        "rows": 3, "placeholder": _("何时、以何种方式请示，主要领导的意见。")}))
    reason = forms.CharField(label=_("应急理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SecrecyRequestForm(forms.Form):
    """提请保密审查: what needs deciding."""

    question = forms.CharField(label=_("需确定的问题"), required=False, widget=forms.Textarea(attrs={
        "rows": 4, "placeholder": _("例如：第二段所列项目投资额是否属于工作秘密。")}))


class SecrecyAnswerForm(forms.Form):
    """保密审查结论."""

    answer = forms.ChoiceField(label=_("结论"), choices=SecrecyRequest.Answer.choices, required=False,
                               widget=forms.RadioSelect)
    text = forms.CharField(label=_("审查意见"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class CommentForm(forms.Form):
    """批注: the quoted passage (filled in by selecting it in the text, or pasted) and the comment."""

    quote = forms.CharField(label=_("所引原文"), required=False, widget=forms.Textarea(attrs={
        "rows": 2, "placeholder": _("在正文中选中一段文字，或把原文粘贴到这里。"), "data-passage-quote": ""}))
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput(attrs={"data-passage-start": ""}))
    body = forms.CharField(label=_("批注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ReplyForm(forms.Form):
    """回复批注."""

    body = forms.CharField(label=_("回复"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next = forms.CharField(required=False, widget=forms.HiddenInput)
