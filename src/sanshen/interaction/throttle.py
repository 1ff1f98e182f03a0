"""How many messages one address may leave (留言限流): counted in the database, so every process agrees."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Message


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta
    label: str


def limits() -> list[Limit]:
    """At most 3 messages in 10 minutes and 10 in a day per address; `SANSHEN_MESSAGE_LIMITS` may set others
    as [(count, seconds), ...]."""
    pairs = getattr(settings, "SANSHEN_MESSAGE_LIMITS", [(3, 600), (10, 86400)])
    return [Limit(count, timedelta(seconds=seconds), _window_label(seconds)) for count, seconds in pairs]


def _window_label(seconds: int) -> str:
    if seconds % 86400 == 0:
        return _("%(n)s 天") % {"n": seconds // 86400} if seconds > 86400 else _("一天")
    if seconds % 3600 == 0:
        return _("%(n)s 小时") % {"n": seconds // 3600}
    return _("%(n)s 分钟") % {"n": max(1, seconds // 60)}


def limit_refusal(address: str, now: datetime) -> str | None:
    """Why `address` may not leave another message now (and from when it may), or None."""
    for limit in limits():
        recent = Message.objects.filter(client_address=address, submitted_at__gt=now - limit.window)
        if recent.count() >= limit.count:
            oldest = recent.order_by("-submitted_at").values_list("submitted_at", flat=True)[limit.count - 1]
            again = timezone.localtime(oldest + limit.window)
            return _("留言过于频繁：同一网络地址%(window)s内最多留言 %(count)s 条，请于 %(at)s 后再试。您填写的内容已保留。") % {
                "window": limit.label, "count": limit.count, "at": again.strftime("%Y-%m-%d %H:%M")}
    return None
