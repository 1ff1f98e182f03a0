from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/submit/", views.event_submit, name="submit"),
    path("<int:pk>/decide/", views.event_decide, name="decide"),
    path("<int:pk>/file/", views.event_file, name="file"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("self-media/", views.self_media_list, name="self_media"),
    path("self-media/new/", views.self_media_edit, name="self_media_new"),
    path("self-media/<int:pk>/", views.self_media_edit, name="self_media_edit"),
]
