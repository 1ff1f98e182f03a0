"""POST/GET/PATCH /api/items: what an editor creates, sees and changes, and every way input can be wrong."""

import pytest

from tests.content_api.conftest import NEWS

pytestmark = pytest.mark.django_db

ITEM_PATHS = [
    "/api/items", "/api/items/{item_id}", "/api/items/{item_id}/submit", "/api/items/{item_id}/decisions",
    "/api/items/{item_id}/screening", "/api/items/{item_id}/review-sheet.pdf",
    "/api/items/{item_id}/emergency-approval", "/api/items/{item_id}/secrecy-determination",
    "/api/secrecy-requests/{request_id}/answer",
]


def test_create_returns_the_draft_with_its_first_revision_and_workflow(api, channel, source):
    response = api("editor").post("/api/items", {
        **NEWS, "category": "meeting", "channels": [channel("要闻动态"), channel("江城工信")],
        "event_date": "2026-12-05", "is_repost": True, "source": source("新华社"), "source_author": "记者甲"})
    assert response.status_code == 201
    item = response.json()
    assert item["title"] == NEWS["title"] and item["status"] == "draft" and item["status_label"] == "草稿"
    assert item["author"] == {"username": "editor", "full_name": "张采编"} and item["department"] == "产业发展科"
    assert [c["name"] for c in item["channels"]] == ["要闻动态", "江城工信"]
    assert item["category_label"] == "会议活动" and item["event_date"] == "2026-12-05"
    assert item["source"]["name"] == "新华社" and item["source_author"] == "记者甲"
    assert item["revision"]["number"] == 1 and len(item["revision"]["content_hash"]) == 64
    assert [s["name"] for s in item["stages"]] == ["初审", "复审", "三审"]
    assert all(s["signature"] is None for s in item["stages"])
    assert item["next_stage"]["name"] == "初审" and "editor" not in [r["username"] for r in
                                                                     item["next_stage"]["reviewers"]]
    assert item["decisions"] == [] and item["attachments"] == [] and item["escalation_reasons"] == []


def test_get_shows_the_item_to_staff_and_refuses_outsiders(api, draft):
    item = draft()
    assert api("head").get(f"/api/items/{item['id']}").json()["title"] == NEWS["title"]
    refused = api("member").get(f"/api/items/{item['id']}")
    assert refused.status_code == 403 and refused.json()["detail"] == "会员单位只能查看本单位报送的稿件。"
    missing = api("editor").get("/api/items/987654")
    assert missing.status_code == 404 and "987654" in missing.json()["detail"]


def test_sensitive_items_are_hidden_from_people_without_a_pledge(api, draft):
    item = draft(sensitivity="sensitive")
    refused = api("editor2").get(f"/api/items/{item['id']}")
    assert refused.status_code == 403 and "保密承诺书" in refused.json()["detail"]


def test_classified_item_on_a_public_channel_is_refused(api, channel):
    response = api("editor").post("/api/items", {**NEWS, "sensitivity": "classified",
                                                 "channels": [channel("要闻动态")]})
    assert response.status_code == 400 and "涉密不上网" in response.json()["detail"]


def test_member_units_must_record_their_commitment(api, channel):
    refused = api("member").post("/api/items", {**NEWS, "channels": [channel("要闻动态")]})
    assert refused.status_code == 400 and "书面承诺" in refused.json()["detail"]
    created = api("member").post("/api/items", {**NEWS, "channels": [channel("要闻动态")], "member_commitment": True})
    assert created.status_code == 201 and created.json()["member_commitment_at"]


def test_patch_changes_only_the_given_fields(api, draft, channel):
    item = draft(category="meeting", event_date="2026-12-05")
    response = api("editor").patch(f"/api/items/{item['id']}", {"body": "会议部署了企业上云工作。",
                                                               "channels": [channel("通知公告")]})
    assert response.status_code == 200
    edited = response.json()
    assert edited["body"] == "会议部署了企业上云工作。" and [c["name"] for c in edited["channels"]] == ["通知公告"]
    assert edited["title"] == NEWS["title"] and edited["category"] == "meeting" and edited["event_date"] == "2026-12-05"
    assert edited["revision"]["number"] == 2 and edited["revision"]["content_hash"] != item["revision"]["content_hash"]
    cleared = api("editor").patch(f"/api/items/{item['id']}", {"event_date": None}).json()
    assert cleared["event_date"] is None and cleared["body"] == "会议部署了企业上云工作。"


def test_patch_by_the_author_voids_signatures_and_returns_to_draft(api, in_review):
    item = in_review()
    assert api("editor2").post(f"/api/items/{item['id']}/decisions", {
        "decision": "approve", "opinion": "同意。", "proofread": True,
        "checklist": {"source_legal": True, "ideology": True, "no_secret": True, "truth_logic": True}},
    ).status_code == 201
    signed = api("editor").get(f"/api/items/{item['id']}").json()
    assert signed["stages"][0]["signature"]["person"]["username"] == "editor2"

    assert api("editor").patch(f"/api/items/{item['id']}", {"title": "我局召开工业互联网平台推进会"}).status_code == 200
    after = api("editor").get(f"/api/items/{item['id']}").json()
    assert after["status"] == "draft" and after["revision"]["number"] == 2
    assert all(s["signature"] is None for s in after["stages"]) and after["next_stage"]["name"] == "初审"
    assert [(d["stage"], d["void_reason"]) for d in after["decisions"]] == [("初审", "稿件已修改")]
    assert after["decisions"][0]["voided_at"] and after["decisions"][0]["revision"] == 1


def test_patch_by_a_reviewer_is_refused(api, in_review):
    item = in_review()
    response = api("head").patch(f"/api/items/{item['id']}", {"title": "改过的标题"})
    assert response.status_code == 403 and response.json()["detail"] == "只有采编员或会员单位可以修改稿件。"
    other_editor = api("editor2").patch(f"/api/items/{item['id']}", {"title": "改过的标题"})
    assert other_editor.status_code == 403 and "只有稿件作者可以修改稿件" in other_editor.json()["detail"]
    assert api("editor").get(f"/api/items/{item['id']}").json()["title"] == NEWS["title"]


BAD_CREATIONS = [
    ({"title": 123}, 422, "title"),
    ({"title": ""}, 422, "title"),
    ({"title": "标" * 201}, 422, "title"),
    ({"channels": "要闻动态"}, 422, "channels"),
    ({"channels": ["abc"]}, 422, "channels"),
    ({"channels": [987654]}, 422, "987654"),
    ({"channels": [2**70]}, 422, "channels"),
    ({"source": 987654, "is_repost": True}, 422, "987654"),
    ({"category": "gossip"}, 422, "category"),
    ({"sensitivity": "top"}, 422, "sensitivity"),
    ({"event_date": "2026-13-01"}, 422, "event_date"),
    ({"is_repost": "maybe"}, 422, "is_repost"),
]


@pytest.mark.parametrize(("fields", "status", "named"), BAD_CREATIONS)
def test_bad_input_to_create_gets_a_4xx_naming_the_problem(api, channel, fields, status, named):
    response = api("editor").post("/api/items", {**NEWS, "channels": [channel("要闻动态")], **fields})
    assert response.status_code == status and named in response.json()["detail"]


@pytest.mark.parametrize(("path", "status"), [
    ("/api/items/987654", 404), ("/api/items/abc", 422), ("/api/items/0", 422),
    (f"/api/items/{2**70}", 422), ("/api/items/987654/screening", 404)])
def test_bad_item_ids_get_a_4xx(api, path, status):
    response = api("editor").get(path)
    assert response.status_code == status and response.json()["detail"]


def test_bad_input_to_patch_gets_a_4xx(api, draft):
    item = draft()
    editor = api("editor")
    for fields, named in [({"title": None}, "title"), ({"channels": [987654]}, "987654"),
                          ({"source": 987654}, "987654"), ({"is_repost": ["x"]}, "is_repost")]:
        response = editor.patch(f"/api/items/{item['id']}", fields)
        assert response.status_code == 422 and named in response.json()["detail"], fields
    assert editor.patch("/api/items/987654", {"title": "x"}).status_code == 404


def test_requests_without_a_token_are_refused(client, draft):
    item = draft()
    assert client.get(f"/api/items/{item['id']}").status_code == 401
    assert client.post("/api/items", NEWS, content_type="application/json").status_code == 401


def test_openapi_schema_documents_every_item_path(client):
    schema = client.get("/api/openapi.json").json()
    assert set(ITEM_PATHS) <= set(schema["paths"])
    create = schema["paths"]["/api/items"]["post"]
    assert "新建稿件" in create["summary"] and "201" in create["responses"]
    assert "application/pdf" in schema["paths"]["/api/items/{item_id}/review-sheet.pdf"]["get"]["responses"]["200"][
        "content"]
