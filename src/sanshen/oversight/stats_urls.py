"""Routes of the statistics, breaches, evaluation, inspection and backup pages (joined to oversight/urls.py)."""

from django.urls import path

from . import backup_views, inspection_views, stats_views

urlpatterns = [
    path("statistics/", stats_views.statistics_page, name="statistics"),
    path("statistics/export.csv", stats_views.statistics_csv, name="statistics_csv"),
    path("statistics/export.xlsx", stats_views.statistics_xlsx, name="statistics_xlsx"),
    path("breaches/", stats_views.breaches_page, name="breaches"),
    path("evaluation/", stats_views.evaluation_list, name="evaluation"),
    path("evaluation/<int:year>/<int:pk>.pdf", stats_views.evaluation_pdf, name="evaluation_pdf"),
    path("evaluation/<int:year>/<int:pk>.xlsx", stats_views.evaluation_xlsx, name="evaluation_xlsx"),
    path("inspection/", inspection_views.inspection_page, name="inspection"),
    path("inspection/export.zip", inspection_views.inspection_export, name="inspection_export"),
    path("backups/", backup_views.backups, name="backups"),
    path("backups/<str:name>", backup_views.backup_download, name="backup_download"),
]
