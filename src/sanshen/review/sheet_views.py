"""The review sheet page (审核单) and its PDF downloads, with the filing form (发布审查备案表)."""

from django.http import HttpResponse
from django.shortcuts import render

from sanshen.content.access import item_action

from .sheet import render_filing_form, render_review_sheet, review_sheet_context

viewable_item = item_action("content.view_item")


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
