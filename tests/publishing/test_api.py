"""POST /api/items/{id}/publish and /retract, GET /api/items/{id}/publications."""

import pytest

from sanshen.publishing.models import Publication

from .conftest import channels

pytestmark = pytest.mark.django_db


def post(client, url, data, **extra):
    return client.post(url, data, content_type="application/json", **extra)


def test_the_officer_publishes_and_retracts_through_the_api(office_hours, approved, client_as):
    item = approved()
    officer = client_as("officer")
    ids = [c.pk for c in channels("要闻动态", "江城工信")]
    response = post(officer, f"/api/items/{item.pk}/publish", {"channels": ids})
    assert response.status_code == 201
    body = response.json()
    assert {p["channel"]["name"] for p in body} == {"要闻动态", "江城工信"}
    assert {p["content_hash"] for p in body} == {item.current_revision.content_hash}
    assert {p["published_by"]["username"] for p in body} == {"officer"}
    response = post(officer, f"/api/items/{item.pk}/retract", {"reason": "数据有误", "channels": ids[:1]})
    assert response.status_code == 200 and response.json()[0]["status"] == "retracted"
    listed = officer.get(f"/api/items/{item.pk}/publications").json()
    assert sorted(p["status"] for p in listed) == ["live", "retracted"]


def test_api_refusals_say_why(office_hours, approved, submitted_item, client_as):
    item = approved()
    ids = [channels("要闻动态")[0].pk]
    refused = post(client_as("editor"), f"/api/items/{item.pk}/publish", {"channels": ids})
    assert refused.status_code == 403 and "只有信息专管员" in refused.json()["detail"]
    outside = post(client_as("officer"), f"/api/items/{item.pk}/publish", {"channels": ids},
                   REMOTE_ADDR="203.0.113.9")
    assert outside.status_code == 400 and "不在办公网络内" in outside.json()["detail"]
    unapproved = post(client_as("officer"), f"/api/items/{submitted_item.pk}/publish", {"channels": ids})
    assert unapproved.status_code == 400 and "尚未审核通过" in unapproved.json()["detail"]
    unknown = post(client_as("officer"), f"/api/items/{item.pk}/publish", {"channels": [999999]})
    assert unknown.status_code == 422 and "999999" in unknown.json()["detail"]
    empty = post(client_as("officer"), f"/api/items/{item.pk}/publish", {"channels": []})
    assert empty.status_code == 422
    missing = post(client_as("officer"), "/api/items/999999/publish", {"channels": ids})
    assert missing.status_code == 404
    no_reason = post(client_as("officer"), f"/api/items/{item.pk}/retract", {"reason": ""})
    assert no_reason.status_code == 422
    assert not Publication.objects.filter(item=item).exists()
