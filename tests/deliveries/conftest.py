"""A real HTTP receiver on 127.0.0.1, and items approved for the WeChat channel, published by the officer."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, attach_file, create_item
from sanshen.deliveries.models import Delivery
from sanshen.org.models import TemporaryGrant
from sanshen.publishing.services import publish
from sanshen.review.services import decide, submit_item

CHECKS = {
    "initial": {"source_legal": True, "ideology": True, "no_secret": True, "truth_logic": True},
    "standard": {"political": True, "no_secret": True, "accuracy": True},
}
TITLE = "我市举办工业互联网平台应用对接会"
BODY = ("11月26日，我局举办工业互联网平台应用对接会，40家企业参加。\n"
        "会议介绍了平台应用案例，企业与服务商现场对接需求。")
SECRET = "s3cret-for-tests"


class Receiver:
    """What the receiving system got, and what it answers next (status code)."""

    def __init__(self):
        self.requests = []
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                server.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                self.send_response(server.status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write("收到".encode() if server.status < 300 else "内部错误：数据库不可用".encode())

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hooks/sanshen"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture
def receiver():
    receiving = Receiver()
    receiving.thread.start()
    yield receiving
    receiving.httpd.shutdown()
    receiving.httpd.server_close()


@pytest.fixture
def wechat(db, receiver):
    """The demo's WeChat channel 江城工信, pushing to the receiver."""
    channel = Channel.objects.get(name="江城工信")
    channel.webhook_url, channel.webhook_secret = receiver.url, SECRET
    channel.save(update_fields=["webhook_url", "webhook_secret"])
    return channel


@pytest.fixture
def officer_on_duty(person):
    """The officer holds a temporary grant covering now, so publishing is allowed at any hour from anywhere."""
    now = timezone.now()
    TemporaryGrant.objects.create(person=person("officer"), granted_by=person("leader"),
                                  starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2),
                                  reason="测试推送")
    return person("officer")


@pytest.fixture
def approved(person):
    """A fresh item by editor approved for the given channels: 初审 editor2, 复审 head, 三审 leader."""

    def make(channel_names=("江城工信",), title=TITLE, body=BODY, files=()):
        channels = [Channel.objects.get(name=name) for name in channel_names]
        item = create_item(person("editor"), ItemInput(title=title, body=body, channels=channels))
        for name, data in files:
            attach_file(Item.objects.get(pk=item.pk), person("editor"), name, data)
        submit_item(item, person("editor"))
        for who, checklist in (("editor2", "initial"), ("head", "standard"), ("leader", "standard")):
            decide(Item.objects.get(pk=item.pk), person(who), verdict="approve", opinion="同意发布。",
                   checklist=CHECKS[checklist], proofread=True)
        item = Item.objects.get(pk=item.pk)
        assert item.status == Item.Status.APPROVED
        return item

    return make


@pytest.fixture
def published(approved, officer_on_duty):
    """Publish a freshly approved item to the named channels; returns (item, its deliveries)."""

    def make(channel_names=("江城工信",), **fields):
        item = approved(channel_names, **fields)
        publish(item, officer_on_duty, [Channel.objects.get(name=n) for n in channel_names])
        return item, list(Delivery.objects.filter(publication__item=item).order_by("id"))

    return make
