from django.urls import path

from . import views

app_name = "accountability"

urlpatterns = [
    path("accountability/", views.overview, name="overview"),
    path("accountability/suspensions/new/", views.suspension_create, name="suspension_create"),
    path("accountability/suspensions/<int:pk>/lift/", views.suspension_lift, name="suspension_lift"),
    path("accountability/criticisms/new/", views.criticism_create, name="criticism_create"),
    path("accountability/criticisms/<int:pk>/done/", views.criticism_correct, name="criticism_correct"),
]
