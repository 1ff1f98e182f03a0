"""Export packages (发布包) for channels without a 推送地址: the ZIP, and the officer's 已人工发布."""

import io
import json
import zipfile

import pytest

from sanshen.channels.models import Channel
from sanshen.deliveries import services
from sanshen.deliveries.models import Delivery
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.services import retract
from sanshen.web.models import Notification

from .conftest import TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_wechat(db):
    """江城工信 as the demo has it: no 推送地址, posted by hand from the export package."""
    channel = Channel.objects.get(name="江城工信")
    assert not channel.webhook_url
    return channel


def unzip(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def test_a_channel_without_webhook_waits_for_the_officer_and_tells_them(published, plain_wechat, person):
    _item, [delivery] = published()
    assert delivery.status == Delivery.Status.PENDING and delivery.next_attempt_at is None
    assert services.attempt(delivery.pk) is None  # nothing automatic to do
    assert Notification.objects.filter(person=person("officer"), message__contains=f"“{TITLE}”待人工发布").exists()


def test_the_package_has_the_text_in_the_website_format_and_the_signatures(published, plain_wechat, client_as):
    item, [delivery] = published()
    archive = unzip(client_as("officer").get(f"/deliveries/{delivery.pk}/package.zip"))
    assert {"index.html", "metadata.json"} <= set(archive.namelist())
    index = archive.read("index.html").decode("utf-8")
    assert TITLE in index and "40家企业参加" in index
    for rule in ("color: #000", "仿宋_GB2312", "font-size: 14pt", "line-height: 28pt"):  # 001 网站§14
        assert rule in index
    meta = json.loads(archive.read("metadata.json"))
    assert meta["item"]["id"] == item.pk and meta["revision"]["content_hash"] == item.current_revision.content_hash
    assert meta["channel"]["name"] == "江城工信" and meta["publisher"]["username"] == "officer"
    assert [(s["stage"], s["role"], s["signer"]["username"]) for s in meta["signatures"]] == [
        ("初审", "editor", "editor2"), ("复审", "section_head", "head"), ("三审", "leader", "leader")]
    assert all(s["signed_at"] for s in meta["signatures"])
    assert AuditEntry.objects.filter(action="publishing.package_downloaded", actor_username="officer").exists()


def test_the_package_carries_the_revision_attachments(published, plain_wechat, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _item, [delivery] = published(files=[("申报表.txt", "申报表：企业名称、项目名称。".encode())])
    archive = unzip(client_as("officer").get(f"/deliveries/{delivery.pk}/package.zip"))
    assert archive.read("attachments/01-申报表.txt").decode() == "申报表：企业名称、项目名称。"
    meta = json.loads(archive.read("metadata.json"))
    assert meta["attachments"][0]["filename"] == "申报表.txt"
    assert "attachments/01-申报表.txt" in archive.read("index.html").decode()


def test_the_officer_confirms_the_posting_and_the_log_says_who_and_when(published, plain_wechat, client_as):
    _item, [delivery] = published()
    response = client_as("officer").post(f"/deliveries/{delivery.pk}/confirm/", {"note": "已在公众号后台发布"},
                                         follow=True)
    delivery = Delivery.objects.get(pk=delivery.pk)
    assert delivery.status == Delivery.Status.DELIVERED and delivery.delivered_at
    entry = AuditEntry.objects.get(action="publishing.delivery_confirmed")
    assert entry.actor_username == "officer" and entry.details["note"] == "已在公众号后台发布"
    page = response.content.decode()
    assert "人工确认" in page and "已记录" in page
    again = client_as("officer").post(f"/deliveries/{delivery.pk}/confirm/", follow=True).content.decode()
    assert "已于" in again and "送达" in again


def test_a_retraction_asks_for_taking_down_by_hand(published, plain_wechat, person, client_as):
    item, [first] = published()
    services.confirm_posted(first, person("officer"))
    retract(item, person("officer"), reason="标题有误")
    retraction = Delivery.objects.get(publication__item=item, action=Delivery.Action.RETRACT)
    assert retraction.status == Delivery.Status.PENDING
    page = client_as("officer").get(f"/deliveries/?item={item.pk}").content.decode()
    assert "已人工撤下" in page
    meta = json.loads(unzip(client_as("officer").get(f"/deliveries/{retraction.pk}/package.zip"))
                      .read("metadata.json"))
    assert meta["event"] == "retract" and meta["retraction_reason"] == "标题有误"


def test_a_package_never_posted_cannot_be_confirmed_after_retraction(published, plain_wechat, person):
    item, [first] = published()
    retract(item, person("officer"), reason="内容有误")
    with pytest.raises(services.DeliveryError, match="已撤回"):
        services.confirm_posted(Delivery.objects.get(pk=first.pk), person("officer"))
