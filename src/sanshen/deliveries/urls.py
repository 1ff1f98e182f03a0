from django.urls import path

from . import views

app_name = "deliveries"

urlpatterns = [
    path("", views.delivery_list, name="list"),
    path("<int:pk>/retry/", views.delivery_retry, name="retry"),
    path("<int:pk>/confirm/", views.delivery_confirm, name="confirm"),
    path("<int:pk>/package.zip", views.delivery_package, name="package"),
]
