"""What the review app adds to the item page (稿件页面): the 退回 notice under the title and the 批注 threads.

Both read the item's threads once (kept on the item for the page), so the page costs a fixed few queries more."""

from django import template

from sanshen.content.models import Item
from sanshen.review.comment_views import threads_context
from sanshen.review.models import Decision

register = template.Library()


def _threads(context, item: Item) -> dict:
    if not hasattr(item, "_passage_threads"):
        found = threads_context(context["request"], item)
        found["open_count"] = sum(not t.is_resolved for t in found["threads"])
        item._passage_threads = found
    return item._passage_threads


def latest_decision(item: Item) -> Decision | None:
    """The latest signature still standing (an edit voids them all), from what the page already read if it did."""
    unvoided = getattr(item, "unvoided_decisions", None)
    if unvoided is not None:
        return unvoided[-1] if unvoided else None
    return item.decisions.filter(voided_at__isnull=True).select_related("person").order_by("signed_at", "id").last()


@register.inclusion_tag("review/_returned_notice.html", takes_context=True)
def returned_notice(context, item: Item) -> dict:
    """退回: who sent the item back, when, why, and how many 批注 still wait."""
    latest = latest_decision(item)
    if latest is None or latest.verdict != Decision.Verdict.REJECT:
        return {"rejection": None}
    return {"rejection": latest, "open_count": _threads(context, item)["open_count"]}


@register.inclusion_tag("review/_item_threads.html", takes_context=True)
def item_threads(context, item: Item) -> dict:
    """The item's 批注 threads, with reply and resolve forms for those who may."""
    return {"item": item, "csrf_token": context.get("csrf_token"), **_threads(context, item)}
