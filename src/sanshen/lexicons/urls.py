from django.urls import path

from . import views

app_name = "lexicons"

urlpatterns = [
    path("", views.entries, name="entries"),
    path("new/", views.entry_create, name="entry_create"),
    path("<int:pk>/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/enabled/", views.entry_enabled, name="entry_enabled"),
    path("import/", views.entries_import, name="import"),
    path("export/", views.entries_export, name="export"),
    path("allow/", views.allow, name="allow"),
    path("allow/<int:pk>/enabled/", views.allow_enabled, name="allow_enabled"),
    path("allow/proposals/", views.allow_proposals, name="allow_proposals"),
    path("allow/proposals/<int:pk>/accept/", views.allow_proposal_accept, name="allow_proposal_accept"),
    path("allow/proposals/<int:pk>/decline/", views.allow_proposal_decline, name="allow_proposal_decline"),
    path("allow/propose/<int:pk>/", views.allow_propose, name="allow_propose"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:pk>/", views.notice, name="notice"),
    path("rescreens/", views.rescreens, name="rescreens"),
    path("rescreens/<int:pk>/", views.rescreen, name="rescreen"),
    path("flags/", views.flags, name="flags"),
    path("flags/<int:pk>/resolve/", views.flag_resolve, name="flag_resolve"),
]
