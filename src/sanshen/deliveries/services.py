"""The delivery record's use cases (推送): create, attempt, retry, confirm a posting by hand. P4.

A delivery is due when `next_attempt_at` has come: the machine tries it then, and only then. Webhook
deliveries are created due; export-package deliveries (channels without 推送地址) have no
`next_attempt_at` — they wait until the officer posts the package and confirms it (已人工发布).
A failed attempt leaves status FAILED and, while automatic retries remain, the time of the next one
(BACKOFF); after MAX_ATTEMPTS it stays failed, visible on the log and the dashboard, until retried.
The HTTP request runs outside any transaction: the row is claimed by a compare-and-set on
`next_attempt_at` (a lease), so a task and `sanshen deliver` never send the same attempt twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.services import refuse_if
from sanshen.core import jobs
from sanshen.org.models import Person, Role
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record
from sanshen.publishing.models import Publication
from sanshen.publishing.services import PublishingError
from sanshen.web.notify import notify

from . import webhook
from .document import webhook_document
from .models import Delivery

BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=12)]
MAX_ATTEMPTS = len(BACKOFF) + 1
LEASE = timedelta(minutes=5)  # longer than any request may take; a crashed attempt is due again after it


class DeliveryError(PublishingError):
    """A delivery action refused; the message says why, in Chinese."""


def _refuse_if(reason: str | None) -> None:
    refuse_if(reason, DeliveryError)


def log_url(**filters) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return reverse("deliveries:list") + (f"?{query}" if query else "")


def _watchers(channel) -> list[Person]:
    """Who hears about a channel's deliveries: its responsible person and the information officers."""
    officers = Person.holding(Role.OFFICER)
    return list({p.pk: p for p in [channel.responsible, *officers] if p is not None}.values())


def _details(delivery: Delivery, **more) -> dict:
    publication = delivery.publication
    return {"delivery": delivery.pk, "channel": publication.channel.name, "action": delivery.action,
            "revision": publication.content_hash, **more}


def stale_reason(delivery: Delivery) -> str | None:
    """Why a publish delivery must not go out any more (its publication was retracted or replaced), or None."""
    publication = delivery.publication
    if delivery.action == Delivery.Action.PUBLISH and publication.status != Publication.Status.LIVE:
        return _("此版本已%(status)s，不再推送。") % {"status": publication.get_status_display()}
    if delivery.action == Delivery.Action.PUBLISH and publication.channel.is_offline:
        return _("渠道“%(channel)s”已熔断，恢复前不推送发布。") % {"channel": publication.channel.name}
    return None


# ---- created with the publication ---------------------------------------------------------------------------------

def on_publication_changed(sender, publication: Publication, action: str, **kwargs) -> None:
    """Receiver of `publication_changed` (inside the publishing transaction): record what must go out."""
    if action in ("retract", "supersede"):
        _stop_undelivered(publication)
    if action not in (Delivery.Action.PUBLISH, Delivery.Action.RETRACT) or publication.channel.is_website:
        return
    channel = publication.channel
    by_webhook = bool(channel.webhook_url)
    delivery = Delivery.objects.create(publication=publication, action=action,
                                       next_attempt_at=timezone.now() if by_webhook else None)
    record("publishing.delivery_created", obj=publication.item,
           details=_details(delivery, adapter="webhook" if by_webhook else "package"))
    if by_webhook:
        transaction.on_commit(lambda: _enqueue(delivery.pk))
        return
    message = (_("稿件“%(title)s”待人工发布到“%(channel)s”：请下载发布包，发布后点“已人工发布”。")
               if action == Delivery.Action.PUBLISH else
               _("稿件“%(title)s”已撤回，请在“%(channel)s”人工撤下，完成后点“已人工撤下”。"))
    notify(_watchers(channel), message % {"title": publication.revision.title, "channel": channel.name},
           log_url(status=Delivery.Status.PENDING))


def _stop_undelivered(publication: Publication) -> None:
    """A retracted or replaced version's publish deliveries that have not arrived must not arrive later."""
    reason = _("此版本已%(status)s，未送达的发布推送已停止。") % {"status": publication.get_status_display()}
    for delivery in publication.deliveries.select_for_update().filter(
            action=Delivery.Action.PUBLISH).exclude(status=Delivery.Status.DELIVERED):
        delivery.status, delivery.next_attempt_at, delivery.last_error = Delivery.Status.FAILED, None, reason
        delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
        record("publishing.delivery_stopped", obj=publication.item, details=_details(delivery, reason=reason))


def _enqueue(delivery_id: int, at: datetime | None = None) -> None:
    jobs.enqueue("sanshen.deliveries.tasks.attempt_delivery", delivery_id, run_after=at)


# ---- attempts -----------------------------------------------------------------------------------------------------

def _claim(delivery_id: int, now: datetime) -> bool:
    """Take a due delivery for one attempt (compare-and-set); False when it is not due or someone else has it."""
    return bool(Delivery.objects.filter(
        pk=delivery_id, status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED],
        next_attempt_at__isnull=False, next_attempt_at__lte=now).update(next_attempt_at=now + LEASE))


def attempt(delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Try a due webhook delivery once and record the result; None when it was not due (nothing done)."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related(
        "publication__channel", "publication__revision", "publication__item__department",
        "publication__item__author", "publication__published_by").get(pk=delivery_id)
    channel = delivery.publication.channel
    stale = stale_reason(delivery)
    if stale or not channel.webhook_url:
        return _park(delivery, stale or "")
    outcome = webhook.post(channel.webhook_url, channel.webhook_secret, webhook_document(delivery),
                           event=delivery.action)
    return _record_outcome(delivery.pk, outcome)


def _park(delivery: Delivery, reason: str) -> Delivery:
    """No automatic attempt: stopped for `reason`, or (no reason) waiting to be posted by hand."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update(of=("self",)).select_related("publication__item", "publication__channel") \
            .get(pk=delivery.pk)
        delivery.next_attempt_at = None
        fields = ["next_attempt_at"]
        if reason:
            delivery.status, delivery.last_error = Delivery.Status.FAILED, reason
            fields += ["status", "last_error"]
            record("publishing.delivery_stopped", obj=delivery.publication.item,
                   details=_details(delivery, reason=reason))
        delivery.save(update_fields=fields)
    return delivery


def _record_outcome(delivery_id: int, outcome: webhook.Outcome) -> Delivery:
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update(of=("self",)).select_related(
            "publication__item", "publication__channel__responsible", "publication__revision").get(pk=delivery_id)
        delivery.attempts += 1
        delivery.response_code = outcome.response_code
        if outcome.delivered:
            delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, now
            delivery.next_attempt_at, delivery.last_error = None, ""
        else:
            delivery.status, delivery.last_error = Delivery.Status.FAILED, outcome.error[:300]
            retries_left = delivery.attempts < MAX_ATTEMPTS
            delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1] if retries_left else None
        delivery.save(update_fields=["attempts", "response_code", "status", "delivered_at", "next_attempt_at",
                                     "last_error"])
        record("publishing.delivery_delivered" if outcome.delivered else "publishing.delivery_failed",
               obj=delivery.publication.item, details=_details(
                   delivery, attempt=delivery.attempts, response_code=outcome.response_code, error=outcome.error))
        if not outcome.delivered:
            _tell_failure(delivery)
            if delivery.next_attempt_at:
                at = delivery.next_attempt_at
                transaction.on_commit(lambda: _enqueue(delivery_id, at))
    return delivery


def _tell_failure(delivery: Delivery) -> None:
    """The first failure and the last automatic one are told; the retries in between only show on the log."""
    if delivery.attempts != 1 and delivery.next_attempt_at is not None:
        return
    publication = delivery.publication
    values = {"title": publication.revision.title, "channel": publication.channel.name,
              "action": delivery.get_action_display(), "error": delivery.last_error}
    if delivery.next_attempt_at:
        values["at"] = timezone.localtime(delivery.next_attempt_at).strftime("%H:%M")
        message = _("“%(title)s”%(action)s推送到“%(channel)s”失败（%(error)s），将于%(at)s自动重试。") % values
    else:
        message = _("“%(title)s”%(action)s推送到“%(channel)s”失败（%(error)s），已停止自动重试，请检查后重新推送。") % values
    notify(_watchers(publication.channel), message, log_url(status=Delivery.Status.FAILED))


@dataclass
class Round:
    """What one pass over the due deliveries did (`sanshen deliver`)."""

    delivered: int = 0
    failed: int = 0
    waiting: int = 0  # export-package deliveries, to be posted by hand


def due_ids(now: datetime) -> list[int]:
    return list(Delivery.objects.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED], next_attempt_at__lte=now,
    ).order_by("next_attempt_at", "id").values_list("pk", flat=True))


def attempt_due(now: datetime | None = None, progress=None) -> Round:
    """Attempt every due delivery once; `progress(delivery)` is called after each one."""
    now = now or timezone.now()
    result = Round()
    for delivery_id in due_ids(now):
        delivery = attempt(delivery_id, now)
        if delivery is None:
            continue
        if delivery.status == Delivery.Status.DELIVERED:
            result.delivered += 1
        elif delivery.status == Delivery.Status.FAILED:
            result.failed += 1
        else:
            result.waiting += 1
        if progress:
            progress(delivery)
    return result


# ---- people's actions ---------------------------------------------------------------------------------------------

def retry_refusal(delivery: Delivery, person: Person) -> str | None:
    """Why `person` may not push `delivery` again now, or None (重新推送)."""
    return (reason_to_prevent("publishing.retry_delivery", person, delivery)
            or (None if delivery.status == Delivery.Status.FAILED else _("只有失败的推送可以重新推送。"))
            or (None if delivery.publication.channel.webhook_url else
                _("渠道“%(channel)s”没有推送地址，请下载发布包人工发布。") % {"channel": delivery.publication.channel.name})
            or stale_reason(delivery))


def retry(delivery: Delivery, person: Person, *, request=None) -> Delivery:
    """Make a failed delivery due now and ask the worker to attempt it (重新推送); audited."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update(of=("self",)).select_related(
            "publication__channel", "publication__item").get(pk=delivery.pk)
        _refuse_if(retry_refusal(delivery, person))
        delivery.status, delivery.next_attempt_at = Delivery.Status.PENDING, timezone.now()
        delivery.save(update_fields=["status", "next_attempt_at"])
        record("publishing.delivery_retried", actor=person, obj=delivery.publication.item, request=request,
               details=_details(delivery, previous_error=delivery.last_error))
        delivery_id = delivery.pk
        transaction.on_commit(lambda: _enqueue(delivery_id))
    return delivery


def confirm_refusal(delivery: Delivery, person: Person) -> str | None:
    """Why `person` may not record `delivery` as posted by hand, or None (已人工发布)."""
    return (reason_to_prevent("publishing.confirm_delivery", person, delivery)
            or (_("此推送已于%(at)s送达。") % {"at": timezone.localtime(delivery.delivered_at).strftime("%Y-%m-%d %H:%M")}
                if delivery.status == Delivery.Status.DELIVERED else None)
            or stale_reason(delivery))


def confirm_posted(delivery: Delivery, person: Person, *, note: str = "", request=None) -> Delivery:
    """Record that the officer posted (or took down) the package by hand: who and when (已人工发布)."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update(of=("self",)).select_related(
            "publication__channel", "publication__item").get(pk=delivery.pk)
        _refuse_if(confirm_refusal(delivery, person))
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            Delivery.Status.DELIVERED, timezone.now(), None)
        delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
        record("publishing.delivery_confirmed", actor=person, obj=delivery.publication.item, request=request,
               details=_details(delivery, note=note.strip()[:300]))
    return delivery


def reopen_exhausted(now: datetime | None = None) -> int:
    """Make failed deliveries that ran out of automatic retries due again (`sanshen deliver --retry-failed`)."""
    now = now or timezone.now()
    reopened = 0
    for delivery in Delivery.objects.filter(status=Delivery.Status.FAILED, next_attempt_at__isnull=True,
                                            publication__channel__webhook_url__gt="").select_related(
            "publication__channel", "publication__item"):
        if stale_reason(delivery):
            continue
        with transaction.atomic():
            if Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.FAILED,
                                       next_attempt_at__isnull=True).update(next_attempt_at=now):
                record("publishing.delivery_retried", obj=delivery.publication.item,
                       actor_username="sanshen deliver --retry-failed",
                       details=_details(delivery, previous_error=delivery.last_error))
                reopened += 1
    return reopened
