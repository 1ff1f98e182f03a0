"""Atom feeds of the public website (订阅): all columns, or one column with its sub-columns. P4.

Only LIVE publications in open columns: a retracted item leaves the feed at once; an offline column's
feed answers 503 like its page.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel

from .portal import Columns, live_in, one_per_item, site_title
from .responses import not_found, under_maintenance

FEED_ITEMS = 20
SUMMARY_CHARS = 200


@dataclass
class Scope:
    """What one feed request covers: the site's name, the column (None: all) and its open columns."""

    site: str
    column: Channel | None
    channel_ids: list[int]


class SiteFeed(Feed):
    """The latest items of every open column (全站订阅)."""

    feed_type = Atom1Feed

    def get_object(self, request, pk: int | None = None):
        columns = Columns.load()
        column = columns.by_id[pk] if pk is not None else None
        return Scope(site_title(), column, columns.family(pk) if column else columns.open_ids)

    def title(self, scope):
        return f"{scope.site} · {scope.column.name}" if scope.column else scope.site

    def link(self, scope):
        return reverse("site:column", args=[scope.column.pk]) if scope.column else reverse("site:home")

    def subtitle(self, scope):
        return _("%(name)s最新发布的信息") % {"name": self.title(scope)}

    def author_name(self, scope):
        return scope.site

    def items(self, scope):
        return one_per_item(live_in(scope.channel_ids).defer(None)[:FEED_ITEMS * 2], FEED_ITEMS)

    def item_title(self, publication):
        return publication.revision.title

    def item_description(self, publication):
        return Truncator(" ".join(publication.revision.body.split())).chars(SUMMARY_CHARS)

    def item_link(self, publication):
        return reverse("site:item", args=[publication.item_id])

    def item_pubdate(self, publication):
        return publication.published_at

    def item_updateddate(self, publication):
        return publication.published_at


class ColumnFeed(SiteFeed):
    """The latest items of one column and its sub-columns (栏目订阅); 404 unknown, 503 offline."""

    def __call__(self, request, pk: int):
        columns = Columns.load()
        column = columns.visible(pk)
        if column is None:
            return not_found(request, columns)
        if columns.is_offline(pk):
            return under_maintenance(request, columns, column)
        return super().__call__(request, pk=pk)
