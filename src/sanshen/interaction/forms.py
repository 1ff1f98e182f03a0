"""Forms of the interactive column: the public message form with its captcha, and the back office's steps."""

import re

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from sanshen.org.models import Department

from . import captcha
from .models import Message
from .services import MessageInput, default_working_days

PHONE = re.compile(r"^\+?[\d\- ]{7,20}$")


def internal_departments():
    return Department.objects.filter(kind=Department.Kind.INTERNAL, is_active=True, parent__isnull=False)


class MessageForm(forms.Form):
    """我要留言: name and contact are kept private; the captcha is a sum asked in words."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    contact = forms.CharField(label=_("联系电话或电子邮箱"), max_length=100,
                              help_text=_("仅用于工作人员与您联系，不会公开。"))
    topic = forms.ChoiceField(label=_("留言类型"), required=False,
                              choices=[("", _("（请选择）")), *Message.Topic.choices])
    department_hint = forms.ModelChoiceField(label=_("希望答复的部门（可不选）"), required=False, queryset=None,
                                             empty_label=_("（由办公室分办）"))
    subject = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("留言内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("最多 2000 字。请勿填写身份证号等个人敏感信息。"))
    captcha_answer = forms.CharField(label=_("验证题"), max_length=6,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    captcha_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department_hint"].queryset = internal_departments()
        self.challenge = None
        if not self.is_bound:
            self.renew_challenge()

    def renew_challenge(self) -> None:
        """A new question; on a bound form the old answer is cleared and everything else kept."""
        self.challenge = captcha.new_challenge()
        if self.is_bound:
            self.data = self.data.copy()
            self.data["captcha_token"] = self.challenge.token
            self.data["captcha_answer"] = ""
        else:
            self.initial["captcha_token"] = self.challenge.token
        self.fields["captcha_answer"].label = _("验证题：%(question)s（请填写阿拉伯数字）") % {
            "question": self.challenge.question}
        self._bound_fields_cache.pop("captcha_answer", None)  # its label, read when it was validated, is the old one

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if "@" in contact:
            try:
                validate_email(contact)
            except forms.ValidationError:
                raise forms.ValidationError(_("电子邮箱格式不正确。")) from None
        elif not PHONE.match(contact) or sum(ch.isdigit() for ch in contact) < 7:
            raise forms.ValidationError(_("请填写有效的联系电话（如 13812345678 或 027-12345678）或电子邮箱。"))
        return contact

    def clean(self):
        data = super().clean()
        reason = captcha.refusal(self.data.get("captcha_token", ""), self.data.get("captcha_answer", ""))
        if reason:
            self.add_error("captcha_answer", reason)
        return data

    def message_input(self) -> MessageInput:
        data = self.cleaned_data
        return MessageInput(name=data["name"].strip(), contact=data["contact"], subject=data["subject"].strip(),
                            text=data["text"].strip(), topic=data["topic"], department_hint=data["department_hint"])

    @property
    def captcha_nonce(self) -> str:
        return captcha.nonce_of(self.cleaned_data["captcha_token"])


class QueryForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)


class AcceptForm(forms.Form):
    """审核通过并转办."""

    department = forms.ModelChoiceField(label=_("承办部门"), queryset=None)
    working_days = forms.IntegerField(label=_("办理期限（工作日）"), min_value=1, max_value=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = internal_departments()
        self.fields["working_days"].initial = default_working_days()


class UnsuitableForm(forms.Form):
    reason = forms.CharField(label=_("不予公开的理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("留言人可凭查询码看到此理由。"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *Message.Status.choices])
    department = forms.ModelChoiceField(label=_("承办部门"), required=False, queryset=None, empty_label=_("全部"))
    overdue = forms.BooleanField(label=_("只看超期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = internal_departments()
