"""Messages not answered within their deadline (网上留言超期未答复), as breaches for 超期未更新, dashboards and the digest. O2, O4."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshen.org.models import Person, Role
from sanshen.statistics.thresholds import Breach, breach_source

from .models import Message
from .queries import overdue


@breach_source
def unanswered_messages(today: date) -> list[Breach]:
    """Routed messages whose answer is not public by the due date; the department's section heads answer for it."""
    found = []
    late = overdue(Message.objects.select_related("department"), today).order_by("due_on")
    heads = {}
    for message in late:
        if message.department_id not in heads:
            heads[message.department_id] = tuple(
                Person.holding(Role.SECTION_HEAD, department=message.department_id).values_list("pk", flat=True))
        days = (today - message.due_on).days
        found.append(Breach(
            kind="unanswered_message", kind_label=_("留言超期未答复"), subject=message.subject,
            department_id=message.department_id, department=str(message.department),
            responsible_ids=heads[message.department_id], since=message.due_on, limit_days=0, overdue_days=days,
            url=reverse("interaction:detail", args=[message.pk]),
            summary=_("网上留言“%(subject)s”：办理期限 %(due)s，已超期 %(days)s 天未答复") % {
                "subject": message.subject, "due": f"{message.due_on:%Y-%m-%d}", "days": days}))
    return found
