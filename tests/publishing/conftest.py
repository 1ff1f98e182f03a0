"""Helpers for publishing tests: an approved item, office hours, an officer on duty, and a request from a given
address."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.org.models import TemporaryGrant
from sanshen.publishing.services import publish
from sanshen.review.services import decide, submit_item

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)  # a working day, within 08:30–17:30
SATURDAY_MORNING = datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)
CHECKS = {
    "initial": {"source_legal": True, "ideology": True, "no_secret": True, "truth_logic": True},
    "standard": {"political": True, "no_secret": True, "accuracy": True},
}
BODY = "我局召开工业企业技术改造推进会，部署全年技术改造项目建设，要求各科室做好项目服务保障。"


def refresh(item):
    return Item.objects.get(pk=item.pk)


def from_address(address="10.2.3.4", user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user
    return request


def channels(*names):
    return [Channel.objects.get(name=name) for name in names]


@pytest.fixture
def office_hours():
    """Wednesday 10:00 in Shanghai: publishing from the office network is allowed."""
    with time_machine.travel(WEDNESDAY_MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def approved(person):
    """A fresh item by editor, signed 初审 → 复审 → 三审 for the given channels (default 要闻动态 + 江城工信)."""

    def make(title="我局召开工业企业技术改造推进会", body=BODY, names=("要闻动态", "江城工信"), **fields):
        item = create_item(person("editor"), ItemInput(title=title, body=body, channels=channels(*names), **fields))
        return submit_and_sign(item, person)

    return make


def submit_and_sign(item, person):
    """The editor submits `item`; editor2, head and leader sign 初审 → 复审 → 三审; the approved item comes back."""
    submit_item(item, person("editor"))
    for who, checklist in (("editor2", "initial"), ("head", "standard"), ("leader", "standard")):
        decide(refresh(item), person(who), verdict="approve", opinion="同意。", checklist=CHECKS[checklist],
               proofread=True)
    item = refresh(item)
    assert item.status == Item.Status.APPROVED
    return item


@pytest.fixture
def submitted_item(person):
    """A fresh item by editor for 要闻动态, submitted and waiting at 初审."""
    item = create_item(person("editor"), ItemInput(title="我局开展安全生产检查", body=BODY, channels=channels("要闻动态")))
    submit_item(item, person("editor"))
    return refresh(item)


@pytest.fixture
def officer_on_duty(person):
    """The officer may publish now from anywhere: a temporary grant (临时授权) covering this hour."""
    now = timezone.now()
    TemporaryGrant.objects.create(person=person("officer"), granted_by=person("leader"), reason="测试发布",
                                  starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    return person("officer")


@pytest.fixture
def publish_now(officer_on_duty):
    def go(item, *names):
        return publish(refresh(item), officer_on_duty, channels(*names) if names else list(item.channels.all()))

    return go
