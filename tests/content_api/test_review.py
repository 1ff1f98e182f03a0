"""The review path through the API: submit, sign each stage, screening, emergency approval, secrecy determination."""

import pytest

from sanshen.content.demo import CHECKS
from sanshen.org.models import Department, Role
from sanshen.org.services import set_roles
from sanshen.web.models import Notification

pytestmark = pytest.mark.django_db

CHECKLIST_OF_STAGE = {"初审": CHECKS["initial"], "复审": CHECKS["standard"], "三审": CHECKS["standard"]}


def approve(client, item_id, stage, **extra):
    return client.post(f"/api/items/{item_id}/decisions", {
        "decision": "approve", "opinion": "同意。", "checklist": CHECKLIST_OF_STAGE[stage], "proofread": True,
        **extra})


def test_submit_then_three_signatures_approve_the_item(api, draft, person):
    item = draft()
    submitted = api("editor").post(f"/api/items/{item['id']}/submit")
    assert submitted.status_code == 200
    summary = submitted.json()
    assert summary["status"] == "in_review" and summary["next_stage"]["name"] == "初审"
    assert summary["screening"]["trigger"] == "submit" and summary["screening"]["revision"] == 1
    assert summary["screening"]["unresolved_blocking"] == []
    assert Notification.objects.filter(person=person("editor2"), message__contains=item["title"]).exists()

    for who, stage, status_after in [("editor2", "初审", "in_review"), ("head", "复审", "in_review"),
                                     ("leader", "三审", "approved")]:
        response = approve(api(who), item["id"], stage)
        assert response.status_code == 201, response.json()
        decision = response.json()
        assert decision["stage"] == stage and decision["person"]["username"] == who
        assert decision["verdict"] == "approve" and decision["signed_at"]
        assert decision["content_hash"] == item["revision"]["content_hash"]
        assert decision["item_status"] == status_after

    final = api("editor").get(f"/api/items/{item['id']}").json()
    assert final["status"] == "approved" and final["next_stage"] is None
    assert [s["signature"]["person"]["username"] for s in final["stages"]] == ["editor2", "head", "leader"]
    assert api("editor").get(f"/api/items/{item['id']}/screening").json()["trigger"] == "final"


def test_a_rejection_needs_reasons_and_returns_the_item_to_its_author(api, in_review):
    item = in_review()
    reviewer = api("editor2")
    silent = reviewer.post(f"/api/items/{item['id']}/decisions", {"decision": "reject"})
    assert silent.status_code == 400 and silent.json()["detail"] == "退回稿件须写明理由。"
    rejected = reviewer.post(f"/api/items/{item['id']}/decisions", {"decision": "reject", "opinion": "时间有误。"})
    assert rejected.status_code == 201 and rejected.json()["item_status"] == "rejected"
    assert api("editor").get(f"/api/items/{item['id']}").json()["status_label"] == "已退回"


def test_approval_needs_the_checklist_and_proofreading(api, in_review):
    item = in_review()
    reviewer = api("editor2")
    unchecked = reviewer.post(f"/api/items/{item['id']}/decisions", {"decision": "approve", "opinion": "同意。",
                                                                      "proofread": True})
    assert unchecked.status_code == 400 and "信息来源合法" in unchecked.json()["detail"]
    unproofread = approve(reviewer, item["id"], "初审", proofread=False)
    assert unproofread.status_code == 400 and "校对" in unproofread.json()["detail"]


def test_the_author_cannot_approve_their_own_item(api, in_review):
    item = in_review()
    response = approve(api("editor"), item["id"], "初审")
    assert response.status_code == 400 and response.json()["detail"] == "不能审核自己撰写的稿件。"


def test_one_person_cannot_sign_two_stages(api, in_review, person):
    industry = Department.objects.get(name="产业发展科")
    set_roles(person("head"), {Role.EDITOR: [industry], Role.SECTION_HEAD: [industry]})
    item = in_review()
    assert approve(api("head"), item["id"], "初审").status_code == 201
    twice = approve(api("head"), item["id"], "复审")
    assert twice.status_code == 400 and twice.json()["detail"] == "您已签署本稿件的初审，同一人不能签署两个环节。"


def test_a_stage_is_signed_only_by_its_role(api, in_review):
    item = in_review()
    assert approve(api("editor2"), item["id"], "初审").status_code == 201
    wrong_role = approve(api("editor2"), item["id"], "复审")
    assert wrong_role.status_code == 400 and wrong_role.json()["detail"] == "复审须由产业发展科的科室负责人签署。"


def test_signing_a_draft_is_refused(api, draft):
    item = draft()
    response = approve(api("editor2"), item["id"], "初审")
    assert response.status_code == 400 and "不在审核中" in response.json()["detail"]


@pytest.mark.parametrize("body", [{"decision": "maybe", "opinion": "x"}, {"opinion": "x"},
                                  {"decision": "approve", "checklist": ["source_legal"]},
                                  {"decision": "approve", "checklist": {"source_legal": "perhaps"}}])
def test_malformed_decisions_get_422(api, in_review, body):
    item = in_review()
    response = api("editor2").post(f"/api/items/{item['id']}/decisions", body)
    assert response.status_code == 422 and response.json()["detail"].startswith("输入有误")


def test_submitting_twice_or_by_someone_else_is_refused(api, in_review):
    item = in_review()
    again = api("editor").post(f"/api/items/{item['id']}/submit")
    assert again.status_code == 403 and "不能提交" in again.json()["detail"]
    other = api("editor2").post(f"/api/items/{item['id']}/submit")
    assert other.status_code == 403 and other.json()["detail"] == "只有稿件作者可以提交稿件。"


def test_a_repost_from_an_unlisted_source_is_refused_at_submit(api, draft, source):
    item = draft(is_repost=True, source=source("某自媒体号"), source_author="某作者")
    response = api("editor").post(f"/api/items/{item['id']}/submit")
    assert response.status_code == 400 and response.json()["detail"] == "“某自媒体号”不在稿源单位白名单中，不得转载。"
    assert api("editor").get(f"/api/items/{item['id']}").json()["status"] == "draft"


def test_an_item_without_channels_cannot_be_submitted(api, draft):
    item = draft(channels=[])
    response = api("editor").post(f"/api/items/{item['id']}/submit")
    assert response.status_code == 400 and "发布渠道" in response.json()["detail"]


def test_screening_shows_the_finding_in_the_body(api, draft):
    item = draft(body="根据国土资源部的要求，我局部署工业用地清查工作。")
    saved = api("editor").get(f"/api/items/{item['id']}/screening").json()
    assert saved["trigger"] == "save" and any(f["text"] == "国土资源部" for f in saved["findings"])
    api("editor").post(f"/api/items/{item['id']}/submit")
    report = api("head").get(f"/api/items/{item['id']}/screening").json()
    assert report["revision"] == 1 and report["content_hash"] == item["revision"]["content_hash"]
    assert report["trigger"] == "submit" and report["ruleset_version"] and report["ran_at"]
    finding = next(f for f in report["findings"] if f["text"] == "国土资源部")
    assert finding["part"] == "body" and (finding["start"], finding["end"]) == (2, 7)
    assert finding["suggestion"] == "自然资源部" and finding["key"].startswith("body:")
    assert report["counts"][finding["severity"]] >= 1 and set(report["counts"]) == {"block", "warn", "info"}


def test_emergency_approval_then_the_stages_are_signed_afterwards(api, in_review):
    item = in_review()
    refused = api("editor2").post(f"/api/items/{item['id']}/emergency-approval",
                                  {"consultation": "电话请示陈局长，同意。", "reason": "突发事件"})
    assert refused.status_code == 403 and refused.json()["detail"] == "只有新闻发言人或分管领导可以应急审核。"
    unconsulted = api("spokesperson").post(f"/api/items/{item['id']}/emergency-approval",
                                           {"consultation": " ", "reason": "突发事件"})
    assert unconsulted.status_code == 400 and "请示主要领导" in unconsulted.json()["detail"]

    response = api("spokesperson").post(f"/api/items/{item['id']}/emergency-approval", {
        "consultation": "12月5日10时电话请示陈局长，同意发布。", "reason": "突发停电影响企业生产，须立即发布通知。"})
    assert response.status_code == 201
    approval = response.json()
    assert approval["item_status"] == "approved" and approval["approved_by"]["username"] == "spokesperson"
    assert approval["missing_stages"] == ["初审", "复审", "三审"] and approval["completed_at"] is None

    assert approve(api("editor2"), item["id"], "初审").status_code == 201
    shown = api("editor").get(f"/api/items/{item['id']}").json()
    assert shown["status"] == "approved" and shown["next_stage"]["name"] == "复审"
    assert shown["emergency_approvals"][0]["missing_stages"] == ["复审", "三审"]


def test_secrecy_determination_round_trip(api, draft):
    item = draft()
    asked = api("editor").post(f"/api/items/{item['id']}/secrecy-determination",
                               {"question": "第二段的项目投资额是否属于工作秘密？"})
    assert asked.status_code == 201
    request = asked.json()
    assert request["item_status"] == "awaiting_secrecy" and request["due_on"] > request["asked_at"][:10]
    assert request["overdue"] is False and request["answer"] == ""
    assert api("editor").post(f"/api/items/{item['id']}/submit").status_code == 403

    not_reviewer = api("editor").post(f"/api/secrecy-requests/{request['id']}/answer",
                                      {"answer": "not_secret", "text": "可以公开。"})
    assert not_reviewer.status_code == 403 and "保密审查员" in not_reviewer.json()["detail"]
    answered = api("secrecy").post(f"/api/secrecy-requests/{request['id']}/answer",
                                   {"answer": "not_secret", "text": "投资额已在政府网站公开，不涉密。"})
    assert answered.status_code == 200
    assert answered.json()["item_status"] == "draft" and answered.json()["answered_by"]["username"] == "secrecy"
    again = api("secrecy").post(f"/api/secrecy-requests/{request['id']}/answer",
                                {"answer": "secret", "text": "改判。"})
    assert again.status_code == 400 and again.json()["detail"] == "该保密审查已经答复。"
    shown = api("editor").get(f"/api/items/{item['id']}").json()
    assert shown["status"] == "draft" and shown["secrecy_requests"][0]["answer"] == "not_secret"


def test_secrecy_requests_refuse_bad_input(api, draft):
    item = draft()
    assert api("member").post(f"/api/items/{item['id']}/secrecy-determination",
                              {"question": "是否涉密？"}).status_code == 403
    empty = api("editor").post(f"/api/items/{item['id']}/secrecy-determination", {"question": ""})
    assert empty.status_code == 400 and "写明" in empty.json()["detail"]
    assert api("secrecy").post("/api/secrecy-requests/987654/answer",
                               {"answer": "secret", "text": "x"}).status_code == 404
    asked = api("editor").post(f"/api/items/{item['id']}/secrecy-determination", {"question": "是否涉密？"}).json()
    wrong = api("secrecy").post(f"/api/secrecy-requests/{asked['id']}/answer", {"answer": "maybe", "text": "x"})
    assert wrong.status_code == 422


def test_review_sheet_pdf(api, in_review):
    item = in_review()
    approve(api("editor2"), item["id"], "初审")
    response = api("head").get(f"/api/items/{item['id']}/review-sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert api("member").get(f"/api/items/{item['id']}/review-sheet.pdf").status_code == 403


def test_a_blocking_finding_stops_signatures_until_a_reviewer_overrides_it(api, in_review):
    item = in_review(title="关于开展工业用地清查工作的请示", body="我局部署工业用地清查工作。")
    report = api("editor").get(f"/api/items/{item['id']}/screening").json()
    [blocking] = report["unresolved_blocking"]
    assert blocking["text"] == "关于开展工业用地清查工作的请示" and report["counts"]["block"] == 1
    stopped = approve(api("editor2"), item["id"], "初审")
    assert stopped.status_code == 400 and "须修改的问题" in stopped.json()["detail"]
    editor_override = api("editor2").post(f"/api/items/{item['id']}/overrides",
                                          {"finding": blocking["key"], "reason": "这是转发的公开通知。"})
    assert editor_override.status_code == 403 and "科室负责人" in editor_override.json()["detail"]
    unknown = api("head").post(f"/api/items/{item['id']}/overrides", {"finding": "body:x:0:1", "reason": "无。"})
    assert unknown.status_code == 400

    overridden = api("head").post(f"/api/items/{item['id']}/overrides",
                                  {"finding": blocking["key"], "reason": "经核实为已公开的工作通知，标题沿用原文。"})
    assert overridden.status_code == 201 and overridden.json()["unresolved_blocking"] == []
    assert approve(api("editor2"), item["id"], "初审").status_code == 201


def test_a_reviewer_may_ask_for_the_main_leaders_final_review(api, in_review):
    item = in_review()
    for who, stage in [("editor2", "初审"), ("head", "复审")]:
        assert approve(api(who), item["id"], stage).status_code == 201
    asked = approve(api("leader"), item["id"], "三审", request_final_review=True).json()
    assert asked["request_final_review"] is True and asked["item_status"] == "in_review"
    shown = api("editor").get(f"/api/items/{item['id']}").json()
    assert shown["next_stage"]["name"] == "终审" and [r["username"] for r in shown["next_stage"]["reviewers"]] == [
        "chief"]
    assert any("提请终审" in reason for reason in shown["escalation_reasons"])
    final_checks = {entry["key"]: True for entry in shown["next_stage"]["checklist"]}
    signed = api("chief").post(f"/api/items/{item['id']}/decisions", {
        "decision": "approve", "opinion": "同意发布。", "checklist": final_checks, "proofread": True})
    assert signed.status_code == 201 and signed.json()["item_status"] == "approved"
