"""Questions the publishing pages and dashboard ask (查询)."""

from django.db.models import Exists, OuterRef, Subquery

from sanshen.channels.models import Channel
from sanshen.content.models import Item

from .models import Publication
from .services import PENDING
from .timeliness import with_first_published

LIST_LIMIT = 50


def awaiting_publication():
    """Approved items whose current revision is not yet live or scheduled anywhere (待发布)."""
    pending = Publication.objects.filter(item=OuterRef("pk"), revision=OuterRef("current_revision"),
                                         status__in=PENDING)
    return with_first_published(Item.objects.filter(status=Item.Status.APPROVED).exclude(Exists(pending))
                                .select_related("department", "author", "current_revision")
                                .order_by("updated_at"))[:LIST_LIMIT]


def last_published(channel_ids) -> dict:
    """Channel id → when its newest live publication went out (channels with none are absent).

    One probe per channel of the index (channel, status, published_at), ordered as that index is, not a scan
    of every publication to group."""
    newest = (Publication.objects.filter(channel=OuterRef("pk"), status=Publication.Status.LIVE)
              .order_by("channel_id", "status", "-published_at").values("published_at")[:1])
    rows = Channel.objects.filter(pk__in=list(channel_ids)).order_by().annotate(last=Subquery(newest))
    return {pk: last for pk, last in rows.values_list("pk", "last") if last is not None}
