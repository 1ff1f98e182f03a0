from django.urls import path

from . import comment_views, sheet_urls, views, workflow_urls

app_name = "review"

urlpatterns = [
    path("review/", views.review_queue, name="queue"),
    path("review/secrecy/", views.secrecy_queue, name="secrecy_queue"),
    path("review/secrecy/<int:pk>/", views.secrecy_answer, name="secrecy_answer"),
    path("items/<int:pk>/decide/", views.decide, name="decide"),
    path("items/<int:pk>/emergency/", views.emergency, name="emergency"),
    path("items/<int:pk>/secrecy/", views.secrecy_request, name="secrecy_request"),
    path("items/<int:pk>/comments/new/", comment_views.comment_new, name="comment_new"),
    path("items/<int:pk>/comments/<int:comment_pk>/reply/", comment_views.comment_reply, name="comment_reply"),
    path("items/<int:pk>/comments/<int:comment_pk>/resolve/", comment_views.comment_resolve, name="comment_resolve"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
]
urlpatterns += sheet_urls.urlpatterns
urlpatterns += workflow_urls.urlpatterns
