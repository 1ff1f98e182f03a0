"""The review sheet page (审核单) and its PDF downloads, with the filing form (发布审查备案表)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from sanshen.content.models import Item
from sanshen.org.permissions import reason_to_prevent
from sanshen.web.mixins import refuse

from .sheet import render_filing_form, render_review_sheet, review_sheet_context


def viewable_item(view):
    """Signed-in users only, and only for items the permission module lets them see (content.view_item)."""

    @wraps(view)
    @login_required
    def wrapper(request, pk):
        item = get_object_or_404(Item.objects.select_related("department", "author", "current_revision"), pk=pk)
        reason = reason_to_prevent("content.view_item", request.user, item)
        if reason:
            return refuse(request, reason)
        return view(request, item)

    return wrapper


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@viewable_item
def sheet_page(request, item):
    return render(request, "review/sheet.html", review_sheet_context(item))


@viewable_item
def sheet_pdf(request, item):
    return pdf_response(render_review_sheet(item), f"review-sheet-{item.pk}-v{item.current_revision.number}.pdf")


@viewable_item
def filing_pdf(request, item):
    return pdf_response(render_filing_form(item), f"filing-form-{item.pk}-v{item.current_revision.number}.pdf")
