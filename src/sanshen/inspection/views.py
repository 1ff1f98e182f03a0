"""The inspector's pages (监督检查, 000§8): the audit log with filters, the handling records of sensitive and
classified items, the audit chain's verification result, and the export package (ZIP) for an inspection.
The filters are the audit log page's own (`oversight.views.filtered_entries`). The page shows the handling records
`RECORDS_PAGE_SIZE` items at a time (`?records=N`) and checks the chain's new entries only; the export takes
everything and checks the chain in full.
"""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from sanshen.oversight.action_names import readable_page
from sanshen.oversight.audit import record, verify_chain, verify_new_entries
from sanshen.oversight.views import filtered_entries
from sanshen.web.mixins import action_required, download

from .services import handled_items, handling_records, inspection_zip

RECORDS_PAGE_SIZE = 10


@action_required("oversight.inspect")
def inspection_page(request):
    entries, filters, problems = filtered_entries(request.GET)
    items = Paginator(handled_items(entries) if not problems else [], RECORDS_PAGE_SIZE).get_page(
        request.GET.get("records"))
    shown = {name: value for name, value in filters.items() if value}
    return render(request, "inspection/inspection.html", {
        "page": readable_page(entries, request.GET.get("page")), "filters": filters, "problems": problems,
        "verdict": verify_new_entries(), "verify_back": "inspection", "items": items,
        "records": handling_records(entries, items.object_list) if items.object_list else [],
        "query": request.GET.urlencode(), "records_query": urlencode(shown),
    })


@action_required("oversight.inspect")
def inspection_export(request):
    entries, filters, problems = filtered_entries(request.GET)
    if problems:
        return HttpResponse("；".join(problems), status=400, content_type="text/plain; charset=utf-8")
    verdict, count = verify_chain(), entries.count()
    package = inspection_zip(entries, verdict, filters, request.user.display_name)
    record("oversight.inspection_exported", actor=request.user, request=request,
           details={"filters": {k: v for k, v in filters.items() if v}, "chain_ok": verdict.ok,
                    "entries": count})
    return download(package, "application/zip", f"inspection-{timezone.localdate():%Y%m%d}.zip")
