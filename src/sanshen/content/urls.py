from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("", views.my_items, name="mine"),
    path("new/", views.item_create, name="create"),
    path("sources/", views.SourceList.as_view(), name="sources"),
    path("sources/new/", views.SourceCreate.as_view(), name="source_create"),
    path("sources/<int:pk>/", views.SourceEdit.as_view(), name="source_edit"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/submit/", views.item_submit, name="submit"),
    path("<int:pk>/attachments/", views.item_attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/panel/", views.item_panel, name="panel"),
    path("<int:pk>/fixes/", views.item_fixes, name="fixes"),
    path("<int:pk>/dismiss/", views.item_dismiss, name="dismiss"),
    path("<int:pk>/override/", views.item_override, name="override"),
    path("<int:pk>/diff/", views.item_diff, name="diff"),
]
