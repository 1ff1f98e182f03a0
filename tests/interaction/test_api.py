"""GET /api/messages and the moderation and answer steps as POST endpoints: 403 refusals with the reason, 400 rules,
404 missing, 422 malformed input."""

import pytest

from sanshen.interaction.models import Message

from .conftest import department

pytestmark = pytest.mark.django_db


def test_staff_list_with_filters_and_members_are_refused(client_as, leave, routed):
    leave(subject="接口待审核")
    routed(subject="接口已转办")
    officer = client_as("officer")
    subjects = {m["subject"] for m in officer.get("/api/messages").json()}
    assert {"接口待审核", "接口已转办"} <= subjects
    routed_only = officer.get("/api/messages", {"status": "routed", "department": department().pk}).json()
    assert [m["subject"] for m in routed_only if m["subject"].startswith("接口")] == ["接口已转办"]
    assert routed_only[0]["due_on"] and routed_only[0]["overdue"] is False
    assert officer.get("/api/messages", {"overdue": "true"}).json() == []
    editor_view = {m["subject"] for m in client_as("editor").get("/api/messages").json()}
    assert "接口已转办" in editor_view and "接口待审核" not in editor_view
    refused = client_as("member").get("/api/messages")
    assert refused.status_code == 403 and refused.json()["detail"] == "会员单位不能查看网上留言。"
    assert officer.get("/api/messages", {"status": "lost"}).status_code == 422


def test_every_step_through_the_api(office_hours, client_as, leave):
    message = leave()
    url = f"/api/messages/{message.pk}"
    accepted = client_as("officer").post(f"{url}/accept", {"department": department().pk, "working_days": 3},
                                         content_type="application/json", REMOTE_ADDR="10.1.1.1")
    assert accepted.status_code == 200 and accepted.json()["status"] == "routed"
    other = client_as("editor2").post(f"{url}/answer", {"answer": "我科答复"}, content_type="application/json")
    assert other.status_code == 403
    answered = client_as("editor").post(f"{url}/answer", {"answer": "申报材料见通知附件。"},
                                        content_type="application/json")
    assert answered.json()["answered_by"]["username"] == "editor"
    assert client_as("editor").post(f"{url}/approve").status_code == 403
    returned = client_as("head").post(f"{url}/return", {"reason": "请补充截止时间"}, content_type="application/json")
    assert returned.json()["status"] == "routed" and returned.json()["returned_reason"] == "请补充截止时间"
    client_as("editor").post(f"{url}/answer", {"answer": "截止时间为12月31日。"}, content_type="application/json")
    assert client_as("head").post(f"{url}/approve").json()["status"] == "approved"
    published = client_as("officer").post(f"{url}/publish", REMOTE_ADDR="10.1.1.1")
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = client_as("officer").post(f"{url}/publish", REMOTE_ADDR="10.1.1.1")
    assert again.status_code == 400 and "已答复公开" in again.json()["detail"]


def test_refusals_missing_and_malformed(client_as, leave):
    message = leave(text="文件标注机密★10年。")
    officer = client_as("officer")
    blocked = officer.post(f"/api/messages/{message.pk}/accept", {"department": department().pk},
                           content_type="application/json")
    assert blocked.status_code == 400 and "须修改的筛查发现" in blocked.json()["detail"]
    assert officer.post(f"/api/messages/{message.pk}/accept", {"department": 999999},
                        content_type="application/json").status_code == 422
    assert officer.post(f"/api/messages/{message.pk}/unsuitable", {"reason": ""},
                        content_type="application/json").status_code == 422
    assert client_as("head").post(f"/api/messages/{message.pk}/unsuitable", {"reason": "x"},
                                  content_type="application/json").status_code == 403
    assert officer.get("/api/messages/999999").status_code == 404
    done = officer.post(f"/api/messages/{message.pk}/unsuitable", {"reason": "含涉密标识"},
                        content_type="application/json")
    assert done.json()["status"] == Message.Status.UNSUITABLE and done.json()["findings"]
