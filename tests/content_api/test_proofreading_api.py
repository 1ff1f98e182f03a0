"""The findings panel's actions through the API: dismissals (忽略) and one-click fixes (采用建议, 脱敏)."""

import pytest

pytestmark = pytest.mark.django_db

BODY = "各科室要认真贯撤落实会议精神。\n国土资源部发布了新的规定。\n联系人：张三，13812345678，身份证号11010519491231002X。"


def findings_by_text(api, item_id, who="editor"):
    return {f["text"]: f for f in api(who).get(f"/api/items/{item_id}/screening").json()["findings"]}


def test_the_author_applies_a_suggestion_and_a_mask_as_one_revision(api, draft):
    item = draft(body=BODY)
    found = findings_by_text(api, item["id"])
    assert found["贯撤落实"]["fixes"] == ["suggest"] and found["13812345678"]["fixes"] == ["mask"]
    assert findings_by_text(api, item["id"], "head")["贯撤落实"]["fixes"] == []  # reviewers never edit
    response = api("editor").post(f"/api/items/{item['id']}/fixes", {"fixes": [
        {"finding": found["贯撤落实"]["key"], "kind": "suggest"}, {"finding": found["13812345678"]["key"], "kind": "mask"}]})
    assert response.status_code == 200, response.json()
    saved = response.json()
    assert saved["revision"]["number"] == 2
    assert "贯彻落实" in saved["body"] and "138****5678" in saved["body"]


def test_a_fix_that_does_not_apply_is_refused_with_a_reason_and_nothing_changes(api, draft):
    item = draft(body=BODY)
    found = findings_by_text(api, item["id"])
    wrong_kind = api("editor").post(f"/api/items/{item['id']}/fixes", {"fixes": [
        {"finding": found["贯撤落实"]["key"], "kind": "suggest"}, {"finding": found["贯撤落实"]["key"], "kind": "mask"}]})
    assert wrong_kind.status_code == 400 and "不适用" in wrong_kind.json()["detail"]
    assert api("head").post(f"/api/items/{item['id']}/fixes", {"fixes": [
        {"finding": found["贯撤落实"]["key"], "kind": "suggest"}]}).status_code == 403
    assert api("editor").post(f"/api/items/{item['id']}/fixes", {"fixes": []}).status_code == 422
    assert api("editor").get(f"/api/items/{item['id']}").json()["revision"]["number"] == 1


def test_the_author_dismisses_a_warning_and_reviewers_read_why(api, draft):
    item = draft(body=BODY)
    found = findings_by_text(api, item["id"])
    path = f"/api/items/{item['id']}/dismissals"
    assert api("editor").post(path, {"finding": found["国土资源部"]["key"], "reason": " "}).status_code == 400
    blocked = api("editor").post(path, {"finding": found["11010519491231002X"]["key"], "reason": "本人同意。"})
    assert blocked.status_code == 400 and "须修改项不能忽略" in blocked.json()["detail"]
    assert api("head").post(path, {"finding": found["国土资源部"]["key"], "reason": "历史沿革。"}).status_code == 403
    done = api("editor").post(path, {"finding": found["国土资源部"]["key"], "reason": "历史沿革。", "scope": "same"})
    assert done.status_code == 201
    seen = findings_by_text(api, item["id"], "head")["国土资源部"]["dismissal"]
    assert seen["reason"] == "历史沿革。" and seen["scope"] == "same" and seen["by"]["username"] == "editor"
    assert findings_by_text(api, item["id"], "head")["贯撤落实"]["dismissal"] is None
