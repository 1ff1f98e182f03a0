"""Retraction (撤回) and the circuit breaker (熔断) on the public side (P6)."""

import pytest
from django.utils import timezone

from sanshen.content.services import ItemInput, edit_item
from sanshen.publishing.services import restore, retract, take_offline
from tests.publishing.conftest import submit_and_sign

from .conftest import NOTICE_TITLE, column, refresh

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_a_retracted_item_answers_410_with_the_date_and_leaves_every_list(visitor, notice, person):
    url = f"/site/items/{notice.pk}/"
    cached = visitor.get(url)
    retract(notice, person("officer"), reason="数据有误，内部核实中")
    gone = visitor.get(url, HTTP_IF_NONE_MATCH=cached["ETag"])
    assert gone.status_code == 410
    page = text(gone)
    today = timezone.localdate()
    assert "该信息已撤回" in page and f"{today.year}年{today.month}月{today.day}日" in page
    assert "数据有误" not in page  # the reason is internal
    assert NOTICE_TITLE not in page
    assert NOTICE_TITLE not in text(visitor.get("/site/"))
    assert NOTICE_TITLE not in text(visitor.get(f"/site/columns/{column('通知公告').pk}/"))
    assert NOTICE_TITLE not in text(visitor.get("/site/feed.atom"))


def test_an_offline_column_answers_503_and_comes_back_when_restored(visitor, notice, person):
    notices = column("通知公告")
    pages = [f"/site/columns/{notices.pk}/", f"/site/columns/{notices.pk}/feed.atom", f"/site/items/{notice.pk}/"]
    take_offline(notices, person("leader"), reason="页面被篡改，紧急处置")
    for url in pages:
        response = visitor.get(url)
        assert response.status_code == 503, url
        assert "栏目维护中" in text(response) and "篡改" not in text(response)
    home = text(visitor.get("/site/"))
    assert f'href="/site/columns/{notices.pk}/"' not in home and NOTICE_TITLE not in home
    assert NOTICE_TITLE not in text(visitor.get("/site/feed.atom"))

    restore(notices, person("leader"), note="已恢复页面并完成检查")
    for url in pages:
        assert visitor.get(url).status_code == 200, url
    assert NOTICE_TITLE in text(visitor.get("/site/"))


def test_an_item_live_in_an_online_column_still_shows_there(visitor, approved, publish_now, person):
    item = approved(title="我局解读技术改造专项资金政策", names=("通知公告", "政策文件"))
    publish_now(item)
    take_offline(column("通知公告"), person("leader"), reason="紧急维护")
    page = text(visitor.get(f"/site/items/{item.pk}/"))
    assert item.title in page and f'栏目：<a href="/site/columns/{column("政策文件").pk}/">政策文件</a>' in page


def test_an_offline_parent_takes_its_sub_columns_down(visitor, approved, publish_now, person):
    parent = column("政策文件")
    sub = type(parent).objects.create(name="政策解读", parent=parent, workflow=parent.workflow)
    item = approved(title="一图读懂专项资金政策", names=("政策解读",))
    publish_now(item)
    take_offline(parent, person("leader"), reason="紧急维护")
    assert visitor.get(f"/site/columns/{sub.pk}/").status_code == 503
    assert visitor.get(f"/site/items/{item.pk}/").status_code == 503


def test_a_republished_item_shows_its_new_revision_only(visitor, approved, publish_now, person):
    item = approved(title="我局召开节能降碳工作会", body="会议部署了节能降碳工作。", names=("要闻动态",))
    publish_now(item)
    edit_item(refresh(item), person("editor"), ItemInput(title=item.title, body="会议部署了节能降碳和技术改造工作。",
                                                         channels=[column("要闻动态")]))
    publish_now(submit_and_sign(refresh(item), person), "要闻动态")
    page = text(visitor.get(f"/site/items/{item.pk}/"))
    assert "节能降碳和技术改造工作" in page
    assert text(visitor.get(f"/site/columns/{column('要闻动态').pk}/")).count(item.title) == 1
