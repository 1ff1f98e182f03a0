from django.urls import path

from . import views

app_name = "backup"

urlpatterns = [
    path("backups/", views.backups, name="list"),
    path("backups/<str:name>", views.backup_download, name="download"),
]
