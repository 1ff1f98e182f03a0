"""Badges people recognise wherever an item is listed (稿件状态): 审核通过 until it goes out, then 已发布 with
a link to its public page, 已发布·有新版本 once edited, 定时发布 with the time, 已撤回 after retraction."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sanshen.content.services import ItemInput, edit_item
from sanshen.publishing.services import publish, retract
from .conftest import channels, refresh

pytestmark = pytest.mark.django_db


def badges(client, item) -> tuple[str, str]:
    """The item's badge on its own page and on 我的稿件."""
    found = []
    for url in (reverse("content:item", args=[item.pk]), reverse("content:mine")):
        page = client.get(url).content.decode()
        if url.endswith("/items/"):
            page = page[page.index(f">{item.title}</a>"):]
        found.append(re.search(r'data-testid="item-state">([^<]+)</span>', page).group(1).strip())
    return tuple(found)


def test_an_item_reads_approved_then_published_with_its_public_page_then_newer_then_retracted(
        client_as, person, approved, publish_now):
    editor = client_as("editor")
    item = approved(title="我局召开工业企业技术改造推进会", names=("要闻动态",))
    assert badges(editor, item) == ("审核通过", "审核通过")
    publish_now(item, "要闻动态")
    assert badges(editor, item) == ("已发布", "已发布")
    page = editor.get(reverse("content:item", args=[item.pk])).content.decode()
    assert f'href="/site/items/{item.pk}/"' in page
    item = refresh(item)
    edit_item(item, person("editor"), ItemInput(title=item.title, body=item.body + "（更新）",
                                                channels=list(item.channels.all())))
    assert badges(editor, item) == ("已发布·有新版本", "已发布·有新版本")
    retract(refresh(item), person("officer"), reason="数据有误")
    assert badges(editor, item) == ("已撤回", "已撤回")


def test_a_scheduled_item_reads_scheduled_with_its_time(office_hours, client_as, approved, officer_on_duty):
    item = approved(title="关于开展节能诊断服务的通知", names=("要闻动态",))
    at = timezone.localtime(timezone.now() + timedelta(days=1)).replace(hour=9, minute=30, second=0, microsecond=0)
    publish(refresh(item), officer_on_duty, channels("要闻动态"), at=at)
    assert badges(client_as("editor"), item) == (f"定时发布 {at:%m-%d} 09:30",) * 2


def test_the_editors_dashboard_offers_a_new_item(client_as):
    page = client_as("editor").get("/").content.decode()
    assert f'href="{reverse("content:create")}" data-testid="new-item"' in page
