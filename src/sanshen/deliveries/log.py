"""Reading the delivery record back (推送记录): filters, counts per status, success per channel."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sanshen.channels.models import Channel
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.models import Publication

from .models import Delivery


def deliveries(*, status: str = "", channel_id: int | None = None, item_id: int | None = None) -> QuerySet:
    """Deliveries, newest first, narrowed by status, channel and item when given."""
    rows = Delivery.objects.select_related(
        "publication__channel", "publication__item", "publication__revision")
    if status:
        rows = rows.filter(status=status)
    if channel_id:
        rows = rows.filter(publication__channel_id=channel_id)
    if item_id:
        rows = rows.filter(publication__item_id=item_id)
    return rows


def status_counts(rows: QuerySet | None = None) -> dict[str, int]:
    """How many deliveries are in each status (every status present, zero included)."""
    rows = Delivery.objects.all() if rows is None else rows
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Delivery.Status.values}


@dataclass(frozen=True)
class ChannelSuccess:
    """One bar of the per-channel chart: delivered out of all deliveries to the channel."""

    channel: Channel
    total: int
    delivered: int
    failed: int

    @property
    def percent(self) -> int:
        return round(100 * self.delivered / self.total) if self.total else 0


def success_by_channel() -> list[ChannelSuccess]:
    deliveries_in = "publications__deliveries"
    channels = Channel.objects.annotate(
        total=Count(deliveries_in),
        delivered=Count(deliveries_in, filter=Q(publications__deliveries__status=Delivery.Status.DELIVERED)),
        failed=Count(deliveries_in, filter=Q(publications__deliveries__status=Delivery.Status.FAILED)),
    ).filter(total__gt=0).order_by("kind", "name")
    return [ChannelSuccess(c, c.total, c.delivered, c.failed) for c in channels]


def confirmers(delivery_ids: list[int]) -> dict[int, AuditEntry]:
    """Who confirmed a hand-posted delivery, and when (from the audit log), by delivery id."""
    entries = AuditEntry.objects.filter(action="publishing.delivery_confirmed", details__delivery__in=delivery_ids)
    return {entry.details["delivery"]: entry for entry in entries}


def needing_attention() -> QuerySet:
    """Failed deliveries of what is still online, and packages waiting to be posted by hand (dashboard panel)."""
    return deliveries().filter(Q(status=Delivery.Status.FAILED) | Q(
        status=Delivery.Status.PENDING, next_attempt_at__isnull=True)).exclude(
        action=Delivery.Action.PUBLISH, publication__status__in=[
            Publication.Status.RETRACTED, Publication.Status.SUPERSEDED, Publication.Status.CANCELLED])


def dashboard_panels(person) -> dict:
    """The officers' and administrators' dashboard panel: failed deliveries and packages still to post."""
    if reason_to_prevent("publishing.view_deliveries", person):
        return {}
    waiting = needing_attention()
    return {"deliveries_attention": list(waiting[:5]), "deliveries_attention_count": waiting.count()}
