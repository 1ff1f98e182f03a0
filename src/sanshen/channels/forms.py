"""Forms of the channel pages (栏目和账号): a channel, its account's filing record, filing and closing steps."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.core.widgets import DateInput
from sanshen.org.models import Department, Person, Role
from sanshen.review.models import Workflow

from .models import Account, Channel


def descendant_ids(channel: Channel) -> set[int]:
    """The channel's sub-columns at any depth (a parent chosen among them would make a cycle)."""
    found, frontier = set(), {channel.pk}
    while frontier:
        frontier = set(Channel.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


class ChannelForm(forms.ModelForm):
    """A channel's settings. The kind is chosen once, when the channel is created."""

    webhook_url = forms.URLField(
        label=Channel._meta.get_field("webhook_url").verbose_name, required=False, assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}), help_text=Channel._meta.get_field("webhook_url").help_text)
    webhook_secret = forms.CharField(
        label=_("签名密钥"), required=False, max_length=100,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("推送请求以此密钥签名；修改时留空则保留原密钥。"))

    class Meta:
        model = Channel
        fields = ["name", "kind", "parent", "department", "responsible", "publisher", "workflow",
                  "update_threshold_days", "webhook_url", "webhook_secret", "is_classified",
                  "requires_final_review", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        parents = Channel.objects.filter(kind=Channel.Kind.WEBSITE_COLUMN)
        if instance.pk:
            parents = parents.exclude(pk__in={instance.pk} | descendant_ids(instance))
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("渠道类型创建后不能修改；如需改变，请停用本渠道并新建。")
        self.fields["parent"].queryset = parents
        self.fields["parent"].help_text = _("只有网站栏目可以有上级栏目和子栏目。")
        self.fields["department"].queryset = Department.objects.filter(kind=Department.Kind.INTERNAL, is_active=True)
        staff = Person.objects.filter(is_active=True).exclude(role_assignments__role=Role.MEMBER)
        self.fields["responsible"].queryset = staff.order_by("username")
        self.fields["publisher"].queryset = Person.holding(Role.OFFICER).order_by("username")
        self.fields["workflow"].queryset = Workflow.objects.order_by("name")
        if not instance.pk and not self.initial.get("workflow"):
            self.initial["workflow"] = Workflow.objects.order_by("pk").values_list("pk", flat=True).first()

    def clean_webhook_secret(self):
        return self.cleaned_data["webhook_secret"] or self.instance.webhook_secret

    def clean(self):
        data = super().clean()
        kind = self.instance.kind if self.instance.pk else data.get("kind")
        website = kind == Channel.Kind.WEBSITE_COLUMN
        if data.get("parent") and not website:
            self.add_error("parent", _("只有网站栏目可以设置上级栏目。"))
        if self.instance.pk and not website and self.instance.children.exists():
            self.add_error(None, _("本渠道有子栏目，只有网站栏目可以有子栏目。"))
        if website and data.get("webhook_url"):
            self.add_error("webhook_url", _("网站栏目由内置网站发布，不需要推送地址。"))
        if data.get("webhook_url") and not data.get("webhook_secret"):
            self.add_error("webhook_secret", _("设置推送地址时须填写签名密钥。"))
        if kind in Channel.NEW_MEDIA and data.get("is_classified"):
            self.add_error("is_classified", _("政务新媒体账号在互联网上，不能设为涉密渠道（涉密不上网）。"))
        return data


class AccountForm(forms.ModelForm):
    """政务新媒体备案登记表: what is filed about a new-media account when it is opened."""

    class Meta:
        model = Account
        fields = ["platform", "account_id", "purpose", "operator", "contact_phone", "opened_on"]
        widgets = {"opened_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = (Person.objects.filter(is_active=True)
                                            .exclude(role_assignments__role=Role.MEMBER).order_by("username"))
        self.fields["operator"].required = True
        self.fields["contact_phone"].required = True
        self.fields["platform"].help_text = _("国家主管部门核准的平台，例如：微信、新浪微博、抖音。")

    def clean_opened_on(self):
        day = self.cleaned_data["opened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("开设日期不能晚于今天。"))
        return day


class FilingForm(forms.Form):
    """备案: the date and reference the cyberspace authority gave."""

    filed_on = forms.DateField(label=_("备案日期"), widget=DateInput())
    reference = forms.CharField(label=_("备案编号"), max_length=100)


class ClosingRequestForm(forms.Form):
    """关停申请: why, and the notice to publish before de-registering."""

    reason = forms.CharField(label=_("关停理由"), max_length=300)
    notice = forms.CharField(label=_("关停公告"), widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("注销前在账号上发布的公告全文，报单位主要领导批准。"))


class ClosedForm(forms.Form):
    """注销: the day the account was de-registered on its platform."""

    closed_on = forms.DateField(label=_("注销日期"), widget=DateInput())


class DeregistrationForm(forms.Form):
    """注销备案: reported to the cyberspace authority."""

    filed_on = forms.DateField(label=_("注销备案日期"), widget=DateInput())
    reference = forms.CharField(label=_("注销备案编号"), max_length=100)


class KeywordsForm(forms.Form):
    """命名关键词, one a line."""

    words = forms.CharField(
        label=_("命名关键词"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每行一个。政务新媒体账号名称须至少包含其中一个，表明与本单位工作职责的关联"
                    "（例如单位简称、主要职能、所在城市）。留空则不检查。"))

    def clean_words(self):
        words = [w.strip() for w in self.cleaned_data["words"].splitlines() if w.strip()]
        too_long = [w for w in words if len(w) > 30]
        if too_long:
            raise forms.ValidationError(_("关键词不能超过30个字：%(word)s") % {"word": too_long[0]})
        return words
