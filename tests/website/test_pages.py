"""The public website (门户网站, P4): pages anyone can open, showing only what is live, as published."""

import pytest
from django.urls import reverse

from sanshen.content.models import Item
from sanshen.content.services import ItemInput, edit_item

from .conftest import NOTICE_TITLE, column

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_a_published_notice_is_on_the_home_column_and_item_pages_without_login(visitor, notice):
    home = visitor.get("/site/")
    assert home.status_code == 200
    page = text(home)
    assert '<html lang="zh-CN">' in page and "江城市工业和信息化局" in page
    assert NOTICE_TITLE in page and f'href="/site/items/{notice.pk}/"' in page
    assert "工作台" not in page and "退出" not in page  # no back-office chrome

    listing = visitor.get(f"/site/columns/{column('通知公告').pk}/")
    assert listing.status_code == 200 and NOTICE_TITLE in text(listing)
    assert "<h1>通知公告</h1>" in text(listing)

    shown = visitor.get(f"/site/items/{notice.pk}/")
    page = text(shown)
    assert shown.status_code == 200
    assert f"<h1>{NOTICE_TITLE}</h1>" in page
    assert "发布日期" in page and "通知公告" in page
    assert "申报材料请于12月20日前报送产业发展科" in page
    assert 'class="body"' in page  # 仿宋_GB2312 四号, 28 磅 line spacing (website/site.css)


def test_the_site_title_is_the_top_department_and_columns_are_in_the_menu(visitor, notice):
    page = text(visitor.get("/site/"))
    assert 'class="site-title" href="/site/">江城市工业和信息化局</a>' in page
    for name in ("要闻动态", "通知公告", "政策文件"):
        assert f">{name}</a>" in page
    assert "江城工信" not in page  # WeChat is not a website column
    assert 'href="#main"' in page and 'role="search"' in page


def test_nothing_unpublished_is_public(visitor):
    draft = Item.objects.get(title="我局召开重点工业企业座谈会")
    approved = Item.objects.get(title=NOTICE_TITLE)
    for item in (draft, approved):
        response = visitor.get(f"/site/items/{item.pk}/")
        assert response.status_code == 404 and "页面不存在" in text(response)
    assert NOTICE_TITLE not in text(visitor.get("/site/"))
    assert visitor.get("/site/items/999999/").status_code == 404
    assert visitor.get("/site/columns/999999/").status_code == 404
    unknown = visitor.get("/site/no/such/page")
    assert unknown.status_code == 404 and "江城市工业和信息化局" in text(unknown)


def test_an_item_edited_after_publishing_still_shows_the_published_revision(visitor, notice, person):
    edit_item(notice, person("editor"), ItemInput(title="改过的标题", body="改过的正文。", channels=[column("通知公告")]))
    page = text(visitor.get(f"/site/items/{notice.pk}/"))
    assert NOTICE_TITLE in page and "申报材料请于12月20日前报送产业发展科" in page
    assert "改过的" not in page
    assert "改过的" not in text(visitor.get("/site/"))


def test_body_text_is_escaped_and_split_into_paragraphs(visitor, approved, publish_now):
    item = approved(title="关于<b>标题</b>的说明", body="第一段<script>alert(1)</script>。\n\n\u3000\u3000第二段内容。",
                    names=("要闻动态",))
    publish_now(item)
    page = text(visitor.get(f"/site/items/{item.pk}/"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;标题&lt;/b&gt;" in page
    assert "<p>第二段内容。</p>" in page


def test_an_item_live_in_two_columns_is_listed_once_at_home(visitor, approved, publish_now):
    item = approved(title="我局发布工业稳增长政策解读", names=("要闻动态", "政策文件"))
    publish_now(item)
    assert text(visitor.get("/site/")).count(f'href="/site/items/{item.pk}/"') == 2  # once per column block
    for name in ("要闻动态", "政策文件"):
        assert item.title in text(visitor.get(f"/site/columns/{column(name).pk}/"))


def test_sub_columns_are_listed_and_their_items_show_in_the_parent(visitor, approved, publish_now):
    parent = column("政策文件")
    sub = type(parent).objects.create(name="政策解读", parent=parent, workflow=parent.workflow,
                                      department=parent.department)
    item = approved(title="一图读懂技术改造专项资金政策", names=("政策解读",))
    publish_now(item)
    page = text(visitor.get(f"/site/columns/{parent.pk}/"))
    assert "下级栏目" in page and f'href="/site/columns/{sub.pk}/">政策解读</a>' in page
    assert item.title in page
    sub_page = text(visitor.get(f"/site/columns/{sub.pk}/"))
    assert item.title in sub_page and f'href="/site/columns/{parent.pk}/">政策文件</a>' in sub_page


def test_column_pages_are_paginated_newest_first(visitor, approved, publish_now, monkeypatch):
    news = column("要闻动态")
    fresh = type(news).objects.create(name="工作动态", workflow=news.workflow, department=news.department)
    first = approved(title="第一条动态", names=("工作动态",))
    second = approved(title="第二条动态", names=("工作动态",))
    publish_now(first)
    publish_now(second)
    url = f"/site/columns/{fresh.pk}/"
    page = text(visitor.get(url))
    assert page.index("第二条动态") < page.index("第一条动态")
    monkeypatch.setattr("sanshen.website.views.COLUMN_PAGE_SIZE", 1)
    one, two = text(visitor.get(url + "?page=1")), text(visitor.get(url + "?page=2"))
    assert "第二条动态" in one and "第一条动态" not in one and "第 1 页，共 2 页" in one
    assert "第一条动态" in two and 'rel="prev"' in two


def test_pages_revalidate_by_etag_and_never_serve_a_stale_page(visitor, notice):
    url = f"/site/items/{notice.pk}/"
    first = visitor.get(url)
    assert "no-cache" in first["Cache-Control"] and first["ETag"]
    again = visitor.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_public_pages_are_read_only_and_the_back_office_still_needs_login(visitor, notice):
    assert visitor.post(f"/site/items/{notice.pk}/").status_code == 405
    response = visitor.get(reverse("content:mine"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_few_queries_per_page(visitor, notice, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        visitor.get(f"/site/items/{notice.pk}/")
    with django_assert_max_num_queries(7):
        visitor.get("/site/")
    with django_assert_max_num_queries(7):
        visitor.get(f"/site/columns/{column('通知公告').pk}/")
    with django_assert_max_num_queries(7):
        visitor.get("/site/search/?q=技术改造")


def test_staff_find_the_public_site_in_their_navigation(client_as):
    assert 'href="/site/">门户网站</a>' in text(client_as("officer").get("/"))
    assert "门户网站" not in text(client_as("member").get("/"))


def test_staff_see_the_same_public_page_as_anyone(visitor, client_as, notice):
    url = f"/site/items/{notice.pk}/"
    anonymous, officer = visitor.get(url), client_as("officer").get(url)
    assert anonymous.content == officer.content and anonymous["ETag"] == officer["ETag"]
