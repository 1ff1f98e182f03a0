"""Questions the publishing pages and dashboard ask (查询)."""

from django.db.models import Exists, Max, OuterRef

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
    """Channel id → when its newest live publication went out (channels with none are absent)."""
    return dict(Publication.objects.filter(channel_id__in=list(channel_ids), status=Publication.Status.LIVE)
                .order_by().values("channel_id").annotate(last=Max("published_at")).values_list("channel_id", "last"))
