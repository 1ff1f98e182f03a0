"""The audit log page (操作日志): filters, the chain's verification result, CSV export."""

from datetime import datetime, time

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from sanshen.org.permissions import reason_to_prevent
from sanshen.web.mixins import action_required

from .audit import export_csv, verify_chain
from .models import AuditEntry


def filtered_entries(params) -> tuple[object, dict, list[str]]:
    """Apply the page's filters; return the queryset, the filters as typed, and problems with them."""
    entries = AuditEntry.objects.all()
    filters = {key: params.get(key, "").strip() for key in ("actor", "action", "since", "until")}
    problems = []
    if filters["actor"]:
        entries = entries.filter(actor_username__icontains=filters["actor"])
    if filters["action"]:
        entries = entries.filter(action__icontains=filters["action"])
    for key, bound, lookup in (("since", time.min, "at__gte"), ("until", time.max, "at__lte")):
        if filters[key]:
            day = parse_date(filters[key]) if len(filters[key]) == 10 else None
            if day is None:
                problems.append(_("日期“%(value)s”格式不对，应为 年-月-日。") % {"value": filters[key]})
            else:
                entries = entries.filter(**{lookup: timezone.make_aware(datetime.combine(day, bound))})
    return entries, filters, problems


@action_required("oversight.view_audit")
def audit_log(request):
    entries, filters, problems = filtered_entries(request.GET)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "oversight/audit_log.html", {
        "page": page, "filters": filters, "problems": problems, "verdict": verify_chain(),
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
