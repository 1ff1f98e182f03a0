"""Forms of the organisation pages; every message in Chinese, nothing typed is lost on error."""

from datetime import timedelta

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.core.widgets import DateInput, DateTimeInput

from .models import CalendarDay, Department, GrantRequest, Person, Pledge, Role, TemporaryGrant, WorkingPolicy
from .worktime import validate_networks


def require_order(form: forms.Form, cleaned: dict, first: str, second: str, message: str) -> dict:
    """Put `message` on `second` when it does not come after `first`."""
    start, end = cleaned.get(first), cleaned.get(second)
    if start and end and end <= start:
        form.add_error(second, message)
    return cleaned


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "kind", "parent", "is_active"]


class PersonForm(forms.ModelForm):
    """A person's account details and, when creating, an initial password."""

    initial_password = forms.CharField(
        label=_("初始密码"), widget=forms.PasswordInput(render_value=True), required=False,
        help_text=_("至少 8 位，须含字母、数字和符号；首次登录时须修改。"),
    )

    class Meta:
        model = Person
        fields = ["username", "full_name", "department", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["department"].required = True
        if self.instance.pk is None:
            self.fields["initial_password"].required = True
        else:
            del self.fields["initial_password"]
        for role in Role:
            self.fields[f"role_{role.value}"] = forms.BooleanField(label=role.label, required=False)
            self.fields[f"scope_{role.value}"] = forms.ModelMultipleChoiceField(
                label=_("%(role)s 的适用部门") % {"role": role.label}, queryset=Department.objects.all(),
                required=False, widget=forms.CheckboxSelectMultiple,
            )
        if self.instance.pk:
            for assignment in self.instance.role_assignments.all():
                self.initial[f"role_{assignment.role}"] = True
                self.initial[f"scope_{assignment.role}"] = list(assignment.departments.all())

    def role_rows(self):
        return [(self[f"role_{role.value}"], self[f"scope_{role.value}"]) for role in Role]

    def account_fields(self):
        return [self[name] for name in self.fields if not name.startswith(("role_", "scope_"))]

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("initial_password")
        if password:
            candidate = Person(username=cleaned.get("username") or "", full_name=cleaned.get("full_name") or "",
                               email=cleaned.get("email") or "")
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("initial_password", error)
        if not any(cleaned.get(f"role_{role.value}") for role in Role):
            self.add_error(None, _("请至少选择一个角色。"))
        return cleaned

    def roles(self) -> dict[str, list[Department]]:
        """The chosen roles with their departments (the person's own department when none is ticked)."""
        own = [self.cleaned_data["department"]] if self.cleaned_data.get("department") else []
        return {
            role.value: list(self.cleaned_data.get(f"scope_{role.value}") or own)
            for role in Role
            if self.cleaned_data.get(f"role_{role.value}")
        }


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["person", "signed_on", "document", "note"]
        widgets = {"signed_on": DateInput()}


class TemporaryGrantForm(forms.ModelForm):
    class Meta:
        model = TemporaryGrant
        fields = ["person", "starts_at", "ends_at", "reason"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def clean(self):
        return require_order(self, super().clean(), "starts_at", "ends_at", _("结束时间必须晚于开始时间。"))


class GrantRequestForm(forms.ModelForm):
    """申请临时授权: for when, and why; from now for two hours, or half an hour either side of `around`."""

    class Meta:
        model = GrantRequest
        fields = ["starts_at", "ends_at", "reason"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "reason": forms.TextInput(attrs={"size": 60})}
        error_messages = {"reason": {"required": _("请填写申请事由。")}}
        help_texts = {"reason": _("如：周末发布应急通告、在外出差期间发布会议消息")}

    def __init__(self, *args, around=None, **kwargs):
        super().__init__(*args, **kwargs)
        if around is None:
            start = timezone.localtime().replace(second=0, microsecond=0)
            end = start + timedelta(hours=2)
        else:
            around = timezone.make_aware(around) if timezone.is_naive(around) else around
            start, end = around - timedelta(minutes=30), around + timedelta(minutes=30)
        self.fields["starts_at"].initial = timezone.localtime(start)
        self.fields["ends_at"].initial = timezone.localtime(end)

    def clean(self):
        return require_order(self, super().clean(), "starts_at", "ends_at", _("结束时间必须晚于开始时间。"))


class DeclineForm(forms.Form):
    """不批准: why, for the requester."""

    reason = forms.CharField(label=_("不批准理由"), max_length=300, error_messages={"required": _("请填写不批准的理由。")})


class WorkingPolicyForm(forms.ModelForm):
    class Meta:
        model = WorkingPolicy
        fields = ["workday_start", "workday_end", "office_networks"]
        widgets = {
            "workday_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "workday_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "office_networks": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_office_networks(self):
        text = self.cleaned_data["office_networks"]
        try:
            validate_networks(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return text

    def clean(self):
        return require_order(self, super().clean(), "workday_start", "workday_end", _("下班时间必须晚于上班时间。"))


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "is_workday", "name"]
        widgets = {"date": DateInput()}


class TokenForm(forms.Form):
    token = forms.CharField(label=_("动态验证码"), max_length=8, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))
