from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("statistics/", views.statistics_page, name="page"),
    path("statistics/export.csv", views.statistics_csv, name="csv"),
    path("statistics/export.xlsx", views.statistics_xlsx, name="xlsx"),
    path("breaches/", views.breaches_page, name="breaches"),
    path("evaluation/", views.evaluation_list, name="evaluation"),
    path("evaluation/<int:year>/<int:pk>.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path("evaluation/<int:year>/<int:pk>.xlsx", views.evaluation_xlsx, name="evaluation_xlsx"),
]
