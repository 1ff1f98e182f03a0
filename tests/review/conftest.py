"""Helpers for the review pages' tests: fresh items, and signing through the decision form."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.review import flow
from sanshen.review.services import submit_item

BODY = "我局组织开展安全生产专项检查，共检查企业32家，发现并督促整改问题15项。"


def refresh(item):
    return Item.objects.get(pk=item.pk)


def form_data(item, verdict="approve", opinion="同意。", checklist=True, proofread=True, **extra):
    """What a reviewer ticks and types on the decision form for the item's next stage."""
    data = {"verdict": verdict, "opinion": opinion, **extra}
    if checklist:
        data.update({f"check_{key}": "on" for key, _ in flow.next_stage(refresh(item)).checklist_items()})
    if proofread:
        data["proofread"] = "on"
    return data


def sign(client, item, **fields):
    return client.post(reverse("review:decide", args=[item.pk]), form_data(item, **fields))


@pytest.fixture
def submitted(person):
    """A fresh item by editor in 产业发展科, submitted to 要闻动态 and waiting at 初审."""

    def make(title="我局开展安全生产专项检查", body=BODY, **fields):
        item = create_item(person("editor"), ItemInput(
            title=title, body=body, channels=[Channel.objects.get(name="要闻动态")], **fields))
        submit_item(item, person("editor"))
        return refresh(item)

    return make
