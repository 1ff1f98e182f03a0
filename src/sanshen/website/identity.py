"""The public site's identifiers (网站标识): 网站标识码, ICP备案号 and 公安机关备案号, edited by the administrator
and shown in the footer of every public page."""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import UpdateView

from sanshen.web.mixins import ActionRequiredMixin, AuditedFormMixin

from .models import SiteIdentity

PATTERNS = {
    "site_code": (re.compile(r"^[0-9A-Za-z]{4,20}$"), gettext_lazy("网站标识码由 4–20 位数字或字母组成。")),
    "icp_record": (re.compile(r"^\S{1,3}ICP备\d{6,10}号(?:-\d+)?$"), gettext_lazy("ICP备案号的格式如“苏ICP备12345678号”。")),
    "police_record": (re.compile(r"^\S{1,3}公网安备\s?\d{10,16}号$"),
                      gettext_lazy("公安机关备案号的格式如“苏公网安备 32010002000123号”。")),
}


class SiteIdentityForm(forms.ModelForm):
    class Meta:
        model = SiteIdentity
        fields = ["site_code", "icp_record", "police_record"]

    def clean(self):
        data = super().clean()
        for field, (pattern, message) in PATTERNS.items():
            value = (data.get(field) or "").strip()
            data[field] = value
            if value and not pattern.match(value):
                self.add_error(field, str(message))
        return data


class SiteIdentityEdit(ActionRequiredMixin, AuditedFormMixin, UpdateView):
    action = "website.manage_identity"
    audit_action = "website.identity_saved"
    form_class = SiteIdentityForm
    template_name = "org/form.html"
    success_url = reverse_lazy("site_identity")

    def get_object(self, queryset=None):
        return SiteIdentity.current()

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("网站标识"), **kwargs)
