"""Events (O5): approved by the right leader and filed before they are held; the self-media inventory."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sanshen.content.services import ContentError
from sanshen.events import services
from sanshen.events.models import Event, SelfMediaAccount, Speaker

pytestmark = pytest.mark.django_db
PLAN = "如有敏感言论，主持人当即中止。"


@pytest.fixture
def proposal(person):
    """A lecture by the section head in five days, with one speaker (sensitive when asked)."""

    def make(sensitive=False, note="", is_major=False):
        head = person("head")
        event = Event.objects.create(
            title="智能制造专题讲座", kind=Event.Kind.LECTURE, organiser=head.department,
            starts_at=timezone.now() + timedelta(days=5), venue="三楼会议室", purpose="讲解智能制造政策。",
            contingency_plan=PLAN, proposed_by=head, is_major=is_major)
        Speaker.objects.create(event=event, name="赵研究员", affiliation="省社科院", topic="智能制造",
                               is_sensitive=sensitive, request_note=note)
        return event

    return make


def test_an_event_is_submitted_approved_and_filed_before_it_is_held(proposal, person):
    event = proposal()
    assert services.readiness(event) == "未审批、未备案"
    services.submit_event(event, person("head"))
    services.decide_event(event, person("leader"), approve=True, opinion="同意举办。")
    assert services.readiness(event) == "未备案"
    services.file_event(event, person("officer"), filed_on=timezone.localdate(), reference="江工信备〔2026〕30号")
    assert services.readiness(event) is None
    assert event.pk not in {e.pk for e in services.events_needing_attention()}


def test_a_sensitive_speaker_needs_a_written_request_and_the_main_leader(proposal, person):
    event = proposal(sensitive=True)
    with pytest.raises(ContentError, match="请示说明：赵研究员"):
        services.submit_event(event, person("head"))
    Speaker.objects.filter(event=event).update(request_note="确需邀请，讲稿事先审阅。")
    services.submit_event(event, person("head"))
    with pytest.raises(ContentError, match="须报主要领导审批"):
        services.decide_event(event, person("leader"), approve=True, opinion="")
    services.decide_event(event, person("chief"), approve=True, opinion="同意，讲稿须事先审阅。")
    assert Event.objects.get(pk=event.pk).status == Event.Status.APPROVED


def test_refusals_proposer_cannot_approve_reject_needs_reasons_filing_needs_approval(proposal, person):
    event = proposal()
    with pytest.raises(ContentError, match="审批同意后才能备案"):
        services.file_event(event, person("officer"), filed_on=timezone.localdate(), reference="X")
    services.submit_event(event, person("head"))
    with pytest.raises(ContentError, match="只有分管领导或主要领导"):
        services.decide_event(event, person("head"), approve=True, opinion="")
    with pytest.raises(ContentError, match="须写明理由"):
        services.decide_event(event, person("leader"), approve=False, opinion=" ")
    services.decide_event(event, person("leader"), approve=False, opinion="主讲人资质材料不全。")
    assert Event.objects.get(pk=event.pk).status == Event.Status.REJECTED


def test_nothing_can_be_done_once_the_event_has_started(proposal, person):
    event = proposal()
    services.submit_event(event, person("head"))
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    event.refresh_from_db()
    with pytest.raises(ContentError, match="已经开始"):
        services.decide_event(event, person("leader"), approve=True, opinion="")
    assert services.readiness(event) == "已举办但未审批、未备案"
    assert event.pk in {e.pk for e in services.events_needing_attention()}


@pytest.mark.parametrize("username,allowed", [
    ("editor", True), ("head", True), ("officer", True), ("leader", False), ("chief", False),
    ("secrecy", False), ("admin", False), ("spokesperson", False), ("member", False)])
def test_who_may_propose_an_event(client_as, username, allowed):
    response = client_as(username).get(reverse("events:new"))
    assert (response.status_code == 200) == allowed


def test_the_proposal_form_keeps_input_and_refuses_a_start_in_the_past(client_as, person):
    response = client_as("head").post(reverse("events:new"), {
        "title": "行业论坛", "kind": "forum", "organiser": person("head").department_id,
        "starts_at": "2020-01-01T09:00", "venue": "报告厅", "purpose": "交流", "contingency_plan": PLAN,
        "speakers-TOTAL_FORMS": "1", "speakers-INITIAL_FORMS": "0", "speakers-0-name": "钱专家",
        "speakers-0-affiliation": "某大学", "speakers-0-topic": "产业趋势"})
    page = response.content.decode()
    assert "开始时间应晚于现在" in page and "行业论坛" in page and "钱专家" in page
    assert not Event.objects.filter(title="行业论坛").exists()


def test_the_leader_approves_on_the_page_and_a_refusal_keeps_the_typed_opinion(proposal, person, client_as):
    event = proposal(sensitive=True, note="确需邀请。")
    services.submit_event(event, person("head"))
    url = reverse("events:decide", args=[event.pk])
    refused = client_as("leader").post(url, {"verdict": "approve", "opinion": "拟同意"})
    assert refused.status_code == 400 and "须报主要领导审批" in refused.content.decode()
    assert 'data-testid="panel-events"' in client_as("chief").get("/").content.decode()
    client_as("chief").post(url, {"verdict": "approve", "opinion": "同意"})
    page = client_as("officer").get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "已审批" in page and 'data-testid="file-event"' in page
    kept = client_as("officer").post(reverse("events:file", args=[event.pk]),
                                     {"filed_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
                                      "reference": "江工信备〔2026〕31号"})
    assert kept.status_code == 400 and "不能晚于今天" in kept.content.decode()
    assert "江工信备〔2026〕31号" in kept.content.decode()


def test_the_api_proposes_submits_and_reports_what_is_missing(client_as, person):
    client = client_as("head")
    starts = (timezone.now() + timedelta(days=4)).isoformat()
    created = client.post("/api/events", {
        "title": "数字化转型座谈会", "kind": "symposium", "organiser": person("head").department_id,
        "starts_at": starts, "venue": "会议室", "purpose": "听取企业意见", "contingency_plan": PLAN,
        "speakers": [{"name": "企业代表", "affiliation": "江城某公司", "topic": "转型体会"}]},
        content_type="application/json")
    assert created.status_code == 201
    event_id = created.json()["id"]
    assert client.post(f"/api/events/{event_id}/submit").json()["missing"] == "未审批、未备案"
    refused = client_as("editor").post(f"/api/events/{event_id}/decide", {"decision": "approve"},
                                       content_type="application/json")
    assert refused.status_code == 403 and "只有分管领导或主要领导" in refused.json()["detail"]
    assert client_as("member").get("/api/events").status_code == 403


def test_the_self_media_inventory_flags_accounts_not_checked_for_half_a_year(client_as, person):
    officer = person("officer")
    SelfMediaAccount.objects.create(owner="某协会", platform="wechat", name="某协会发布", followers=100,
                                    last_checked_on=timezone.localdate() - timedelta(days=200), checked_by=officer)
    page = client_as("editor").get(reverse("events:self_media")).content.decode()
    row = page.split("某协会发布")[1].split("</tr>")[0]
    assert "待核查" in row
    csv_text = client_as("editor").get(reverse("events:self_media") + "?format=csv").content.decode("utf-8-sig")
    assert "某协会发布" in csv_text and "100" in csv_text
    assert client_as("editor").get(reverse("events:self_media_new")).status_code == 403
    response = client_as("officer").post(reverse("events:self_media_new"), {
        "owner": "江城市软件行业协会", "platform": "douyin", "name": "江城软件抖音", "followers": "-5",
        "last_checked_on": timezone.localdate().isoformat(), "is_active": "on"})
    assert "江城软件抖音" in response.content.decode()
    assert not SelfMediaAccount.objects.filter(name="江城软件抖音").exists()
