from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
]
