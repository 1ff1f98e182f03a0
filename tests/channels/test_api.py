"""GET /api/channels: the channels, who answers for them, and new-media filing state."""

import pytest

from sanshen.channels.models import Channel

from .conftest import account, channel

pytestmark = pytest.mark.django_db


def by_name(response):
    return {c["name"]: c for c in response.json()}


def test_staff_get_every_channel_with_its_people_and_filing_state(client_as, person):
    response = client_as("editor").get("/api/channels")
    assert response.status_code == 200
    listed = by_name(response)
    assert {"要闻动态", "通知公告", "政策文件", "江城工信", "江城工信微博"} <= set(listed)
    news = listed["要闻动态"]
    assert news["kind"] == "website" and news["kind_label"] == "网站栏目" and news["parent"] is None
    assert news["department"] == "办公室" and news["responsible"]["username"] == "officer"
    assert news["update_threshold_days"] == 14 and news["is_active"] and not news["is_offline"]
    assert news["filing"] is None and news["may_publish"] is False  # editors do not publish
    assert listed["通知公告"]["update_threshold_days"] == 183
    weibo = listed["江城工信微博"]["filing"]
    assert weibo["state"] == "overdue" and weibo["label"] == "备案已超期"
    assert weibo["due"] == account("江城工信微博").filing_due.isoformat() and weibo["filed_on"] is None
    assert listed["江城工信"]["filing"]["state"] == "filed"


def test_may_publish_follows_the_officer_the_publisher_and_the_switches(client_as, person):
    officer = client_as("officer")
    assert by_name(officer.get("/api/channels"))["要闻动态"]["may_publish"] is True
    Channel.objects.filter(name="要闻动态").update(publisher=person("admin"))
    Channel.objects.filter(name="通知公告").update(is_active=False)
    listed = by_name(officer.get("/api/channels"))
    assert listed["要闻动态"]["may_publish"] is False and listed["要闻动态"]["publisher"]["username"] == "admin"
    assert listed["通知公告"]["may_publish"] is False


def test_sub_columns_name_their_parent(client_as, channel_data):
    client_as("officer").post("/channels/new/", channel_data(name="区县动态", parent=channel("要闻动态").pk))
    assert by_name(client_as("head").get("/api/channels"))["区县动态"]["parent"] == channel("要闻动态").pk


def test_members_are_refused_with_the_reason(client_as):
    response = client_as("member").get("/api/channels")
    assert response.status_code == 403 and response.json() == {"detail": "会员单位不能查看发布渠道。"}


def test_anonymous_callers_must_sign_in(client):
    assert client.get("/api/channels").status_code == 401


def test_the_schema_documents_it_in_chinese_and_english(client_as):
    schema = client_as("officer").get("/api/openapi.json").json()
    operation = schema["paths"]["/api/channels"]["get"]
    assert operation["tags"] == ["发布渠道 Channels"]
    assert set(operation["responses"]) == {"200", "403"}
    assert "filing" in schema["components"]["schemas"]["ChannelListOut"]["properties"]
