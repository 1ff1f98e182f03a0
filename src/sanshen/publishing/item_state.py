"""What an item's badge says wherever it is listed (稿件状态): its review status until it goes out, then
已发布 (with a link to its public page), 已发布·有新版本, 定时发布 or 已撤回 — read for a whole list at once."""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel
from sanshen.content.models import Item

from .models import Publication

TONES = {Item.Status.REJECTED: "bad", Item.Status.REFUSED: "bad", Item.Status.APPROVED: "ok"}


@dataclass(frozen=True)
class ItemState:
    label: str
    tone: str = ""  # the tag's colour: ok, warn, bad, info or plain
    public_url: str = ""  # the public website page, when it is live on a website column
    channels: list[str] = field(default_factory=list)  # where it is live, or scheduled
    scheduled_for: datetime | None = None


def _state(item: Item, publications: list[Publication]) -> ItemState:
    live = [p for p in publications if p.status == Publication.Status.LIVE]
    if live:
        website = any(p.channel.kind == Channel.Kind.WEBSITE_COLUMN for p in live)
        newer = any(p.revision_id != item.current_revision_id for p in live)
        return ItemState(_("已发布·有新版本") if newer else _("已发布"), "warn" if newer else "ok",
                         reverse("site:item", args=[item.pk]) if website else "", [p.channel.name for p in live])
    scheduled = [p for p in publications if p.status == Publication.Status.SCHEDULED]
    if scheduled:
        return ItemState(_("定时发布"), "info", channels=[p.channel.name for p in scheduled],
                         scheduled_for=min(p.scheduled_for for p in scheduled))
    if any(p.status == Publication.Status.RETRACTED for p in publications):
        return ItemState(_("已撤回"), "bad")
    return ItemState(item.get_status_display(), TONES.get(item.status, ""))


def with_states(items) -> list[Item]:
    """The items, each with `.state`, in one query for all their publications."""
    items = list(items)
    shown = {Publication.Status.LIVE, Publication.Status.SCHEDULED, Publication.Status.RETRACTED}
    by_item: dict[int, list[Publication]] = {}
    for publication in (Publication.objects.filter(item__in=[i.pk for i in items], status__in=shown)
                        .select_related("channel").only("item_id", "revision_id", "status", "scheduled_for",
                                                        "channel__name", "channel__kind")):
        by_item.setdefault(publication.item_id, []).append(publication)
    for item in items:
        item.state = _state(item, by_item.get(item.pk, []))
    return items
