"""The demo's approved item published by the officer, and a helper to run a re-screening to its end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sanshen.content.models import Item
from sanshen.lexicons.models import RescreenRun
from sanshen.lexicons.tasks import rescreen
from sanshen.org.models import TemporaryGrant
from sanshen.publishing.services import publish

APPROVED_TITLE = "关于开展2026年度工业企业技术改造项目申报工作的通知"


@pytest.fixture
def published(person):
    """The demo's approved item, live on 通知公告 (the officer holds a grant covering now)."""
    officer = person("officer")
    now = timezone.now()
    TemporaryGrant.objects.create(person=officer, granted_by=person("leader"), starts_at=now - timedelta(hours=1),
                                  ends_at=now + timedelta(hours=1), reason="测试发布")
    item = Item.objects.get(title=APPROVED_TITLE)
    publish(item, officer, item.channels.all())
    return item


@pytest.fixture
def finish_rescreen():
    """Run the newest queued re-screening through the background task, as the worker would."""

    def run() -> RescreenRun:
        newest = RescreenRun.objects.order_by("-id").first()
        rescreen.call(newest.pk)
        newest.refresh_from_db()
        return newest

    return run
