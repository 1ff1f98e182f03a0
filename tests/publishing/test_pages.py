"""The publishing pages: 发布管理, the publish and retract forms, 熔断, 回头看 — through the browser's requests."""

import re

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.oversight.audit import object_types
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.models import FollowUp, Publication

from .conftest import channels

pytestmark = pytest.mark.django_db


def test_the_overview_lists_approved_items_waiting_and_offers_the_officer_a_publish_button(
        office_hours, approved, client_as):
    item = approved(title="待发布的稿件")
    page = client_as("officer").get(reverse("publishing:overview")).content.decode()
    assert "待发布的稿件" in page and reverse("publishing:publish", args=[item.pk]) in page
    editor_page = client_as("editor").get(reverse("publishing:overview")).content.decode()
    assert "待发布的稿件" in editor_page and reverse("publishing:publish", args=[item.pk]) not in editor_page


def test_members_cannot_open_publishing_pages(client_as):
    for name in ("publishing:overview", "publishing:follow_ups"):
        response = client_as("member").get(reverse(name))
        assert response.status_code == 403 and "会员单位不能查看发布记录" in response.content.decode()


def test_publishing_through_the_form_and_the_item_page_shows_the_record(office_hours, approved, client_as):
    item = approved()
    officer = client_as("officer")
    form = officer.get(reverse("publishing:publish", args=[item.pk])).content.decode()
    assert "要闻动态" in form and "江城工信" in form and item.current_revision.short_hash in form
    response = officer.post(reverse("publishing:publish", args=[item.pk]),
                            {"channels": [c.pk for c in channels("要闻动态", "江城工信")]}, follow=True)
    page = response.content.decode()
    assert "已发布到：" in page and "发布记录" in page
    assert set(item.publications.values_list("status", flat=True)) == {Publication.Status.LIVE}


def test_a_refused_publication_keeps_the_form_and_says_why(office_hours, approved, client_as):
    item = approved()
    response = client_as("officer").post(reverse("publishing:publish", args=[item.pk]),
                                         {"channels": [channels("要闻动态")[0].pk], "at": "2026-11-25T16:30"},
                                         REMOTE_ADDR="203.0.113.9")
    page = response.content.decode()
    assert response.status_code == 200 and "不在办公网络内" in page
    assert 'value="2026-11-25T16:30"' in page
    assert not item.publications.exists()


def test_the_publish_page_refuses_people_who_are_not_the_officer(office_hours, approved, client_as):
    item = approved()
    response = client_as("leader").get(reverse("publishing:publish", args=[item.pk]))
    assert response.status_code == 403 and "只有信息专管员可以发布信息" in response.content.decode()


def test_retracting_through_the_form_needs_a_reason(office_hours, approved, client_as):
    item = approved()
    officer = client_as("officer")
    officer.post(reverse("publishing:publish", args=[item.pk]), {"channels": [c.pk for c in channels("要闻动态")]})
    url = reverse("publishing:retract", args=[item.pk])
    response = officer.post(url, {"channels": [channels("要闻动态")[0].pk], "reason": ""})
    assert "请填写撤回原因" in response.content.decode()
    officer.post(url, {"channels": [channels("要闻动态")[0].pk], "reason": "内容过期"})
    assert item.publications.get().status == Publication.Status.RETRACTED


def test_the_circuit_breaker_page_takes_a_channel_offline_and_only_a_leader_restores_it(client_as):
    column = Channel.objects.get(name="政策文件")
    url = reverse("publishing:switch_channel", args=[column.pk])
    response = client_as("officer").post(url, {f"c{column.pk}-reason": ""})
    assert response.status_code == 400 and "请填写熔断原因" in response.content.decode()
    client_as("officer").post(url, {f"c{column.pk}-reason": "发现错误表述，紧急下线核查"})
    assert Channel.objects.get(pk=column.pk).is_offline
    page = client_as("officer").get(reverse("publishing:breaker")).content.decode()
    assert "发现错误表述，紧急下线核查" in page and "恢复须由分管领导或主要领导操作" in page
    refused = client_as("officer").post(url, {f"c{column.pk}-note": "已核查"})
    assert refused.status_code == 403 and Channel.objects.get(pk=column.pk).is_offline
    client_as("chief").post(url, {f"c{column.pk}-note": "核查无误，恢复"})
    assert not Channel.objects.get(pk=column.pk).is_offline
    assert [e.action for e in AuditEntry.objects.filter(object_type__in=object_types(Channel), object_id=str(column.pk))
            .order_by("seq")][-2:] == ["publishing.channel_offline", "publishing.channel_restored"]


@pytest.mark.parametrize("username", ["editor", "editor2", "head", "spokesperson", "secrecy", "admin", "member"])
def test_people_without_the_right_cannot_open_the_circuit_breaker(client_as, username):
    response = client_as(username).get(reverse("publishing:breaker"))
    assert response.status_code == 403


def test_the_department_answers_its_follow_up_on_its_page(office_hours, approved, client_as):
    item = approved(names=("要闻动态",))
    client_as("officer").post(reverse("publishing:publish", args=[item.pk]),
                              {"channels": [channels("要闻动态")[0].pk]})
    follow_up = FollowUp.objects.get(item=item)
    assert item.title in client_as("head").get(reverse("publishing:follow_ups")).content.decode()
    assert item.title not in client_as("editor2").get(reverse("publishing:follow_ups")).content.decode()
    url = reverse("publishing:follow_up_answer", args=[follow_up.pk])
    assert client_as("editor2").get(url).status_code == 403
    kept = client_as("head").post(url, {"result": "needs_correction", "note": ""}).content.decode()
    assert "请说明需要更正或撤回的问题" in kept
    assert re.search(r'value="needs_correction"[^>]*checked', kept)  # the choice is kept
    client_as("head").post(url, {"result": "needs_correction", "note": "第二段日期有误"})
    assert FollowUp.objects.get(pk=follow_up.pk).result == FollowUp.Result.NEEDS_CORRECTION


def test_the_dashboard_shows_the_officer_what_waits_and_the_department_its_follow_ups(
        office_hours, approved, client_as):
    item = approved(title="等待发布的工作动态", names=("要闻动态",))
    panel = client_as("officer").get("/").content.decode().split('data-testid="panel-publishing"')[1]
    assert "等待发布的工作动态" in panel.split("</div>")[0]
    client_as("officer").post(reverse("publishing:publish", args=[item.pk]), {"channels": [channels("要闻动态")[0].pk]})
    head_page = client_as("head").get("/").content.decode()
    assert 'data-testid="panel-follow-ups"' in head_page and "等待发布的工作动态" in head_page
    assert 'data-testid="panel-follow-ups"' not in client_as("editor2").get("/").content.decode()
