"""URLs of the workflow configuration; added to the "review" namespace by review/urls.py."""

from django.urls import path

from . import workflow_views

urlpatterns = [
    path("review/workflows/", workflow_views.workflow_list, name="workflows"),
    path("review/workflows/<int:pk>/", workflow_views.workflow_edit, name="workflow"),
    path("review/workflows/<int:pk>/channels/", workflow_views.workflow_channel, name="workflow_channel"),
]
