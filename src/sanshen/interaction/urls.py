from django.urls import path, re_path

from . import views

app_name = "interaction"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    re_path(r"^(?P<pk>[0-9]+)/(?P<step>accept|unsuitable|answer|approve|return|publish)/$", views.step, name="step"),
]
