"""Requests for temporary grants (临时授权申请): who may ask and who may decide, for every role and through the
service, the pages and the API; declining with a reason; bad input refused with the form kept."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from sanshen.org import grant_requests
from sanshen.org.models import GrantRequest, Person, Role, TemporaryGrant
from sanshen.org.permissions import ACTIONS
from sanshen.org.services import OrgError, set_roles
from sanshen.oversight.models import AuditEntry
from sanshen.web.models import Notification
from tests.conftest import ROLE_USERS

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # Friday afternoon
EVENING = {"starts_at": NOW + timedelta(hours=1), "ends_at": NOW + timedelta(hours=4)}
GRANTERS = {"admin", "leader", "chief"}


@pytest.fixture(autouse=True)
def friday_afternoon():
    with time_machine.travel(NOW, tick=False):
        yield


def ask(person, reason="晚间发布会议消息", **period):
    return grant_requests.request_grant(person, reason=reason, **(period or EVENING))


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


@pytest.mark.parametrize("username", ROLE_USERS)
def test_only_the_officer_asks_and_only_admins_and_leaders_decide(username, person):
    who = person(username)
    if username == "officer":
        assert ask(who).status == GrantRequest.Status.PENDING
    else:
        with pytest.raises(OrgError, match=str(ACTIONS["org.request_grant"].refusal)):
            ask(who)
    pending = ask(person("officer"), reason=f"由{username}审批")
    if username in GRANTERS:
        assert grant_requests.approve(pending, who).status == GrantRequest.Status.APPROVED
        assert TemporaryGrant.objects.get(request=pending).granted_by == who
    else:
        with pytest.raises(OrgError, match=str(ACTIONS["org.decide_grant_request"].refusal)):
            grant_requests.approve(pending, who)
        with pytest.raises(OrgError, match=str(ACTIONS["org.decide_grant_request"].refusal)):
            grant_requests.decline(pending, who, reason="不必")
        assert GrantRequest.objects.get(pk=pending.pk).status == GrantRequest.Status.PENDING


@pytest.fixture
def leader_on_duty(person):
    """A leader of a small office who also publishes: may ask and may grant, but not both at once."""
    dual = Person.objects.create_user("dual", password="Dual-2026!pass", full_name="兼任领导")
    set_roles(dual, {Role.OFFICER: [], Role.LEADER: []})
    return dual


def test_nobody_approves_or_declines_their_own_request(leader_on_duty, person, client_as):
    own = ask(leader_on_duty)
    with pytest.raises(OrgError, match="不能审批自己的临时授权申请"):
        grant_requests.approve(own, leader_on_duty)
    with pytest.raises(OrgError, match="不能审批自己的临时授权申请"):
        grant_requests.decline(own, leader_on_duty, reason="自己不批")
    assert not TemporaryGrant.objects.filter(person=leader_on_duty).exists()
    page = client_as("dual").get(reverse("org:grants")).content.decode()
    assert reverse("org:grant_request_approve", args=[own.pk]) not in page and "待审批" in page
    assert Notification.objects.filter(person=person("chief"), message__contains="兼任领导（dual）申请临时授权").exists()
    assert not Notification.objects.filter(person=leader_on_duty, message__contains="申请临时授权").exists()
    assert grant_requests.approve(own, person("chief")).decided_by == person("chief")


def test_a_decided_request_is_not_decided_again(person):
    done = grant_requests.approve(ask(person("officer")), person("leader"))
    with pytest.raises(OrgError, match="该申请已处理（已批准）"):
        grant_requests.decline(done, person("chief"), reason="晚了")
    assert TemporaryGrant.objects.filter(request=done).count() == 1


def test_declining_needs_a_reason_and_the_officer_is_told_it(person, client_as):
    pending = ask(person("officer"))
    leader = client_as("leader")
    url = reverse("org:grant_request_decline", args=[pending.pk])
    response = leader.post(url, {f"r{pending.pk}-reason": "  "})
    assert response.status_code == 400 and "请填写不批准的理由" in response.content.decode()
    assert GrantRequest.objects.get(pk=pending.pk).status == GrantRequest.Status.PENDING
    leader.post(url, {f"r{pending.pk}-reason": "可在下周一上班后发布"})
    declined = GrantRequest.objects.get(pk=pending.pk)
    assert declined.status == GrantRequest.Status.DECLINED and declined.decided_by == person("leader")
    assert declined.grant is None
    assert Notification.objects.filter(person=person("officer"), message__contains="可在下周一上班后发布").exists()
    entry = AuditEntry.objects.get(action="org.grant_request_declined", object_id=str(pending.pk))
    assert entry.details["reason"] == "可在下周一上班后发布"
    page = client_as("officer").get(reverse("org:grants")).content.decode()
    assert "未批准" in page and "可在下周一上班后发布" in page


@pytest.mark.parametrize(("starts_at", "ends_at", "reason", "message"), [
    ("2026-11-27T21:00", "2026-11-27T18:00", "晚间发布", "结束时间必须晚于开始时间"),
    ("2026-11-27T18:00", "2026-11-27T21:00", "", "请填写申请事由"),
    ("2026-11-26T18:00", "2026-11-26T21:00", "晚间发布", "申请的时段已经过去"),
])
def test_the_request_form_refuses_bad_input_and_keeps_what_was_typed(client_as, starts_at, ends_at, reason,
                                                                       message):
    response = client_as("officer").post(reverse("org:grant_request_create"),
                                         {"starts_at": starts_at, "ends_at": ends_at, "reason": reason})
    page = response.content.decode()
    assert message in page and "您填写的内容已保留" in page
    assert f'value="{starts_at}"' in page and f'value="{ends_at}"' in page and (not reason or f'value="{reason}"' in page)
    assert not GrantRequest.objects.exists()


def test_the_grants_page_shows_the_officer_a_request_button_but_not_the_form_to_grant(client_as, person):
    officer = client_as("officer")
    page = officer.get(reverse("org:grants")).content.decode()
    assert reverse("org:grant_request_create") in page and "登记授权" not in page
    response = officer.post(reverse("org:grants"), {
        "person": person("officer").pk, "starts_at": "2026-11-27T18:00", "ends_at": "2026-11-27T21:00",
        "reason": "自己给自己授权"})
    assert response.status_code == 403 and str(ACTIONS["org.grant_temporary"].refusal) in response.content.decode()
    assert not TemporaryGrant.objects.filter(reason="自己给自己授权").exists()


def test_the_leaders_dashboard_counts_pending_requests_and_shows_five(person, client_as):
    for n in range(7):
        ask(person("officer"), reason=f"第{n + 1}次申请")
    page = client_as("leader").get("/").content.decode()
    panel = page[page.index('data-testid="panel-grant-requests"'):]
    panel = panel[:panel.index("</div>")]
    assert '<span class="tag warn">7</span>' in panel and panel.count("<li>") == 5
    assert 'data-testid="panel-grant-requests"' not in client_as("officer").get("/").content.decode()


# ---- the API ---------------------------------------------------------------------------------------------------

API = "/api/grant-requests"
BODY = {"starts_at": "2026-11-27T18:00:00+08:00", "ends_at": "2026-11-27T21:00:00+08:00", "reason": "晚间发布"}


@pytest.mark.parametrize("username", ROLE_USERS)
def test_the_api_lets_the_officer_ask_and_admins_and_leaders_decide(username, client_as, person):
    client = client_as(username)
    asked = post(client, API, BODY)
    if username == "officer":
        assert asked.status_code == 201 and asked.json()["status"] == "pending"
    else:
        assert asked.status_code == 403 and asked.json()["detail"] == str(ACTIONS["org.request_grant"].refusal)
    pending = ask(person("officer"))
    approved = post(client, f"{API}/{pending.pk}/approve")
    declined = post(client, f"{API}/{pending.pk}/decline", {"reason": "不必"})
    if username in GRANTERS:
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        assert approved.json()["grant_id"] == TemporaryGrant.objects.get(request=pending).pk
        assert declined.status_code == 403 and "该申请已处理" in declined.json()["detail"]
    else:
        refusal = str(ACTIONS["org.decide_grant_request"].refusal)
        assert approved.status_code == 403 and approved.json()["detail"] == refusal
        assert declined.status_code == 403 and declined.json()["detail"] == refusal


def test_the_api_lists_own_requests_for_the_officer_and_all_for_granters(leader_on_duty, client_as, person):
    ask(person("officer"), reason="专管员的申请")
    ask(leader_on_duty, reason="兼任领导的申请")
    assert [r["reason"] for r in client_as("officer").get(API).json()] == ["专管员的申请"]
    assert {r["reason"] for r in client_as("leader").get(API).json()} == {"专管员的申请", "兼任领导的申请"}
    assert client_as("leader").get(API, {"status": "approved"}).json() == []
    refused = client_as("editor").get(API)
    assert refused.status_code == 403 and "查看临时授权" in refused.json()["detail"]


def test_the_api_refuses_self_approval_bad_input_and_unknown_requests_with_reasons(leader_on_duty, client_as,
                                                                                    person):
    own = ask(leader_on_duty)
    dual = client_as("dual")
    refused = post(dual, f"{API}/{own.pk}/approve")
    assert refused.status_code == 403 and refused.json()["detail"] == "不能审批自己的临时授权申请。"
    officer = client_as("officer")
    for change, message in (({"ends_at": "2026-11-27T17:30:00+08:00"}, "结束时间必须晚于开始时间"),
                            ({"reason": " "}, "请填写申请事由"),
                            ({"starts_at": "2026-11-26T18:00:00+08:00", "ends_at": "2026-11-26T21:00:00+08:00"},
                             "申请的时段已经过去")):
        response = post(officer, API, {**BODY, **change})
        assert response.status_code == 400 and message in response.json()["detail"]
    no_reason = post(client_as("leader"), f"{API}/{ask(person('officer')).pk}/decline", {"reason": ""})
    assert no_reason.status_code == 400 and "请填写不批准的理由" in no_reason.json()["detail"]
    missing = post(client_as("leader"), f"{API}/999999/approve")
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]
    assert GrantRequest.objects.filter(requested_by=person("officer")).count() == 1
