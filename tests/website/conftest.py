"""The public website's cast: the demo's approved notice published by the officer under a temporary grant."""

import pytest
from django.test import Client

from sanshen.channels.models import Channel
from sanshen.content.models import Item

# fixtures shared with the publishing tests
from tests.publishing.conftest import approved, channels, officer_on_duty, publish_now, refresh  # noqa: F401

NOTICE_TITLE = "关于开展2026年度工业企业技术改造项目申报工作的通知"


@pytest.fixture
def notice(publish_now):  # noqa: F811  (the fixture)
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
