from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [
    path("", views.channel_list, name="list"),
    path("new/", views.channel_create, name="create"),
    path("naming/", views.naming_keywords, name="keywords"),
    path("<int:pk>/", views.channel_edit, name="edit"),
    path("<int:pk>/account/", views.account_page, name="account"),
    path("<int:pk>/account/registration/", views.registration_sheet, name="registration_sheet"),
    path("<int:pk>/account/closing/", views.approve_closing, name="approve_closing"),
]
