from django.urls import path

from . import public_views

app_name = "messages"

urlpatterns = [
    path("", public_views.answered, name="list"),
    path("new/", public_views.leave, name="new"),
    path("query/", public_views.query, name="query"),
    path("<str:code>/", public_views.status, name="status"),
]
