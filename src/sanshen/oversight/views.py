"""The audit log page (操作日志): filters, the chain's verification result (new entries on each load, in full
on request), CSV export."""

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sanshen.org.permissions import reason_to_prevent
from sanshen.web.mixins import action_required

from .action_names import readable_page
from .audit import check_in_full, export_csv, verify_new_entries
from .models import AuditEntry


class AuditFilterForm(forms.Form):
    actor = forms.CharField(required=False)
    action = forms.CharField(required=False)
    obj = forms.CharField(required=False)
    since = forms.DateField(required=False, error_messages={"invalid": gettext_lazy("起始日期格式不对，应为 年-月-日。")})
    until = forms.DateField(required=False, error_messages={"invalid": gettext_lazy("截止日期格式不对，应为 年-月-日。")})


def filtered_entries(params) -> tuple[object, dict, list[str]]:
    """Apply the page's filters; return the queryset, the filters as typed, and problems with them."""
    form = AuditFilterForm(params)
    form.is_valid()
    entries = AuditEntry.objects.all()
    data = form.cleaned_data
    if data.get("actor"):
        entries = entries.filter(actor_username__icontains=data["actor"])
    if data.get("action"):
        entries = entries.filter(action__icontains=data["action"])
    if data.get("obj"):
        entries = entries.filter(Q(object_repr__icontains=data["obj"]) | Q(object_id=data["obj"]))
    if data.get("since"):
        entries = entries.filter(at__gte=timezone.make_aware(datetime.combine(data["since"], time.min)))
    if data.get("until"):
        entries = entries.filter(at__lte=timezone.make_aware(datetime.combine(data["until"], time.max)))
    typed = {name: params.get(name, "") for name in form.fields}
    problems = [message for errors in form.errors.values() for message in errors]
    return entries, typed, problems


@action_required("oversight.view_audit")
def audit_log(request):
    entries, filters, problems = filtered_entries(request.GET)
    page = readable_page(entries, request.GET.get("page"))
    return render(request, "oversight/audit_log.html", {
        "page": page, "filters": filters, "problems": problems, "verdict": verify_new_entries(),
        "can_export": reason_to_prevent("oversight.export_audit", request.user) is None,
    })


@action_required("oversight.export_audit")
def audit_export(request):
    entries, _filters, problems = filtered_entries(request.GET)
    if problems:
        return HttpResponse("；".join(problems), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")
    export_csv(response, entries.order_by("seq"))
    return response


@require_POST
@action_required("oversight.view_audit")
def audit_verify(request):
    """完整校验 now, from the first entry; back to the audit or inspection page, which then shows the result."""
    verdict = check_in_full(actor=request.user, request=request)
    if verdict.ok:
        messages.success(request, _("完整校验通过，共 %(n)s 条记录。") % {"n": verdict.entries})
    else:
        messages.error(request, _("完整校验失败：%(reason)s。") % {"reason": verdict.reason})
    return redirect("inspection:page" if request.POST.get("back") == "inspection" else "oversight:audit")
