"""The daily digest of breaches (超期未更新日报): the office hears of every breach, each responsible person of theirs.

Run by `sanshen digest` or the `send_digest` task once a day; a second run on the same day sends nothing
(one `Digest` row per day, written in the transaction that notifies, with its audit entry).
"""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.models import Person, Role
from sanshen.statistics.thresholds import Breach, breaches
from sanshen.web.notify import notify

from .audit import record
from .models import Digest

SHOWN_IN_MESSAGE = 3


@dataclass(frozen=True)
class DigestResult:
    day: date
    sent: bool  # False: today's digest had already gone out
    breaches: int
    recipients: int


def office() -> list[Person]:
    """The office that watches the thresholds: the information officers (信息专管员)."""
    return list(Person.holding(Role.OFFICER))


def summary(found: list[Breach]) -> str:
    names = "、".join(b.subject for b in found[:SHOWN_IN_MESSAGE])
    more = _("等") if len(found) > SHOWN_IN_MESSAGE else ""
    return _("超期未更新提醒：%(n)s 项超过更新期限——%(names)s%(more)s") % {"n": len(found), "names": names, "more": more}


def send_digest(today: date | None = None) -> DigestResult:
    """Notify today's breaches once: the office gets them all, each responsible person those they answer for."""
    today = today or timezone.localdate()
    already = Digest.objects.filter(day=today).first()
    if already is not None:
        return DigestResult(today, False, already.breaches, already.recipients)
    found = breaches(today)
    office_ids = {p.pk for p in office()} if found else set()
    messages: dict[int, list[Breach]] = {pk: found for pk in office_ids}
    for breach in found:
        for pk in breach.responsible_ids:
            if pk not in office_ids:
                messages.setdefault(pk, []).append(breach)
    url = reverse("statistics:breaches")
    try:
        with transaction.atomic():
            Digest.objects.create(day=today, breaches=len(found), recipients=len(messages))
            people = Person.objects.in_bulk(list(messages))
            for pk, theirs in messages.items():
                if people.get(pk) is not None and people[pk].is_active:
                    notify([people[pk]], summary(theirs), url)
            record("oversight.digest_sent", details={"day": today, "breaches": [b.text for b in found],
                                                     "recipients": sorted(messages)})
    except IntegrityError:
        existing = Digest.objects.get(day=today)
        return DigestResult(today, False, existing.breaches, existing.recipients)
    return DigestResult(today, True, len(found), len(messages))
