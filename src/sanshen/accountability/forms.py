"""Forms of the accountability pages (问责): suspend, lift, notice of criticism, correction done."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.core.widgets import DateInput, DateTimeInput
from sanshen.org.forms import require_order
from sanshen.org.models import Person

from .models import Criticism, Suspension


class SuspensionForm(forms.ModelForm):
    class Meta:
        model = Suspension
        fields = ["person", "scope", "reason", "starts_at", "ends_at"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "reason": forms.TextInput(attrs={"size": 60})}
        help_texts = {"scope": _("撰写提交：撰写、修改、提交稿件；审核：签署审核环节、应急审核、确认保留筛查结果、保密审查结论；"
                                 "发布：发布、撤回、重新推送；全部：以上各项")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(is_active=True).order_by("username")
        self.fields["person"].label_from_instance = lambda p: p.display_name
        self.fields["starts_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self):
        return require_order(self, super().clean(), "starts_at", "ends_at", _("结束时间必须晚于开始时间。"))


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("恢复理由"), max_length=300, widget=forms.TextInput(attrs={"size": 60}))


class CriticismForm(forms.ModelForm):
    class Meta:
        model = Criticism
        fields = ["person", "department", "issued_on", "text", "requirement", "deadline"]
        widgets = {"issued_on": DateInput(), "deadline": DateInput(),
                   "text": forms.Textarea(attrs={"rows": 4}), "requirement": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"person": _("人员和部门二者选一")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("username")
        self.fields["person"].label_from_instance = lambda p: p.display_name
        self.fields["issued_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("department")):
            self.add_error("person", _("请选择被通报的人员或部门（二者选一）。"))
        if (cleaned.get("requirement") or "").strip() and not cleaned.get("deadline"):
            self.add_error("deadline", _("提出整改要求的，须规定整改期限。"))
        issued, deadline = cleaned.get("issued_on"), cleaned.get("deadline")
        if issued and deadline and deadline < issued:
            self.add_error("deadline", _("整改期限不能早于通报日期。"))
        return cleaned


class CorrectionForm(forms.Form):
    done_on = forms.DateField(label=_("整改完成日期"), widget=DateInput())
    note = forms.CharField(label=_("整改情况"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()
