"""The whole 三审三校 walk through the pages: 初审 → 复审 (sent back) → resubmitted → 初审 → 复审 → 三审 → 终审."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, edit_item
from sanshen.review.models import Decision
from sanshen.review.services import submit_item
from sanshen.web.models import Notification

from .conftest import refresh, sign

pytestmark = pytest.mark.django_db


def waiting_for(client):
    """The queue page below its heading (the flash message above it may name the item just signed)."""
    return client.get(reverse("review:queue")).content.decode().split("<h1>", 1)[1]


def test_draft_to_final_review_with_a_rejection_on_the_way(client_as, person, submitted):
    item = submitted()
    editor2, head, leader, chief = (client_as(u) for u in ("editor2", "head", "leader", "chief"))

    assert item.title in waiting_for(editor2)
    assert sign(editor2, item, opinion="初审同意。").status_code == 302
    assert item.title in waiting_for(head)
    assert sign(head, item, verdict="reject", opinion="第二句数据须注明来源。", checklist=False,
                proofread=False).status_code == 302
    assert refresh(item).status == Item.Status.REJECTED
    assert Notification.objects.filter(person=person("editor"), message__contains="第二句数据须注明来源").exists()
    assert item.title not in waiting_for(head)

    edit_item(refresh(item), person("editor"), ItemInput(
        title=item.title, body=item.body + "（数据来源：市应急管理局）",
        channels=[Channel.objects.get(name="要闻动态")]))
    submit_item(refresh(item), person("editor"))
    assert item.title not in waiting_for(head)  # the old 初审 no longer counts: the content changed
    assert sign(editor2, item, opinion="已补充来源，同意。").status_code == 302
    assert sign(head, item, opinion="同意报分管领导。").status_code == 302
    assert item.title not in waiting_for(chief)
    assert sign(leader, item, opinion="同意，请主要领导终审。", request_final_review="on").status_code == 302
    assert refresh(item).status == Item.Status.IN_REVIEW

    page = chief.get(reverse("review:decide", args=[item.pk])).content.decode()
    assert "终审签字" in page and "符合新闻发言人制度要求" in page
    assert item.title in waiting_for(chief)
    assert sign(chief, item, opinion="同意发布。").status_code == 302
    item = refresh(item)
    assert item.status == Item.Status.APPROVED
    signed = Decision.objects.filter(item=item, voided_at__isnull=True,
                                     content_hash=item.current_revision.content_hash, verdict="approve")
    assert [(d.stage_name, d.person.username) for d in signed] == [
        ("初审", "editor2"), ("复审", "head"), ("三审", "leader"), ("终审", "chief")]


def test_a_leader_mention_sends_the_item_to_the_main_leader(client_as, submitted):
    item = submitted(title="学习贯彻讲话精神", body="习近平总书记在会议上强调，要推动制造业高质量发展。")
    for who in ("editor2", "head", "leader"):
        assert sign(client_as(who), item).status_code == 302
    assert refresh(item).status == Item.Status.IN_REVIEW
    assert item.title in waiting_for(client_as("chief"))
