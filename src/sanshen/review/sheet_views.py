"""The review sheet page (审核单) and its PDF downloads, with the filing form (发布审查备案表)."""

from django.shortcuts import render

from sanshen.content.access import item_action
from sanshen.web.mixins import download

from .sheet import render_filing_form, render_review_sheet, review_sheet_context

viewable_item = item_action("content.view_item")


@viewable_item
def sheet_page(request, item):
    return render(request, "review/sheet.html", review_sheet_context(item))


@viewable_item
def sheet_pdf(request, item):
    return download(render_review_sheet(item), "application/pdf", f"review-sheet-{item.pk}-v{item.current_revision.number}.pdf")


@viewable_item
def filing_pdf(request, item):
    return download(render_filing_form(item), "application/pdf", f"filing-form-{item.pk}-v{item.current_revision.number}.pdf")
