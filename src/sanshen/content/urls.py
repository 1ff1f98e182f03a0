from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("", views.my_items, name="mine"),
    path("<int:pk>/", views.item_detail, name="item"),
]
