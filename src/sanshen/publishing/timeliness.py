"""Timeliness (时效): an item about an event is out no later than the 3rd day after the event ends. P5, 001 website§16."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.content.models import Item

from .models import Publication

DAYS_AFTER_EVENT = 3
AT_RISK_DAYS = 1  # flagged this many days before the deadline while still unpublished

ON_TIME, LATE, OVERDUE, AT_RISK, OPEN = "on_time", "late", "overdue", "at_risk", "open"
LABELS = {ON_TIME: _("按时发布"), LATE: _("逾期发布"), OVERDUE: _("已超期未发布"), AT_RISK: _("即将超期"),
          OPEN: _("未到期")}


def deadline(event_date: date) -> date:
    return event_date + timedelta(days=DAYS_AFTER_EVENT)


@dataclass(frozen=True)
class Timeliness:
    state: str
    due: date

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def flagged(self) -> bool:
        return self.state in (LATE, OVERDUE, AT_RISK)


def with_first_published(items: QuerySet[Item]) -> QuerySet[Item]:
    """The items, each with when it first went out (`first_published_at`), so `timeliness` asks nothing more."""
    return items.annotate(first_published_at=Min("publications__published_at"))


def first_published_on(item: Item) -> date | None:
    if hasattr(item, "first_published_at"):
        at = item.first_published_at
    else:
        first = item.publications.filter(published_at__isnull=False).order_by("published_at").first()
        at = first.published_at if first else None
    return timezone.localdate(at) if at else None


def timeliness(item: Item, today: date | None = None) -> Timeliness | None:
    """Whether `item` went out in time; None when it reports no dated event."""
    if item.event_date is None:
        return None
    due = deadline(item.event_date)
    published = first_published_on(item)
    if published is not None:
        return Timeliness(ON_TIME if published <= due else LATE, due)
    today = today or timezone.localdate()
    if today > due:
        return Timeliness(OVERDUE, due)
    return Timeliness(AT_RISK if (due - today).days <= AT_RISK_DAYS else OPEN, due)


def unpublished_due_soon(today: date | None = None) -> QuerySet[Item]:
    """Items about an event, not yet published, whose deadline is past or within a day (for dashboards)."""
    today = today or timezone.localdate()
    ever_published = Publication.objects.filter(item=OuterRef("pk"), published_at__isnull=False)
    return with_first_published(Item.objects.filter(event_date__isnull=False,
                                event_date__lte=today + timedelta(days=AT_RISK_DAYS - DAYS_AFTER_EVENT))
            .exclude(status=Item.Status.REFUSED).exclude(Exists(ever_published)).order_by("event_date"))
