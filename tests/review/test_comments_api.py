"""The 批注 API: list, comment, reply, resolve — and each refusal with its status and Chinese reason."""

import pytest

from sanshen.review import comments
from sanshen.review.models import PassageComment

from .conftest import BODY

pytestmark = pytest.mark.django_db

QUOTE = "共检查企业32家"


def url(item, rest=""):
    return f"/api/items/{item.pk}/comments{rest}"


def post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def test_comment_reply_resolve_and_list(client_as, submitted):
    item = submitted()
    created = post(client_as("editor2"), url(item), {"quote": QUOTE, "body": "请核对台账。", "start": BODY.index(QUOTE)})
    assert created.status_code == 201
    thread = created.json()
    assert (thread["quote"], thread["start"], thread["end"], thread["revision"], thread["resolved"]) == (
        QUOTE, BODY.index(QUOTE), BODY.index(QUOTE) + len(QUOTE), 1, False)
    assert thread["author"]["username"] == "editor2"
    replied = post(client_as("editor"), url(item, f"/{thread['id']}/replies"), {"body": "已核对。"})
    assert replied.status_code == 201 and [r["body"] for r in replied.json()["replies"]] == ["已核对。"]
    resolved = post(client_as("editor"), url(item, f"/{thread['id']}/resolve"))
    assert resolved.status_code == 200 and resolved.json()["resolved_by"]["username"] == "editor"
    listed = client_as("head").get(url(item)).json()
    assert [(t["quote"], t["resolved"], len(t["replies"])) for t in listed] == [(QUOTE, True, 1)]


@pytest.mark.parametrize("who, payload, status, detail", [
    ("editor2", {"quote": "共检查企业99家", "body": "请核对。"}, 400, "不在当前版本的正文中"),
    ("editor2", {"quote": QUOTE, "body": " "}, 400, "请填写批注内容"),
    ("member", {"quote": QUOTE, "body": "请核对。"}, 403, "会员单位只能查看本单位报送的稿件"),
    ("editor2", {"quote": QUOTE}, 422, "body"),
    ("editor2", {"quote": QUOTE, "body": "x", "start": -1}, 422, "start"),
])
def test_a_refused_comment(client_as, submitted, who, payload, status, detail):
    item = submitted()
    response = post(client_as(who), url(item), payload)
    assert response.status_code == status and detail in response.json()["detail"]
    assert not PassageComment.objects.exists()


def test_refused_replies_and_resolutions(client_as, person, submitted):
    item = submitted()
    thread = comments.start_thread(item, person("editor2"), quote=QUOTE, body="请核对。")
    refused = post(client_as("head"), url(item, f"/{thread.pk}/resolve"))
    assert refused.status_code == 403 and "只有稿件作者或批注人" in refused.json()["detail"]
    assert post(client_as("member"), url(item, f"/{thread.pk}/replies"), {"body": "x"}).status_code == 403
    assert post(client_as("editor2"), url(item, f"/{thread.pk}/resolve")).status_code == 200
    again = post(client_as("editor"), url(item, f"/{thread.pk}/resolve"))
    assert again.status_code == 403 and "已标记为已解决" in again.json()["detail"]
    late = post(client_as("editor"), url(item, f"/{thread.pk}/replies"), {"body": "补充。"})
    assert late.status_code == 400 and "该批注已解决" in late.json()["detail"]


def test_unknown_items_and_threads_are_404(client_as, submitted):
    item = submitted()
    client = client_as("editor")
    assert client.get("/api/items/999999/comments").status_code == 404
    missing = post(client, url(item, "/999999/resolve"))
    assert missing.status_code == 404 and "没有编号为 999999 的批注" in missing.json()["detail"]
    assert post(client, url(item, "/999999/replies"), {"body": "x"}).status_code == 404


def test_signing_in_is_required(client, submitted):
    assert client.get(url(submitted())).status_code == 401
