"""Signed webhook deliveries to a real HTTP receiver: delivered, failed and retried, retracted."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.deliveries import services
from sanshen.deliveries.models import Delivery
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.services import publish, retract
from sanshen.web.models import Notification

from .conftest import BODY, SECRET, TITLE

pytestmark = pytest.mark.django_db


def verifies(request, secret=SECRET) -> bool:
    """What a receiver does: HMAC-SHA256 over "<timestamp>.<raw body>" with the channel's secret."""
    headers = {k.lower(): v for k, v in request["headers"].items()}
    signed = headers["x-sanshen-timestamp"].encode() + b"." + request["body"]
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["x-sanshen-signature"])


def refreshed(delivery):
    return Delivery.objects.get(pk=delivery.pk)


def test_publishing_to_wechat_records_a_pending_delivery_and_the_website_column_none(published, wechat):
    item, deliveries = published(("江城工信", "要闻动态"))
    assert [(d.publication.channel.name, d.action, d.status) for d in deliveries] == [
        ("江城工信", "publish", "pending")]
    assert deliveries[0].next_attempt_at is not None
    assert AuditEntry.objects.filter(action="publishing.delivery_created", object_id=str(item.pk)).exists()


def test_the_receiver_gets_the_published_text_signed_with_the_channel_secret(published, wechat, receiver):
    item, [delivery] = published()
    delivery = services.attempt(delivery.pk)
    assert delivery.status == Delivery.Status.DELIVERED and delivery.response_code == 200
    assert delivery.attempts == 1 and delivery.delivered_at and delivery.next_attempt_at is None
    [request] = receiver.requests
    assert verifies(request)
    assert not verifies(request, secret="a-wrong-secret")
    document = json.loads(request["body"])
    assert document["event"] == "publish" and document["delivery_id"] == delivery.pk
    assert document["item_id"] == item.pk and document["title"] == TITLE and document["body"] == BODY
    assert document["content_hash"] == item.current_revision.content_hash
    assert document["channel"] == {"id": wechat.pk, "name": "江城工信", "kind": "wechat"}
    signatures = document["metadata"]["signatures"]
    assert [(s["stage"], s["signer"]["username"]) for s in signatures] == [
        ("初审", "editor2"), ("复审", "head"), ("三审", "leader")]
    assert document["metadata"]["publisher"]["username"] == "officer"


def test_a_tampered_body_does_not_verify(published, wechat, receiver):
    _item, [delivery] = published()
    services.attempt(delivery.pk)
    request = dict(receiver.requests[0])
    request["body"] = request["body"].replace("40家".encode(), "400家".encode())
    assert not verifies(request)


def test_a_failing_receiver_means_a_failed_attempt_shown_on_the_log_and_told_to_the_officers(
        published, wechat, receiver, client_as, person):
    receiver.status = 500
    _item, [delivery] = published()
    before = timezone.now()
    delivery = services.attempt(delivery.pk)
    assert delivery.status == Delivery.Status.FAILED and delivery.response_code == 500
    assert "HTTP 500" in delivery.last_error and "数据库不可用" in delivery.last_error
    assert before + timedelta(seconds=55) < delivery.next_attempt_at < before + timedelta(minutes=2)
    page = client_as("officer").get("/deliveries/?status=failed").content.decode()
    assert "HTTP 500" in page and "重新推送" in page and "自动重试" in page
    told = Notification.objects.filter(person=person("officer"), message__contains="推送到“江城工信”失败")
    assert told.exists() and "自动重试" in told.first().message
    assert AuditEntry.objects.filter(action="publishing.delivery_failed").exists()


def test_a_retry_is_not_attempted_before_its_time_and_delivers_once_the_receiver_recovers(
        published, wechat, receiver, person):
    receiver.status = 503
    _item, [delivery] = published()
    services.attempt(delivery.pk)
    assert services.attempt(delivery.pk) is None  # the next attempt is a minute away
    receiver.status = 200
    later = timezone.now() + timedelta(minutes=2)
    assert services.attempt_due(now=later).delivered == 1
    delivery = refreshed(delivery)
    assert delivery.status == Delivery.Status.DELIVERED and delivery.attempts == 2 and delivery.last_error == ""
    assert len(receiver.requests) == 2 and all(verifies(r) for r in receiver.requests)
    # the same delivery id both times: the receiver's idempotency key
    assert {json.loads(r["body"])["delivery_id"] for r in receiver.requests} == {delivery.pk}


def test_the_officer_retries_a_failed_delivery_by_hand_and_it_is_audited(published, wechat, receiver, person):
    receiver.status = 500
    _item, [delivery] = published()
    services.attempt(delivery.pk)
    receiver.status = 200
    services.retry(refreshed(delivery), person("officer"))
    assert refreshed(delivery).status == Delivery.Status.PENDING
    assert services.attempt(delivery.pk).status == Delivery.Status.DELIVERED
    entry = AuditEntry.objects.get(action="publishing.delivery_retried")
    assert entry.actor_username == "officer" and "HTTP 500" in entry.details["previous_error"]


def test_after_the_last_automatic_retry_it_stays_failed_and_says_so(published, wechat, receiver, person):
    receiver.status = 500
    _item, [delivery] = published()
    moment = timezone.now()
    for _ in range(services.MAX_ATTEMPTS):
        moment += timedelta(days=1)
        services.attempt(delivery.pk, now=moment)
    delivery = refreshed(delivery)
    assert delivery.attempts == services.MAX_ATTEMPTS == 6
    assert delivery.status == Delivery.Status.FAILED and delivery.next_attempt_at is None
    assert services.attempt(delivery.pk, now=moment + timedelta(days=1)) is None
    messages = list(Notification.objects.filter(person=person("officer"), message__contains=TITLE)
                    .order_by("id").values_list("message", flat=True))
    # the first failure and the last are told, not each retry in between
    assert len(messages) == 2 and "将于" in messages[0] and "已停止自动重试" in messages[1]


def test_an_unreachable_receiver_is_a_failed_attempt_with_the_reason(published, wechat, receiver):
    receiver.httpd.shutdown()
    receiver.httpd.server_close()
    _item, [delivery] = published()
    delivery = services.attempt(delivery.pk)
    assert delivery.status == Delivery.Status.FAILED and delivery.response_code is None
    assert "无法连接接收方" in delivery.last_error


def test_a_channel_without_a_secret_is_not_pushed_unsigned(published, wechat, receiver):
    Channel.objects.filter(pk=wechat.pk).update(webhook_secret="")
    _item, [delivery] = published()
    delivery = services.attempt(delivery.pk)
    assert delivery.status == Delivery.Status.FAILED and "没有签名密钥" in delivery.last_error
    assert receiver.requests == []


def test_retracting_sends_a_signed_retract_with_the_reason(published, wechat, receiver, person):
    item, [first] = published()
    services.attempt(first.pk)
    retract(item, person("officer"), reason="数据有误，待核实后重发")
    retraction = Delivery.objects.get(publication__item=item, action=Delivery.Action.RETRACT)
    assert services.attempt(retraction.pk).status == Delivery.Status.DELIVERED
    request = receiver.requests[-1]
    assert verifies(request)
    document = json.loads(request["body"])
    assert document["event"] == "retract" and document["retraction_reason"] == "数据有误，待核实后重发"
    assert document["item_id"] == item.pk and document["delivery_id"] == retraction.pk


def test_a_publish_push_still_failing_when_the_item_is_retracted_is_stopped_not_sent_later(
        published, wechat, receiver, person):
    receiver.status = 500
    item, [first] = published()
    services.attempt(first.pk)
    retract(item, person("officer"), reason="发布有误")
    first = refreshed(first)
    assert first.status == Delivery.Status.FAILED and first.next_attempt_at is None and "已撤回" in first.last_error
    assert "已撤回" in services.retry_refusal(first, person("officer"))
    receiver.status = 200
    services.attempt_due(now=timezone.now() + timedelta(hours=1))
    assert [json.loads(r["body"])["event"] for r in receiver.requests] == ["publish", "retract"]



def test_the_task_queue_gets_the_first_attempt_and_each_retry_at_its_time(
        approved, officer_on_duty, wechat, receiver, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from sanshen.deliveries.tasks import attempt_delivery

    receiver.status = 500
    item = approved()
    with django_capture_on_commit_callbacks(execute=True):
        publish(item, officer_on_duty, [wechat])
    delivery = Delivery.objects.get(publication__item=item)
    first = DBTaskResult.objects.get(task_path__endswith="attempt_delivery", args_kwargs__args=[delivery.pk])
    assert DBTaskResult.objects.ready().filter(pk=first.pk).exists()  # run as soon as a worker is free
    with django_capture_on_commit_callbacks(execute=True):
        assert attempt_delivery.call(delivery.pk) == Delivery.Status.FAILED
    retry = DBTaskResult.objects.filter(task_path__endswith="attempt_delivery").exclude(pk=first.pk).get()
    assert retry.run_after == Delivery.objects.get(pk=delivery.pk).next_attempt_at
