from django.urls import path

from . import views

app_name = "inspection"

urlpatterns = [
    path("inspection/", views.inspection_page, name="page"),
    path("inspection/export.zip", views.inspection_export, name="export"),
]
