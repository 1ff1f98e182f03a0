"""The decision form (审核签字): approve and reject through the page; refusals say which rule refused."""

import pytest
from django.urls import reverse

from sanshen.content.models import Item
from sanshen.review.models import Decision

from .conftest import refresh, sign

pytestmark = pytest.mark.django_db

WAITING = "全市中小企业数字化转型培训班开班"


def decide_url(item):
    return reverse("review:decide", args=[item.pk])


def test_the_form_shows_the_revision_the_stage_checklist_and_the_screening(client_as):
    item = Item.objects.get(title=WAITING)
    page = client_as("head").get(decide_url(item)).content.decode()
    assert "复审签字" in page and item.current_revision.body[:20] in page
    for label in ("政治方向、提法表述正确", "不涉及秘密事项", "事实、数据、人名职务准确", "已完成校对（三校）",
                  "提请主要领导终审", "技术筛查", "李采编"):  # editor2's 初审 signature is listed
        assert label in page, label
    assert reverse("content:item", args=[item.pk]) in page


def test_approving_through_the_form_signs_the_stage(client_as, submitted):
    item = submitted()
    response = sign(client_as("editor2"), item, opinion="内容准确，同意报科室负责人。")
    assert response.status_code == 302 and response.url == reverse("review:queue")
    decision = Decision.objects.get(item=item)
    assert (decision.stage_name, decision.verdict, decision.opinion) == ("初审", "approve", "内容准确，同意报科室负责人。")
    assert decision.checklist == {"source_legal": True, "ideology": True, "no_secret": True, "truth_logic": True}
    assert decision.content_hash == item.current_revision.content_hash


@pytest.mark.parametrize("missing, message", [
    ({"checklist": False}, "请逐项确认审核要点"),
    ({"proofread": False}, "请确认已完成校对（三校）"),
])
def test_a_missing_confirmation_is_said_in_chinese_and_the_opinion_is_kept(client_as, submitted, missing, message):
    item = submitted()
    response = sign(client_as("editor2"), item, opinion="我写了很长的审核意见。", **missing)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "我写了很长的审核意见。" in page
    assert not Decision.objects.filter(item=item).exists()


def test_rejecting_needs_a_reason_and_sends_the_item_back(client_as, submitted):
    item = submitted()
    client = client_as("editor2")
    response = sign(client, item, verdict="reject", opinion="", checklist=False, proofread=False)
    assert "退回稿件须写明理由" in response.content.decode()
    sign(client, item, verdict="reject", opinion="数据须注明来源。", checklist=False, proofread=False)
    assert refresh(item).status == Item.Status.REJECTED
    assert Decision.objects.get(item=item).verdict == "reject"


def test_a_reviewer_who_already_signed_is_refused_the_next_stage(client_as, submitted, person):
    from sanshen.org.models import Role, RoleAssignment
    item = submitted()
    sign(client_as("editor2"), item)
    # editor2 is made a section head too: still may not sign a second stage of the same item
    assignment = RoleAssignment.objects.create(person=person("editor2"), role=Role.SECTION_HEAD)
    assignment.departments.add(item.department)
    response = client_as("editor2").get(decide_url(item))
    assert response.status_code == 403
    assert "同一人不能签署两个环节" in response.content.decode()


def test_the_author_may_not_decide_on_their_own_item(client_as, submitted):
    item = submitted()
    response = client_as("editor").get(decide_url(item))
    assert response.status_code == 403
    assert "不能审核自己撰写的稿件" in response.content.decode()
    assert client_as("editor").post(decide_url(item), {"verdict": "approve"}).status_code == 403


def test_the_wrong_stage_reviewer_sees_who_must_sign(client_as):
    item = Item.objects.get(title=WAITING)
    response = client_as("leader").get(decide_url(item))
    assert response.status_code == 403
    assert "复审须由产业发展科的科室负责人签署" in response.content.decode()
