"""The delivery API (推送记录接口): list deliveries, push a failed one again, confirm a posting by hand.

Status codes as in the items API: 403 the permission module refuses (only administrators and information
officers see deliveries; only officers retry or confirm), 404 no such delivery, 400 a delivery rule refuses
(not failed, no 推送地址, the version was retracted or replaced, already delivered), 422 malformed input.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from sanshen.core.api import DB_MAX_ID, REFUSALS, Id, forbid, service_refusals
from sanshen.core.api_paging import Paging
from sanshen.org.permissions import reason_to_prevent

from . import log, services
from .models import Delivery

deliveries_router = Router(tags=["推送 Deliveries"])

DeliveryId = Annotated[int, Path(ge=1, le=DB_MAX_ID, description="推送记录编号 Delivery id")]


class DeliveryFilters(Paging):
    status: Literal[tuple(Delivery.Status.values)] | None = Field(
        None, description="pending 待推送 · delivered 已送达 · failed 失败")
    channel: Id | None = Field(None, description="渠道编号 Channel id")
    item: Id | None = Field(None, description="稿件编号 Item id")


class ConfirmIn(Schema):
    note: str = Field("", max_length=300, description="说明 Where and how it was posted")


class DeliveryChannelOut(Schema):
    id: int
    name: str
    kind: str
    adapter: str = Field(description="webhook 签名推送 · package 发布包人工发布")


class DeliveryOut(Schema):
    id: int
    action: str = Field(description="publish 发布 · retract 撤回")
    status: str = Field(description="pending 待推送 · delivered 已送达 · failed 失败")
    item_id: int
    title: str
    content_hash: str = Field(description="推送版本的内容指纹 Content hash of the published revision")
    channel: DeliveryChannelOut
    attempts: int
    next_attempt_at: datetime | None = Field(description="下次自动尝试 Next automatic attempt, if any")
    response_code: int | None
    last_error: str
    delivered_at: datetime | None
    created_at: datetime


class DeliveryListOut(Schema):
    count: int = Field(description="符合条件的总数 How many match the filters")
    counts: dict[str, int] = Field(description="各状态数量（全部推送） Deliveries per status, all of them")
    results: list[DeliveryOut]


def delivery_out(delivery: Delivery) -> dict:
    publication = delivery.publication
    channel = publication.channel
    return {
        "id": delivery.pk, "action": delivery.action, "status": delivery.status, "item_id": publication.item_id,
        "title": publication.revision.title, "content_hash": publication.content_hash,
        "channel": {"id": channel.pk, "name": channel.name, "kind": channel.kind,
                    "adapter": "webhook" if channel.webhook_url else "package"},
        "attempts": delivery.attempts, "next_attempt_at": delivery.next_attempt_at,
        "response_code": delivery.response_code, "last_error": delivery.last_error,
        "delivered_at": delivery.delivered_at, "created_at": delivery.created_at,
    }


def _delivery(delivery_id: int) -> Delivery:
    delivery = log.deliveries().filter(pk=delivery_id).first()
    if delivery is None:
        raise HttpError(404, _("没有编号为 %(id)s 的推送记录。") % {"id": delivery_id})
    return delivery


@deliveries_router.get("", response={200: DeliveryListOut, **REFUSALS})
def list_deliveries(request, filters: Query[DeliveryFilters]):
    """推送记录 Deliveries to channels other than website columns, newest first.

    分页：limit（每页条数，最多 500）与 offset；`count` 为符合条件的总数。Paged with limit and offset;
    `count` is the number matching.
    """
    forbid(reason_to_prevent("publishing.view_deliveries", request.user))
    rows = log.deliveries(status=filters.status or "", channel_id=filters.channel, item_id=filters.item)
    return {"count": rows.count(), "counts": log.status_counts(),
            "results": [delivery_out(d) for d in rows[filters.offset:filters.offset + filters.limit]]}


@deliveries_router.post("/{delivery_id}/retry", response={200: DeliveryOut, **REFUSALS})
def retry(request, delivery_id: DeliveryId):
    """重新推送 Make a failed webhook delivery due now; the worker attempts it (information officer only)."""
    forbid(reason_to_prevent("publishing.retry_delivery", request.user))
    with service_refusals():
        delivery = services.retry(_delivery(delivery_id), request.user, request=request)
    return delivery_out(_delivery(delivery.pk))


@deliveries_router.post("/{delivery_id}/confirm", response={200: DeliveryOut, **REFUSALS})
def confirm(request, delivery_id: DeliveryId, payload: ConfirmIn):
    """已人工发布 Record that the export package was posted (or taken down) by hand (information officer only)."""
    forbid(reason_to_prevent("publishing.confirm_delivery", request.user))
    with service_refusals():
        delivery = services.confirm_posted(_delivery(delivery_id), request.user, note=payload.note, request=request)
    return delivery_out(_delivery(delivery.pk))
