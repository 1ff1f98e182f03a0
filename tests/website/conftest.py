"""The public website's cast: the demo's approved notice published by the officer under a temporary grant."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sanshen.content.models import Item
from sanshen.org.models import TemporaryGrant
from sanshen.publishing.models import Channel
from sanshen.publishing.services import publish
from tests.publishing.conftest import approved, channels, refresh  # noqa: F401  (approved is a fixture)

NOTICE_TITLE = "关于开展2026年度工业企业技术改造项目申报工作的通知"


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


@pytest.fixture
def notice(publish_now):
    """The demo's approved notice, published to 通知公告."""
    item = Item.objects.get(title=NOTICE_TITLE)
    publish_now(item, "通知公告")
    return refresh(item)


@pytest.fixture
def visitor():
    """Anyone on the internet: no login."""
    return Client()


def column(name):
    return Channel.objects.get(name=name)
