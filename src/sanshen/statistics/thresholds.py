"""Update thresholds (更新期限) and what breaches them (超期未更新): O2, 001 website§26, newmedia§22.

Every website column and new-media account has `update_threshold_days` (news columns 14 days, notices and policy
columns 183 days by default — `publishing.models`). A column or account is in breach when its last LIVE
publication is older than its threshold, or it never published and was opened longer ago than that (a column
whose opening is not recorded and that never published is in breach: an empty column, 空白栏目). Inactive
channels, channels taken offline (熔断) and closed accounts are not judged.

Breaches come from a list of sources. Adding a kind is one function taking `today` and returning `Breach`es,
decorated with `@breach_source` in a module imported when the app starts (its AppConfig.ready()) — e.g. the
interactive column's messages not answered within their deadline.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel
from sanshen.org.permissions import can
from sanshen.oversight.audit import object_types
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.models import Publication
from sanshen.publishing.queries import last_published

from .figures import Period
from .scope import visible_departments


@dataclass(frozen=True)
class Breach:
    """Something that was not done within its threshold: who answers for it and by how much it is late."""

    kind: str
    kind_label: str
    subject: str
    department_id: int | None
    department: str
    responsible_ids: tuple[int, ...]
    since: date | None  # the last update (or the opening); None: never updated and opening unknown
    limit_days: int
    overdue_days: int | None  # days beyond the limit; None when unknown
    url: str
    summary: str = ""  # a source's own sentence; the staleness sentence below when empty

    @property
    def text(self) -> str:
        if self.summary:
            return self.summary
        if self.since is None:
            return _("%(subject)s：从未更新（更新期限 %(limit)s 天）") % {"subject": self.subject, "limit": self.limit_days}
        return _("%(subject)s：自 %(since)s 起未更新，超过更新期限（%(limit)s 天）%(over)s 天") % {
            "subject": self.subject, "since": f"{self.since:%Y-%m-%d}", "limit": self.limit_days,
            "over": self.overdue_days}


BreachSource = Callable[[date], Iterable[Breach]]
BREACH_SOURCES: list[BreachSource] = []


def breach_source(source: BreachSource) -> BreachSource:
    """Register a function `today -> breaches` so breaches(), the page, the dashboard and the digest include it."""
    if source not in BREACH_SOURCES:
        BREACH_SOURCES.append(source)
    return source


def breaches(today: date | None = None, departments=None) -> list[Breach]:
    """Every breach today from every source, the longest overdue first; only `departments` (ids) unless None."""
    today = today or timezone.localdate()
    found = [b for source in BREACH_SOURCES for b in source(today)
             if departments is None or b.department_id in departments]
    return sorted(found, key=lambda b: (b.overdue_days is not None, -(b.overdue_days or 0), b.subject))


# ---- columns and accounts (栏目和账号) ----------------------------------------------------------------------------

JUDGED_KINDS = (Channel.Kind.WEBSITE_COLUMN, *Channel.NEW_MEDIA)


def judged_channels():
    """Active website columns and new-media accounts, not offline, not closed."""
    return (Channel.objects.filter(is_active=True, is_offline=False, kind__in=JUDGED_KINDS)
            .exclude(account__closed_on__isnull=False).select_related("department", "account"))


def opened_on(channels) -> dict[int, date]:
    """When each channel was opened: an account's 开设日期, else the first audit entry about the channel."""
    out = {c.pk: c.account.opened_on for c in channels if hasattr(c, "account")}
    first = (AuditEntry.objects.filter(object_type__in=object_types(Channel), object_id__in=[str(c.pk) for c in channels])
             .order_by().values("object_id").annotate(first=Min("at")).values_list("object_id", "first"))
    for object_id, at in first:
        out.setdefault(int(object_id), timezone.localdate(at))
    return out


def _channel_url(channel: Channel) -> str:
    return reverse("channels:account" if channel.is_new_media else "channels:edit", args=[channel.pk])


@breach_source
def stale_channels(today: date) -> list[Breach]:
    """Columns and accounts whose last live publication (or opening) is older than their threshold."""
    channels = list(judged_channels())
    last = last_published(c.pk for c in channels)
    opened = opened_on(channels)
    found = []
    for channel in channels:
        since = timezone.localdate(last[channel.pk]) if channel.pk in last else opened.get(channel.pk)
        days = None if since is None else (today - since).days
        if days is not None and days <= channel.update_threshold_days:
            continue
        found.append(Breach(
            kind="stale_channel", kind_label=_("账号不更新") if channel.is_new_media else _("栏目不更新"),
            subject=str(channel), department_id=channel.department_id, department=str(channel.department or ""),
            responsible_ids=tuple(pk for pk in (channel.responsible_id,) if pk), since=since,
            limit_days=channel.update_threshold_days,
            overdue_days=None if days is None else days - channel.update_threshold_days, url=_channel_url(channel)))
    return found


# ---- over a past period (年度考评) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleSpell:
    """A stretch within a period during which a channel was beyond its threshold (超期未更新时段)."""

    channel: str
    start: date  # the first day beyond the threshold
    end: date  # the day before it was updated again, or the end of the period
    days: int  # days beyond the threshold within the period


def stale_spells(channels, start: date, end: date) -> list[StaleSpell]:
    """For each channel, the stretches between `start` and `end` without a publication for longer than its threshold.

    Every publication made counts as an update at the time, even if retracted or replaced later.
    """
    return [spell for spells in stale_spells_by_channel(channels, start, end).values() for spell in spells]


def stale_spells_by_channel(channels, start: date, end: date) -> dict[int, list[StaleSpell]]:
    """`stale_spells` per channel id (every channel present), in two queries however many channels."""
    channels = list(channels)
    dates: dict[int, list[date]] = defaultdict(list)
    published = Publication.objects.filter(channel__in=channels, published_at__isnull=False,
                                           published_at__lt=Period(start, end).until)
    for channel_id, at in published.order_by("published_at").values_list("channel_id", "published_at"):
        dates[channel_id].append(timezone.localdate(at))
    opened = opened_on(channels)
    spells: dict[int, list[StaleSpell]] = {}
    for channel in channels:
        found = spells[channel.pk] = []
        reference = opened.get(channel.pk, start)
        # each update ends a stretch the day before it; the period's end closes the last one
        for stop in [*(day - timedelta(days=1) for day in dates[channel.pk]), end]:
            first = max(reference + timedelta(days=channel.update_threshold_days + 1), start)
            last = min(stop, end)
            if first <= last:
                found.append(StaleSpell(str(channel), first, last, (last - first).days + 1))
            reference = max(reference, stop + timedelta(days=1))
    return spells


def dashboard_panels(person) -> dict:
    """The dashboard's 超期未更新 panel, for those who may see statistics (within their scope)."""
    if not can(person, "oversight.view_statistics"):
        return {}
    return {"stale_breaches": breaches(departments=visible_departments(person))}
