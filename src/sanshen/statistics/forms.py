"""The period and grouping chosen on the statistics pages (统计期间、统计口径)."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.core.widgets import DateInput

from .figures import BY_DEPARTMENT, GROUPINGS, PRESETS, Period, preset

MAX_YEARS = 5
DATE_ERROR = {"invalid": _("日期格式不对，应为 年-月-日。")}


class StatisticsForm(forms.Form):
    """A preset (本月, 本季度, 本年, 上年) or a from/to period, and the grouping; nothing chosen means this year."""

    by = forms.ChoiceField(label=_("统计口径"), choices=list(GROUPINGS.items()), required=False)
    preset = forms.ChoiceField(label=_("期间"), choices=[("", _("自定义"))] + list(PRESETS.items()), required=False)
    start = forms.DateField(label=_("起始日期"), required=False, error_messages=DATE_ERROR, widget=DateInput())
    end = forms.DateField(label=_("截止日期"), required=False, error_messages=DATE_ERROR, widget=DateInput())

    def clean(self):
        data = super().clean()
        data["by"] = data.get("by") or BY_DEPARTMENT
        start, end = data.get("start"), data.get("end")
        if data.get("preset") or (start is None and end is None and not self.errors):
            data["period"] = preset(data.get("preset") or "this_year")
            return data
        if self.errors:
            return data
        today = timezone.localdate()
        start = start or date((end or today).year, 1, 1)
        end = end or today
        if start > end:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        if (end - start).days > 366 * MAX_YEARS:
            raise forms.ValidationError(_("统计期间不能超过 %(years)s 年。") % {"years": MAX_YEARS})
        data["period"] = Period(start, end)
        return data


class YearForm(forms.Form):
    """The year of an annual evaluation (年度考评)."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False,
                              error_messages={"invalid": _("年度应为四位数字。"),
                                              "min_value": _("年度应在 2000 至 2100 之间。"),
                                              "max_value": _("年度应在 2000 至 2100 之间。")})

    def clean_year(self):
        return self.cleaned_data.get("year") or timezone.localdate().year
