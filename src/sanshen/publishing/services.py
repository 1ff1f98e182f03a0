"""Use cases of publishing (发布): publish, schedule, retract, the circuit breaker (熔断) and 回头看. P3, P5, P6.

Each function checks who may act through the permission module, when and from where through the
working-time policy, and what may go out through `review.services.publishable_refusal`; it locks the
item or channel, changes it, sends `publication_changed`/`channel_switched` inside the transaction (so
deliveries and the search index commit with it), writes its audit entry and notifies after commit.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ContentError, refuse_if
from sanshen.core import jobs
from sanshen.org.models import Person, Role
from sanshen.org.permissions import reason_to_prevent
from sanshen.org.workdays import add_working_days
from sanshen.org.worktime import operation_refusal
from sanshen.oversight.audit import client_address, record
from sanshen.review.services import item_url, publishable_refusal
from sanshen.web.notify import notify

from .models import FollowUp, Outage, Publication
from .signals import channel_switched, publication_changed

FOLLOW_UP_WORKING_DAYS = 3
PENDING = (Publication.Status.SCHEDULED, Publication.Status.LIVE)


class PublishingError(ContentError):
    """Publishing refused; the message says which rule refused it, in Chinese."""


def _refuse_if(reason: str | None) -> None:
    refuse_if(reason, PublishingError)


def channel_refusal(channel: Channel, person: Person, item: Item) -> str | None:
    """Why `item` may not go out on `channel` by `person`'s hand (P1, P3, R8), or None."""
    if not item.channels.filter(pk=channel.pk).exists():
        return _("渠道“%(channel)s”不是本稿件审核时确定的发布渠道。") % {"channel": channel.name}
    if not channel.is_active:
        return _("渠道“%(channel)s”已停用。") % {"channel": channel.name}
    if channel.is_offline:
        return _("渠道“%(channel)s”已熔断，恢复前不能发布。") % {"channel": channel.name}
    if channel.publisher_id and channel.publisher_id != person.pk:
        return _("渠道“%(channel)s”的发布人是%(publisher)s。") % {
            "channel": channel.name, "publisher": channel.publisher.display_name}
    if item.sensitivity == Item.Sensitivity.CLASSIFIED and not channel.is_classified:
        return _("涉密稿件不得通过非涉密渠道发布（涉密不上网）。")
    return None


def publish_refusal(item: Item, person: Person, channels: Iterable[Channel], *, address: str | None,
                    moment: datetime | None = None, at: datetime | None = None) -> str | None:
    """Why `person` may not publish `item` to `channels` now from `address` (or schedule it for `at`), or None.

    A scheduled publication must go out in working hours; it may be set outside them from the office (P3, S5).
    """
    channels = list(channels)
    return (reason_to_prevent("publishing.publish", person, item)
            or operation_refusal(person, address=address, moment=moment, goes_out=at)
            or publishable_refusal(item)
            or (None if channels else _("请至少选择一个发布渠道。"))
            or next(filter(None, (channel_refusal(c, person, item) for c in channels)), None))


def publish(item: Item, person: Person, channels: Iterable[Channel], *, at: datetime | None = None,
            request=None) -> list[Publication]:
    """Publish the item's approved, screened revision to `channels`, now or at `at` (发布/定时发布)."""
    channels = list(channels)
    now = timezone.now()
    _refuse_if(_("定时发布时间应晚于现在；立即发布请不填时间。") if at is not None and at <= now else None)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        _refuse_if(publish_refusal(item, person, channels, address=client_address(request), moment=now, at=at))
        revision = item.current_revision
        already = [c.name for c in channels if item.publications.filter(
            channel=c, revision=revision, status__in=PENDING).exists()]
        _refuse_if(_("此版本已发布或已定时发布到：%(channels)s。") % {"channels": _("、").join(already)} if already else None)
        publications = [Publication.objects.create(
            item=item, revision=revision, content_hash=revision.content_hash, channel=channel,
            status=Publication.Status.SCHEDULED if at else Publication.Status.LIVE,
            scheduled_for=at, published_at=None if at else now, published_by=person) for channel in channels]
        record("publishing.scheduled" if at else "publishing.published", actor=person, obj=item, request=request,
               details={"revision": revision.content_hash, "channels": [c.name for c in channels],
                        "at": at.isoformat() if at else None})
        if at:
            transaction.on_commit(lambda: _wake_at(at))
        else:
            for publication in publications:
                _go_live(publication)
    if not at:
        notify([item.author], _("稿件“%(title)s”已发布") % {"title": item.title}, item_url(item))
    return publications


def _wake_at(at: datetime) -> None:
    """Ask the worker to run `publish_due` when the scheduled time comes."""
    jobs.enqueue("sanshen.publishing.tasks.publish_due", run_after=at)


def _go_live(publication: Publication) -> None:
    """Replace what the channel showed of this item, tell listeners, and ask the department for 回头看."""
    earlier = list(Publication.objects.select_for_update().filter(
        item=publication.item, channel=publication.channel, status=Publication.Status.LIVE).exclude(pk=publication.pk))
    for old in earlier:
        old.status = Publication.Status.SUPERSEDED
        old.save(update_fields=["status"])
        publication_changed.send(sender=Publication, publication=old, action="supersede")
    publication_changed.send(sender=Publication, publication=publication, action="publish")
    _ask_follow_up(publication)


def _ask_follow_up(publication: Publication) -> None:
    """One 回头看 per published revision, for the submitting department (002§16)."""
    item = publication.item
    if FollowUp.objects.filter(item=item, revision=publication.revision).exists():
        return
    due = add_working_days(timezone.localdate(), FOLLOW_UP_WORKING_DAYS).due
    FollowUp.objects.create(item=item, revision=publication.revision, department=item.department, due_on=due)
    checkers = Person.holding(Role.EDITOR, Role.SECTION_HEAD).filter(department=item.department)
    url = reverse("publishing:follow_ups")
    notify(list(checkers), _("稿件“%(title)s”已发布，请在%(due)s前完成回头看") % {"title": item.title, "due": due}, url)


def publish_due(now: datetime | None = None) -> int:
    """Put scheduled publications whose time has come online (定时发布); those no longer publishable are cancelled.

    Working hours and the office network were checked when the publication was scheduled (for its time and
    the officer's address); the worker has no address and may run late, so it does not ask them again.
    """
    now = now or timezone.now()
    done = 0
    for pk in Publication.objects.filter(status=Publication.Status.SCHEDULED, scheduled_for__lte=now).values_list(
            "pk", flat=True):
        with transaction.atomic():
            publication = Publication.objects.select_for_update().filter(
                pk=pk, status=Publication.Status.SCHEDULED).select_related("item", "channel").first()
            if publication is None:  # another worker took it
                continue
            item = publication.item
            reason = (publishable_refusal(item)
                      or (_("稿件在定时发布前已修改。") if item.current_revision_id != publication.revision_id else None)
                      or (_("渠道已熔断或停用。") if publication.channel.is_offline or not publication.channel.is_active
                          else None))
            if reason:
                publication.status = Publication.Status.CANCELLED
                publication.retraction_reason = reason
                publication.save(update_fields=["status", "retraction_reason"])
                record("publishing.schedule_cancelled", obj=item, details={"channel": publication.channel.name,
                                                                           "reason": reason})
                notify([publication.published_by, item.author],
                       _("稿件“%(title)s”的定时发布已取消：%(reason)s") % {"title": item.title, "reason": reason},
                       item_url(item))
                continue
            publication.status = Publication.Status.LIVE
            publication.published_at = now
            publication.save(update_fields=["status", "published_at"])
            record("publishing.published", obj=item, details={
                "revision": publication.content_hash, "channels": [publication.channel.name], "scheduled": True})
            _go_live(publication)
            done += 1
    return done


def retract(item: Item, person: Person, *, reason: str, channels: Iterable[Channel] | None = None,
            request=None) -> list[Publication]:
    """Withdraw the item from `channels` (all when None), with a reason (撤回). Scheduled ones are cancelled."""
    reason = (reason or "").strip()
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        _refuse_if(reason_to_prevent("publishing.retract", person, item))
        _refuse_if(None if reason else _("请填写撤回原因。"))
        pending = item.publications.select_for_update().filter(status__in=PENDING)
        if channels is not None:
            pending = pending.filter(channel__in=list(channels))
        pending = list(pending.select_related("channel"))
        _refuse_if(None if pending else _("所选渠道上没有已发布或定时发布的此稿件。"))
        now = timezone.now()
        for publication in pending:
            was_live = publication.status == Publication.Status.LIVE
            publication.status = Publication.Status.RETRACTED if was_live else Publication.Status.CANCELLED
            publication.retracted_at, publication.retracted_by, publication.retraction_reason = now, person, reason
            publication.save(update_fields=["status", "retracted_at", "retracted_by", "retraction_reason"])
            if was_live:
                publication_changed.send(sender=Publication, publication=publication, action="retract")
        record("publishing.retracted", actor=person, obj=item, request=request,
               details={"reason": reason, "channels": [p.channel.name for p in pending]})
    notify([item.author], _("稿件“%(title)s”已撤回：%(reason)s") % {"title": item.title, "reason": reason},
           item_url(item))
    return pending


def take_offline(channel: Channel, person: Person, *, reason: str, request=None) -> Outage:
    """Take a whole channel offline at once (熔断): its public pages stop answering until restored."""
    reason = (reason or "").strip()
    _refuse_if(reason_to_prevent("publishing.take_offline", person, channel))
    _refuse_if(None if reason else _("请填写熔断原因。"))
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        _refuse_if(_("渠道“%(channel)s”已处于熔断状态。") % {"channel": channel.name} if channel.is_offline else None)
        channel.is_offline = True
        channel.save(update_fields=["is_offline"])
        outage = Outage.objects.create(channel=channel, reason=reason, started_by=person)
        channel_switched.send(sender=Channel, channel=channel, offline=True)
        record("publishing.channel_offline", actor=person, obj=channel, request=request, details={"reason": reason})
    _tell_leaders(_("渠道“%(channel)s”已熔断：%(reason)s") % {"channel": channel.name, "reason": reason})
    return outage


def restore(channel: Channel, person: Person, *, note: str, request=None) -> Outage:
    """Bring a channel taken offline back (恢复), with a note on what was done."""
    note = (note or "").strip()
    _refuse_if(reason_to_prevent("publishing.restore_channel", person, channel))
    _refuse_if(None if note else _("请填写恢复说明。"))
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        outage = channel.outages.filter(restored_at__isnull=True).first()
        _refuse_if(None if channel.is_offline and outage else _("渠道“%(channel)s”没有熔断。") % {"channel": channel.name})
        channel.is_offline = False
        channel.save(update_fields=["is_offline"])
        outage.restored_at, outage.restored_by, outage.restore_note = timezone.now(), person, note
        outage.save(update_fields=["restored_at", "restored_by", "restore_note"])
        channel_switched.send(sender=Channel, channel=channel, offline=False)
        record("publishing.channel_restored", actor=person, obj=channel, request=request, details={"note": note})
    _tell_leaders(_("渠道“%(channel)s”已恢复：%(note)s") % {"channel": channel.name, "note": note})
    return outage


def _tell_leaders(message: str) -> None:
    notify(Person.holding(Role.OFFICER, Role.LEADER, Role.MAIN_LEADER), message, reverse("publishing:breaker"))


def answer_follow_up(follow_up: FollowUp, person: Person, *, result: str, note: str = "", request=None) -> FollowUp:
    """Record the department's 回头看 result; a correction goes to the author, a retraction to the officers."""
    note = (note or "").strip()
    _refuse_if(reason_to_prevent("publishing.answer_follow_up", person, follow_up))
    _refuse_if(None if result in FollowUp.Result.values else _("请选择回头看结果。"))
    _refuse_if(_("请说明需要更正或撤回的问题。") if result != FollowUp.Result.FINE and not note else None)
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update(of=("self",)).select_related("item").get(pk=follow_up.pk)
        _refuse_if(_("此回头看已于%(at)s完成。") % {"at": timezone.localtime(follow_up.answered_at).strftime("%Y-%m-%d %H:%M")}
                   if follow_up.answered_at else None)
        follow_up.result, follow_up.note = result, note
        follow_up.answered_by, follow_up.answered_at = person, timezone.now()
        follow_up.save(update_fields=["result", "note", "answered_by", "answered_at"])
        record("publishing.follow_up_answered", actor=person, obj=follow_up.item, request=request,
               details={"result": result, "note": note})
    item = follow_up.item
    message = _("稿件“%(title)s”回头看结果：%(result)s。%(note)s") % {
        "title": item.title, "result": follow_up.get_result_display(), "note": note}
    if result == FollowUp.Result.RETRACT:
        notify(Person.holding(Role.OFFICER),
               message, item_url(item))
    elif result == FollowUp.Result.NEEDS_CORRECTION:
        notify([item.author], message, item_url(item))
    return follow_up
