from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("items/<int:pk>/publish/", views.publish, name="publish"),
    path("items/<int:pk>/retract/", views.retract, name="retract"),
    path("breaker/", views.breaker, name="breaker"),
    path("breaker/<int:pk>/", views.switch_channel, name="switch_channel"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_answer, name="follow_up_answer"),
]
