"""A suspended person is refused everywhere (O3): through the services, the pages and the API alike."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sanshen.accountability import services as accountability
from sanshen.accountability.models import Suspension
from sanshen.content.models import Item
from sanshen.content.services import ContentError, ItemInput, create_item
from sanshen.org.permissions import can, reason_to_prevent
from sanshen.publishing import services as publishing
from sanshen.review.services import decide, decision_refusal, submit_item
from tests.publishing.conftest import BODY, CHECKS, channels, from_address, refresh

from .conftest import REASON

pytestmark = pytest.mark.django_db
COMPOSE, REVIEW, PUBLISH, ALL = (Suspension.Scope.COMPOSE, Suspension.Scope.REVIEW, Suspension.Scope.PUBLISH,
                                 Suspension.Scope.ALL)


def draft(person, title="我局召开安全生产工作会议"):
    return create_item(person("editor"), ItemInput(title=title, body=BODY, channels=channels("要闻动态")))


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


# ---- 撰写提交 ------------------------------------------------------------------------------------

def test_a_suspended_editor_cannot_submit_by_service_page_or_api(person, client_as, suspend):
    item = draft(person)
    suspend("editor", COMPOSE)
    with pytest.raises(ContentError, match="您的撰写提交权限已于.*暂停：" + REASON):
        submit_item(item, person("editor"))
    page = client_as("editor").post(reverse("content:submit", args=[item.pk]), follow=True)
    assert "您的撰写提交权限已于" in page.content.decode()
    api = post_json(client_as("editor"), f"/api/items/{item.pk}/submit", {})
    assert api.status_code == 403 and REASON in api.json()["detail"]
    assert refresh(item).status == Item.Status.DRAFT


def test_a_suspended_editor_cannot_write_new_items_and_sees_why_on_the_dashboard(person, client_as, suspend):
    suspend("editor", COMPOSE, days=3)
    with pytest.raises(ContentError, match="撰写提交权限"):
        draft(person)
    editor = client_as("editor")
    response = editor.get(reverse("content:create"))
    assert response.status_code == 403 and REASON in response.content.decode()
    dashboard = editor.get(reverse("dashboard")).content.decode()
    assert 'data-testid="panel-my-suspensions"' in dashboard and REASON in dashboard
    assert not person("editor").has_perm("content.create_item")


def test_a_suspension_of_another_scope_or_person_changes_nothing(person, suspend):
    suspend("editor", PUBLISH)
    suspend("editor2", ALL)
    item = draft(person)
    submit_item(item, person("editor"))
    assert refresh(item).status == Item.Status.IN_REVIEW
    assert reason_to_prevent("content.submit_item", person("member")) is None


# ---- 审核 -----------------------------------------------------------------------------------------

def test_a_suspended_reviewer_cannot_sign_by_service_or_page(person, client_as, submitted_item, suspend):
    suspend("editor2", REVIEW)
    assert "您的审核权限已于" in decision_refusal(submitted_item, person("editor2"))
    with pytest.raises(ContentError, match="审核权限"):
        decide(submitted_item, person("editor2"), verdict="approve", opinion="同意。",
               checklist=CHECKS["initial"], proofread=True)
    page = client_as("editor2").get(reverse("review:decide", args=[submitted_item.pk]))
    assert page.status_code == 403 and REASON in page.content.decode()
    api = post_json(client_as("editor2"), f"/api/items/{submitted_item.pk}/decisions",
                    {"decision": "approve", "opinion": "同意。", "checklist": CHECKS["initial"], "proofread": True})
    assert api.status_code in (400, 403) and "审核权限" in api.json()["detail"]
    assert not submitted_item.decisions.exists()


def test_a_leader_suspended_from_review_cannot_approve_in_an_emergency(person, submitted_item, suspend):
    suspend("leader", REVIEW)
    assert "您的审核权限" in reason_to_prevent("review.emergency_approve", person("leader"), submitted_item)
    assert "您的审核权限" in reason_to_prevent("review.override_finding", person("leader"), submitted_item)


# ---- 发布 -----------------------------------------------------------------------------------------

def test_a_suspended_officer_cannot_publish_by_service_page_or_api(office_hours, approved, person, client_as,
                                                                  suspend):
    item = approved()
    suspend("officer", PUBLISH)
    officer = person("officer")
    with pytest.raises(ContentError, match="您的发布权限已于.*暂停：" + REASON):
        publishing.publish(item, officer, channels("要闻动态"), request=from_address(user=officer))
    page = client_as("officer").post(reverse("publishing:publish", args=[item.pk]),
                                     {"channels": [channels("要闻动态")[0].pk]})
    assert page.status_code == 403 and "您的发布权限已于" in page.content.decode()
    api = post_json(client_as("officer"), f"/api/items/{item.pk}/publish", {"channels": [channels("要闻动态")[0].pk]})
    assert api.status_code == 403 and REASON in api.json()["detail"]
    assert not item.publications.exists()


def test_all_scopes_covers_publishing_and_retracting(office_hours, approved, person, suspend):
    item = approved()
    officer = person("officer")
    publishing.publish(item, officer, channels("要闻动态"), request=from_address(user=officer))
    suspend("officer", ALL)
    with pytest.raises(ContentError, match="您的发布权限"):
        publishing.retract(item, officer, reason="数据有误", request=from_address(user=officer))
    assert not can(officer, "publishing.publish", item)


# ---- when it ends ---------------------------------------------------------------------------------

def test_rights_come_back_when_the_suspension_ends(person, suspend):
    item = draft(person)
    suspension = suspend("editor", COMPOSE, days=2)
    assert "（至" in reason_to_prevent("content.submit_item", person("editor"), item)
    with time_machine.travel(suspension.ends_at + timedelta(minutes=1)):
        assert reason_to_prevent("content.submit_item", person("editor"), item) is None
        submit_item(item, person("editor"))
    assert refresh(item).status == Item.Status.IN_REVIEW


def test_a_suspension_starting_later_does_not_stop_anyone_yet(person, suspend):
    start = timezone.now() + timedelta(days=1)
    suspend("editor", COMPOSE, starts_at=start)
    assert can(person("editor"), "content.create_item")
    with time_machine.travel(start + timedelta(minutes=1)):
        assert not can(person("editor"), "content.create_item")


def test_lifting_early_needs_a_reason_and_restores_the_rights(person, suspend):
    suspension = suspend("editor", COMPOSE)
    with pytest.raises(accountability.OrgError, match="须写明理由"):
        accountability.lift(suspension, reason=" ", acting_user=person("admin"))
    accountability.lift(suspension, reason="已完成整改", acting_user=person("admin"))
    assert can(person("editor"), "content.create_item")
    with pytest.raises(accountability.OrgError, match="已于.*提前恢复"):
        accountability.lift(suspension, reason="再次", acting_user=person("admin"))
