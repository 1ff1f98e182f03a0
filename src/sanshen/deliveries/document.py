"""What a delivery says (推送内容): the published revision, where it went, and who signed it off.

`metadata()` is the export metadata — written as `metadata.json` into the export package and sent
as `metadata` inside the webhook document — so both adapters describe a publication the same way.
"""

from django.utils import timezone

from sanshen.review.models import Decision

from .models import Delivery


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _person(person) -> dict | None:
    return {"username": person.username, "name": person.full_name or person.username} if person else None


def signatures(revision) -> list[dict]:
    """The review signatures (审核签字) still binding `revision`: stage, role, signer, time."""
    decisions = Decision.objects.filter(revision=revision, voided_at__isnull=True).select_related("person")
    return [{
        "stage": d.stage_name,
        "role": d.role,
        "role_label": str(d.get_role_display()),
        "signer": _person(d.person),
        "verdict": d.verdict,
        "opinion": d.opinion,
        "emergency": d.emergency,
        "signed_at": _moment(d.signed_at),
    } for d in decisions]


def attachment_name(position: int, attachment) -> str:
    """The attachment's path inside the export package; the position keeps equal file names apart."""
    return f"attachments/{position:02d}-{attachment.filename}"


def metadata(delivery: Delivery) -> dict:
    """The export metadata of a delivery: item, revision hash, channel, publisher, times, signatures."""
    publication = delivery.publication
    item, revision, channel = publication.item, publication.revision, publication.channel
    return {
        "event": delivery.action,
        "delivery_id": delivery.pk,
        "item": {"id": item.pk, "title": revision.title, "category": item.category,
                 "category_label": str(item.get_category_display()),
                 "department": item.department.name, "author": _person(item.author)},
        "revision": {"number": revision.number, "content_hash": revision.content_hash},
        "channel": {"id": channel.pk, "name": channel.name, "kind": channel.kind,
                    "kind_label": str(channel.get_kind_display())},
        "publisher": _person(publication.published_by),
        "published_at": _moment(publication.published_at),
        "retracted_at": _moment(publication.retracted_at),
        "retracted_by": _person(publication.retracted_by),
        "retraction_reason": publication.retraction_reason if delivery.action == Delivery.Action.RETRACT else "",
        "signatures": signatures(revision),
        "attachments": [{"filename": a.filename, "sha256": a.sha256, "path": attachment_name(n, a)}
                        for n, a in enumerate(revision.attachments.order_by("uploaded_at", "id"), start=1)],
    }


def webhook_document(delivery: Delivery) -> dict:
    """The JSON document POSTed to a channel's 推送地址 (see the README for the receiver's side)."""
    publication = delivery.publication
    revision, channel = publication.revision, publication.channel
    document = {
        "event": delivery.action,
        "delivery_id": delivery.pk,
        "item_id": publication.item_id,
        "title": revision.title,
        "body": revision.body,
        "content_hash": publication.content_hash,
        "channel": {"id": channel.pk, "name": channel.name, "kind": channel.kind},
        "published_at": _moment(publication.published_at),
        "metadata": metadata(delivery),
    }
    if delivery.action == Delivery.Action.RETRACT:
        document["retraction_reason"] = publication.retraction_reason
        document["retracted_at"] = _moment(publication.retracted_at)
    return document
