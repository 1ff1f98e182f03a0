"""Daily reminders (催办提醒): stages still owed after an emergency approval (R6), overdue secrecy
determinations (R7). Run by `sanshen remind` or the `remind` task, e.g. once a day from cron.

A person is reminded about one thing at most once a day: nobody gets a reminder whose link they were
already sent within the last 20 hours (so a reminder also waits a day after the first notification).
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.models import Person, Role
from sanshen.web.models import Notification
from sanshen.web.notify import notify

from . import flow
from .models import EmergencyApproval, SecrecyRequest
from .services import decision_refusal, item_url

QUIET_PERIOD = timedelta(hours=20)


def _remind(people, message: str, url: str, now: datetime) -> int:
    """Notify those of `people` who got nothing with this link during the quiet period; how many were."""
    people = {p.pk: p for p in people if p is not None and p.is_active}
    recent = Notification.objects.filter(person__in=people.keys(), url=url, created_at__gt=now - QUIET_PERIOD)
    for person_id in recent.values_list("person_id", flat=True):
        people.pop(person_id, None)
    notify(people.values(), message, url)
    return len(people)


def _emergency_reminders(now: datetime) -> int:
    """Those who may sign the next stage still owed on an item published on an emergency approval."""
    sent = 0
    for approval in EmergencyApproval.objects.open().select_related("item"):
        item = approval.item
        stage = flow.next_stage(item)
        if stage is None:
            continue
        signers = [p for p in flow.people_for_stage(stage, item) if decision_refusal(item, p) is None]
        sent += _remind(signers, _("应急发布的稿件“%(title)s”仍待您补签%(stage)s（%(date)s 应急审核通过）") % {
            "title": item.title, "stage": stage.name, "date": timezone.localdate(approval.approved_at)},
            item_url(item), now)
    return sent


def _secrecy_reminders(now: datetime) -> int:
    """The secrecy reviewers and the asker of every unanswered determination past its due date."""
    sent = 0
    overdue = SecrecyRequest.objects.filter(answer="", due_on__lt=timezone.localdate(now)).select_related(
        "item", "asked_by")
    reviewers = list(Person.holding(Role.SECRECY))
    for asked in overdue:
        facts = {"title": asked.item.title, "due": asked.due_on}
        sent += _remind([p for p in reviewers if p != asked.asked_by],
                        _("保密审查已超期：稿件“%(title)s”应于 %(due)s 前答复，请尽快答复") % facts,
                        reverse("review:secrecy_answer", args=[asked.pk]), now)
        sent += _remind([asked.asked_by], _("您提请的保密审查已超期未答复：稿件“%(title)s”应于 %(due)s 前答复") % facts,
                        item_url(asked.item), now)
    return sent


def send_reminders(now: datetime | None = None) -> dict:
    """Send today's reminders; how many went out, by kind."""
    now = now or timezone.now()
    with transaction.atomic():
        return {"emergency": _emergency_reminders(now), "secrecy": _secrecy_reminders(now)}
