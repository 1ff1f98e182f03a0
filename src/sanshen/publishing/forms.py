"""Forms of the publishing pages (发布表单). They only collect input: the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sanshen.core.widgets import DateTimeInput

from .models import FollowUp


class ChannelsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, channel):
        return str(channel)


class PublishForm(forms.Form):
    """发布: the channels chosen at review, and an optional time for scheduled publishing (定时发布)."""

    channels = ChannelsField(label=_("发布渠道"), queryset=None,
                             error_messages={"required": _("请至少选择一个发布渠道。")})
    at = forms.DateTimeField(label=_("定时发布时间"), required=False,
                             widget=DateTimeInput(),
                             help_text=_("留空即立即发布。"))

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = channels


class RetractForm(forms.Form):
    """撤回: from which channels, and why."""

    channels = ChannelsField(label=_("撤回渠道"), queryset=None,
                             error_messages={"required": _("请至少选择一个渠道。")})
    reason = forms.CharField(label=_("撤回原因"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("请填写撤回原因。")})

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = channels
        self.fields["channels"].initial = list(channels)


class OfflineForm(forms.Form):
    """熔断: why the whole channel goes offline now."""

    reason = forms.CharField(label=_("熔断原因"), max_length=300, error_messages={"required": _("请填写熔断原因。")})


class RestoreForm(forms.Form):
    """恢复: what was done before the channel comes back."""

    note = forms.CharField(label=_("恢复说明"), max_length=300, error_messages={"required": _("请填写恢复说明。")})


class FollowUpForm(forms.Form):
    """回头看结果."""

    result = forms.ChoiceField(label=_("检查结果"), choices=FollowUp.Result.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择回头看结果。")})
    note = forms.CharField(label=_("说明"), max_length=300, required=False,
                           help_text=_("需要更正或撤回时，写明发现的问题。"))
