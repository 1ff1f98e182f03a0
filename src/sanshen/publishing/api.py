"""The publishing API (发布接口): publish an item's approved revision, retract it, list its publications.

Status codes as in the items API: 404 no such item, 403 the permission module refuses (not the
information officer, cannot see the item), 400 a publishing rule refuses (working hours, office network,
not approved or screened, edited since approval, channel not chosen at review, channel offline), 422
malformed input (unknown channel ids, missing reason).
"""

from datetime import datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status

from sanshen.content.api import ChannelOut, ItemId, channels_with_ids, visible_item
from sanshen.core.api import Id, PersonOut, REFUSALS, person_out, service_refusals

from . import services
from .models import Publication

publications_router = Router(tags=["发布 Publishing"])


class PublishIn(Schema):
    """发布 Which channels, and optionally when (定时发布)."""

    channels: Annotated[list[Id], Field(min_length=1, description="发布渠道编号 Channel ids (chosen at review)")]
    at: Annotated[datetime | None, Field(description="定时发布时间 Publish at this time (ISO 8601); now when absent")] = None


class RetractIn(Schema):
    """撤回 Why, and from which channels (all when absent)."""

    reason: Annotated[str, Field(min_length=1, max_length=300, description="撤回原因 Reason")]
    channels: Annotated[list[Id] | None, Field(description="渠道编号 Channel ids; all channels when absent")] = None


class PublicationOut(Schema):
    id: int
    channel: ChannelOut
    status: str = Field(description="scheduled | live | superseded | retracted | cancelled")
    revision: int = Field(description="版本号 Revision number")
    content_hash: str = Field(description="发布版本的内容指纹 SHA-256 of the published revision")
    scheduled_for: datetime | None
    published_at: datetime | None
    published_by: PersonOut
    retracted_at: datetime | None
    retracted_by: PersonOut | None
    retraction_reason: str


def publication_out(publication: Publication) -> dict:
    return {
        "id": publication.pk, "channel": publication.channel, "status": publication.status,
        "revision": publication.revision.number, "content_hash": publication.content_hash,
        "scheduled_for": publication.scheduled_for, "published_at": publication.published_at,
        "published_by": person_out(publication.published_by), "retracted_at": publication.retracted_at,
        "retracted_by": person_out(publication.retracted_by), "retraction_reason": publication.retraction_reason,
    }


@publications_router.post("/{item_id}/publish", response={201: list[PublicationOut], **REFUSALS})
def publish(request, item_id: ItemId, payload: PublishIn):
    """发布 Publish the item's approved and screened revision to the given channels (information officer only)."""
    item = visible_item(request, item_id, "publishing.publish")
    channels = channels_with_ids(payload.channels)
    with service_refusals():
        done = services.publish(item, request.user, channels, at=payload.at, request=request)
    return Status(201, [publication_out(p) for p in done])


@publications_router.post("/{item_id}/retract", response={200: list[PublicationOut], **REFUSALS})
def retract(request, item_id: ItemId, payload: RetractIn):
    """撤回 Withdraw the item from the given channels, or from all, with a reason."""
    item = visible_item(request, item_id, "publishing.retract")
    channels = None if payload.channels is None else channels_with_ids(payload.channels)
    with service_refusals():
        done = services.retract(item, request.user, reason=payload.reason, channels=channels, request=request)
    return [publication_out(p) for p in done]


@publications_router.get("/{item_id}/publications", response={200: list[PublicationOut], **REFUSALS})
def publications(request, item_id: ItemId):
    """发布记录 Where the item was published: channel, revision hash, time and person."""
    item = visible_item(request, item_id)
    return [publication_out(p) for p in item.publications.select_related(
        "channel", "revision", "published_by", "retracted_by")]
