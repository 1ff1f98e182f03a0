"""URLs of the review sheet; added to the "review" namespace by review/urls.py."""

from django.urls import path

from . import sheet_views

urlpatterns = [
    path("items/<int:pk>/review-sheet/", sheet_views.sheet_page, name="sheet"),
    path("items/<int:pk>/review-sheet.pdf", sheet_views.sheet_pdf, name="sheet_pdf"),
    path("items/<int:pk>/filing-form.pdf", sheet_views.filing_pdf, name="filing_pdf"),
]
