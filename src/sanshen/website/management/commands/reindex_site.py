"""`sanshen reindex_site`: rebuild the public website's search index (重建站内搜索索引)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel
from sanshen.publishing.models import Publication
from sanshen.website.models import SearchEntry
from sanshen.website.search import index_publication

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = _("重建门户网站的站内搜索索引（所有网站栏目中已发布的信息）。")

    def handle(self, *args, **options):
        live = (Publication.objects.filter(status=Publication.Status.LIVE, channel__kind=Channel.Kind.WEBSITE_COLUMN)
                .select_related("revision", "channel").order_by("pk"))
        _rows, deleted = SearchEntry.objects.exclude(publication__in=live.values("pk")).delete()
        stale = deleted.get(SearchEntry._meta.label, 0)
        total = live.count()
        for done, publication in enumerate(live.iterator(chunk_size=PROGRESS_EVERY), start=1):
            with transaction.atomic():
                index_publication(publication)
            if done % PROGRESS_EVERY == 0 or done == total:
                self.stdout.write(_("已索引 %(done)d/%(total)d") % {"done": done, "total": total})
        self.stdout.write(_("已重建站内搜索索引：%(total)d 条信息，移除 %(stale)d 条过时条目。") % {
            "total": total, "stale": stale})
