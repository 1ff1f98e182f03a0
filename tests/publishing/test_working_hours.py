"""Working hours and the office network as the officer meets them (P3): what 发布管理 says, scheduling for the
next working morning, and a temporary grant asked for, approved and used — through the pages."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from sanshen.content.services import ContentError
from sanshen.org.models import GrantRequest, TemporaryGrant
from sanshen.oversight.models import AuditEntry
from sanshen.publishing import services
from sanshen.publishing.models import Publication
from sanshen.web.models import Notification

from .conftest import SATURDAY_MORNING, SHANGHAI, WEDNESDAY_MORNING, channels, from_address

pytestmark = pytest.mark.django_db

WEDNESDAY_EVENING = datetime(2026, 11, 25, 18, 0, tzinfo=SHANGHAI)
THURSDAY_MORNING = datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI)
REQUEST_PAGE = reverse("org:grant_request_create")


@pytest.fixture
def weekend_item(approved):
    """An item approved on Wednesday, still waiting on Saturday morning."""
    with time_machine.travel(SATURDAY_MORNING - timedelta(days=3), tick=False):
        return approved(title="周末待发布的通告")


def overview(client, **extra):
    return client.get(reverse("publishing:overview"), **extra).content.decode()


def test_the_overview_says_why_the_officer_cannot_publish_on_saturday_and_offers_a_grant_request(
        weekend_item, client_as):
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        page = overview(client_as("officer"))
    assert "现在不是工作时间（工作日 08:30–17:30）" in page and "现在不能发布" in page
    assert "可以发布" not in page
    assert f'href="{REQUEST_PAGE}"' in page


def test_the_overview_says_可以发布_in_office_hours_and_names_an_outside_address(office_hours, approved, client_as):
    approved(title="工作时间待发布的稿件")
    inside = overview(client_as("officer"))
    assert "可以发布" in inside and "现在不能发布" not in inside and REQUEST_PAGE not in inside
    outside = overview(client_as("officer"), REMOTE_ADDR="203.0.113.9")
    assert "203.0.113.9 不在办公网络内" in outside and "可以发布" not in outside and REQUEST_PAGE in outside


def test_the_publish_page_links_its_refusal_to_a_grant_request(weekend_item, client_as):
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        page = client_as("officer").get(reverse("publishing:publish", args=[weekend_item.pk])).content.decode()
    assert "现在不是工作时间" in page and f'href="{REQUEST_PAGE}"' in page


def schedule(item, officer, address, at=THURSDAY_MORNING):
    return services.publish(item, officer, channels("要闻动态"), at=at, request=from_address(address))


def test_at_six_in_the_evening_the_officer_schedules_for_half_past_nine_next_morning_from_the_office_only(
        approved, person):
    officer = person("officer")
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        item, away = approved(names=("要闻动态",)), approved(title="出差期间定时发布", names=("要闻动态",))
    with time_machine.travel(WEDNESDAY_EVENING, tick=False):
        with pytest.raises(ContentError, match="203.0.113.9 不在办公网络内"):
            schedule(item, officer, "203.0.113.9")
        scheduled, = schedule(item, officer, "10.2.3.4")
        TemporaryGrant.objects.create(person=officer, granted_by=person("leader"), reason="出差在外",
                                      starts_at=WEDNESDAY_EVENING, ends_at=WEDNESDAY_EVENING + timedelta(hours=2))
        from_outside, = schedule(away, officer, "203.0.113.9")  # a grant for this evening lifts the network check
    assert scheduled.status == Publication.Status.SCHEDULED and scheduled.scheduled_for == THURSDAY_MORNING
    with time_machine.travel(THURSDAY_MORNING + timedelta(minutes=20), tick=False):  # the worker runs late
        assert services.publish_due() == 2
    assert {Publication.objects.get(pk=p.pk).status for p in (scheduled, from_outside)} == {Publication.Status.LIVE}


def test_a_publication_scheduled_for_the_evening_is_refused_unless_a_grant_covers_that_time(
        office_hours, approved, person):
    item = approved(names=("要闻动态",))
    evening = datetime(2026, 11, 25, 20, 0, tzinfo=SHANGHAI)
    with pytest.raises(ContentError, match="定时发布时间 2026-11-25 20:00 不在工作时间"):
        schedule(item, person("officer"), "10.2.3.4", at=evening)
    TemporaryGrant.objects.create(person=person("officer"), granted_by=person("leader"), reason="晚间发布",
                                  starts_at=evening - timedelta(minutes=30), ends_at=evening + timedelta(hours=1))
    scheduled, = schedule(item, person("officer"), "10.2.3.4", at=evening)
    assert scheduled.scheduled_for == evening


def test_on_saturday_the_officer_asks_the_leader_approves_in_one_click_and_the_officer_publishes(
        weekend_item, client_as, person):
    officer, leader = client_as("officer"), client_as("leader")
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        response = officer.post(REQUEST_PAGE, {"starts_at": "2026-11-28T10:00", "ends_at": "2026-11-28T12:00",
                                               "reason": "周末发布应急通告"}, follow=True)
        assert "临时授权申请已提交" in response.content.decode()
        grant_request = GrantRequest.objects.get(reason="周末发布应急通告")
        assert grant_request.status == GrantRequest.Status.PENDING
        assert Notification.objects.filter(person=person("leader"), message__contains="申请临时授权").exists()

        dashboard = leader.get("/").content.decode()
        assert 'data-testid="panel-grant-requests"' in dashboard and "周末发布应急通告" in dashboard
        grants_page = leader.get(reverse("org:grants")).content.decode()
        approve_url = reverse("org:grant_request_approve", args=[grant_request.pk])
        assert approve_url in grants_page
        response = leader.post(approve_url, follow=True)
        assert "已批准" in response.content.decode()

        grant = TemporaryGrant.objects.get(person=person("officer"), reason="周末发布应急通告")
        assert grant.granted_by == person("leader") and grant.ends_at == SATURDAY_MORNING + timedelta(hours=2)
        assert Notification.objects.filter(person=person("officer"), message__contains="已由").exists()
        assert "可以发布" in overview(officer)
        response = officer.post(reverse("publishing:publish", args=[weekend_item.pk]),
                                {"channels": [c.pk for c in channels("要闻动态", "江城工信")]}, follow=True)
    assert "已发布到：" in response.content.decode()
    assert set(weekend_item.publications.values_list("status", flat=True)) == {Publication.Status.LIVE}
    actions = set(AuditEntry.objects.filter(at__gte=SATURDAY_MORNING).values_list("action", flat=True))
    assert {"org.grant_requested", "org.grant_recorded", "org.grant_request_approved",
            "publishing.published"} <= actions


def test_a_refused_schedule_links_to_a_grant_request_for_that_time(office_hours, approved, client_as):
    item = approved(names=("要闻动态",))
    officer = client_as("officer")
    page = officer.post(reverse("publishing:publish", args=[item.pk]),
                        {"channels": [c.pk for c in channels("要闻动态")], "at": "2026-11-25T20:00"},
                        REMOTE_ADDR="10.2.3.4").content.decode()
    assert "不在工作时间" in page and 'value="2026-11-25T20:00"' in page
    assert f'href="{REQUEST_PAGE}?at=2026-11-25T20%3A00"' in page
    form = officer.get(REQUEST_PAGE, {"at": "2026-11-25T20:00"}).content.decode()
    assert 'value="2026-11-25T19:30"' in form and 'value="2026-11-25T20:30"' in form
    for wrong in ("2026-13-45T20:00", "明天晚上"):  # a hand-edited link: the usual two hours from now
        assert 'name="starts_at"' in officer.get(REQUEST_PAGE, {"at": wrong}).content.decode()
