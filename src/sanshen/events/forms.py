"""Forms of the event pages (活动表单). They only collect input: the services decide what is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.core.widgets import DateInput, DateTimeInput

from .models import Event, SelfMediaAccount, Speaker


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "kind", "organiser", "starts_at", "venue", "purpose", "publicity_line", "is_major",
                  "contingency_plan"]
        widgets = {"starts_at": DateTimeInput(), "purpose": forms.Textarea(attrs={"rows": 3}),
                   "publicity_line": forms.Textarea(attrs={"rows": 2}),
                   "contingency_plan": forms.Textarea(attrs={"rows": 3})}

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError(_("活动须在举办前申报，开始时间应晚于现在。"))
        return starts_at


SpeakerFormSet = forms.inlineformset_factory(
    Event, Speaker, fields=["name", "affiliation", "topic", "is_sensitive", "request_note"], extra=2,
    can_delete=True, widgets={"request_note": forms.Textarea(attrs={"rows": 2})})


class DecisionForm(forms.Form):
    opinion = forms.CharField(label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FilingForm(forms.Form):
    filed_on = forms.DateField(label=_("备案日期"), widget=DateInput())
    reference = forms.CharField(label=_("备案编号"), max_length=100)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=300)


class SelfMediaForm(forms.ModelForm):
    class Meta:
        model = SelfMediaAccount
        fields = ["owner", "platform", "name", "account_id", "followers", "last_checked_on", "note", "is_active"]
        widgets = {"last_checked_on": DateInput()}

    def clean_last_checked_on(self):
        checked = self.cleaned_data["last_checked_on"]
        if checked > timezone.localdate():
            raise forms.ValidationError(_("核查日期不能晚于今天。"))
        return checked
