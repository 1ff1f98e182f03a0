from django.urls import path, re_path

from . import views
from .feeds import ColumnFeed, SiteFeed
from .responses import public_view

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("feed.atom", public_view(SiteFeed()), name="feed"),
    path("columns/<int:pk>/", views.column, name="column"),
    path("columns/<int:pk>/feed.atom", public_view(ColumnFeed()), name="column_feed"),
    path("items/<int:pk>/", views.item, name="item"),
    path("search/", views.search_page, name="search"),
    re_path(r"^(?P<rest>.*)$", views.missing, name="missing"),
]
