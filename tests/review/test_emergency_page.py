"""Emergency approval (应急审核, R6): recorded consultation, then the owed stages chase their signers."""

import pytest
from django.urls import reverse

from sanshen.content.models import Item
from sanshen.review.models import EmergencyApproval

from .conftest import refresh, sign

pytestmark = pytest.mark.django_db


def emergency(client, item, **data):
    return client.post(reverse("review:emergency", args=[item.pk]), data)


def completions_section(client):
    page = client.get(reverse("review:queue")).content.decode()
    return page.split("应急审核待补签", 1)[1] if "应急审核待补签" in page else ""


def test_only_the_spokesperson_or_leader_may_approve_in_an_emergency(client_as, submitted):
    item = submitted()
    response = client_as("head").get(reverse("review:emergency", args=[item.pk]))
    assert response.status_code == 403 and "只有新闻发言人或分管领导可以应急审核" in response.content.decode()


def test_the_consultation_is_required_and_what_was_typed_is_kept(client_as, submitted):
    item = submitted()
    response = emergency(client_as("spokesperson"), item, consultation="", reason="台风预警须立即发布。")
    page = response.content.decode()
    assert response.status_code == 200 and "请记录已请示主要领导的情况" in page and "台风预警须立即发布。" in page
    assert refresh(item).status == Item.Status.IN_REVIEW


def test_an_emergency_approval_waits_in_the_missing_stages_queues_until_signed(client_as, submitted):
    item = submitted()
    response = emergency(client_as("spokesperson"), item, consultation="10:05 电话请示陈局长，同意先行发布。",
                         reason="台风预警须立即发布。")
    assert response.status_code == 302
    approval = EmergencyApproval.objects.get(item=item)
    assert approval.consultation == "10:05 电话请示陈局长，同意先行发布。" and approval.role == "spokesperson"
    assert refresh(item).status == Item.Status.APPROVED

    for who, stage in (("editor2", "初审"), ("head", "复审"), ("leader", "三审")):
        client = client_as(who)
        section = completions_section(client)
        assert item.title in section and stage in section, who
        dashboard = client.get(reverse("dashboard")).content.decode()
        assert 'data-testid="panel-emergency"' in dashboard and item.title in dashboard
        assert "应急审核补签" in client.get(reverse("review:decide", args=[item.pk])).content.decode()
        assert sign(client, item).status_code == 302
        assert item.title not in completions_section(client)
    approval.refresh_from_db()
    assert approval.completed_at is not None
    assert not any(item.title in completions_section(client_as(w)) for w in ("editor2", "head", "leader"))


def test_an_emergency_completion_cannot_be_sent_back(client_as, submitted):
    item = submitted()
    emergency(client_as("leader"), item, consultation="电话请示，同意。", reason="紧急通知。")
    response = sign(client_as("editor2"), item, verdict="reject", opinion="不同意。")
    assert "应急发布的稿件不能退回" in response.content.decode()
