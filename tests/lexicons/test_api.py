"""The lexicons API: 201/200 for administrators, 403 with the reason for others, 400 with the bad lines."""

import pytest

from sanshen.lexicons.models import LexiconEntry, RescreenRun

pytestmark = pytest.mark.django_db


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_an_administrator_adds_edits_and_disables_an_entry(client_as):
    client = client_as("admin")
    created = post(client, "/api/lexicons/entries", {"word": "接口词", "severity": "warn", "announcement": "注意"})
    assert created.status_code == 201, created.json()
    entry = created.json()
    assert (entry["word"], entry["category"], entry["severity"], entry["enabled"]) == ("接口词", "sensitive", "warn", True)
    changed = client.patch(f"/api/lexicons/entries/{entry['id']}", {"severity": "block", "enabled": False},
                           content_type="application/json")
    assert changed.status_code == 200 and (changed.json()["severity"], changed.json()["enabled"]) == ("block", False)
    listed = client.get("/api/lexicons/entries?enabled=false&q=接口").json()
    assert [e["word"] for e in listed] == ["接口词"]
    versions = client.get("/api/lexicons/versions").json()
    assert [(v["added"], v["changed"], v["disabled"]) for v in versions] == [(0, 0, 1), (0, 1, 0), (1, 0, 0)]
    detail = client.get(f"/api/lexicons/versions/{versions[-1]['id']}").json()
    assert detail["note"] == "注意" and detail["changes"][0]["text"] == "接口词"


def test_duplicates_and_malformed_input_are_refused(client_as):
    client = client_as("admin")
    post(client, "/api/lexicons/entries", {"word": "重复"})
    again = post(client, "/api/lexicons/entries", {"word": "重复"})
    assert again.status_code == 400 and "词库中已有“重复”" in again.json()["detail"]
    bad = post(client, "/api/lexicons/entries", {"word": "x", "category": "nosuch"})
    assert bad.status_code == 422
    assert client.patch("/api/lexicons/entries/999999", {"severity": "warn"},
                        content_type="application/json").status_code == 404


def test_import_is_all_or_nothing_with_every_bad_line_named(client_as):
    client = client_as("admin")
    refused = post(client, "/api/lexicons/import", {"text": "好\n坏\tnosuch\n也坏\tsensitive\tbad\n"})
    assert refused.status_code == 400
    assert [p[:4] for p in refused.json()["problems"]] == ["第2行：", "第3行："]
    assert not LexiconEntry.objects.exists()
    done = post(client, "/api/lexicons/import", {"text": "好\n也好\tprohibited\twarn\n"})
    assert done.status_code == 200 and done.json()["version"]["added"] == 2


def test_rescreen_runs_and_flags(client_as, published, finish_rescreen):
    client = client_as("admin")
    started = post(client, "/api/lexicons/rescreens", {})
    assert started.status_code == 202 and started.json()["status"] == "queued"
    finish_rescreen()
    progress = client.get(f"/api/lexicons/rescreens/{started.json()['id']}").json()
    assert progress["status"] == "done" and progress["percent"] == 100 and progress["done"] == progress["total"]
    assert client_as("editor").get("/api/lexicons/flags").json() == []


@pytest.mark.parametrize("username", ["editor", "officer", "chief", "member"])
def test_non_administrators_are_refused_with_the_reason(client_as, username):
    client = client_as(username)
    for response in (client.get("/api/lexicons/entries"), post(client, "/api/lexicons/entries", {"word": "某"}),
                     post(client, "/api/lexicons/import", {"text": "某\n"}),
                     post(client, "/api/lexicons/rescreens", {})):
        assert response.status_code == 403
        assert response.json()["detail"] == "只有系统管理员可以维护筛查词库和规则。"
    assert not RescreenRun.objects.exists()
    notices = client.get("/api/lexicons/versions")
    if username == "member":
        assert notices.status_code == 403 and notices.json()["detail"] == "会员单位不接收关键词提醒。"
    else:
        assert notices.status_code == 200
