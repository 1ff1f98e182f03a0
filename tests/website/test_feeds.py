"""Atom feeds of the public website (订阅, P4)."""

import xml.etree.ElementTree as ET

import pytest

from .conftest import NOTICE_TITLE, column

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, {e.find(f"{ATOM}title").text: e for e in feed.findall(f"{ATOM}entry")}


def test_the_site_feed_lists_the_notice_with_an_absolute_link_and_dates(visitor, notice):
    feed, found = entries(visitor.get("/site/feed.atom"))
    assert feed.find(f"{ATOM}title").text == "江城市工业和信息化局"
    assert feed.find(f"{ATOM}updated").text
    entry = found[NOTICE_TITLE]
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/site/items/{notice.pk}/"
    assert entry.find(f"{ATOM}updated").text and entry.find(f"{ATOM}published").text
    assert "技术改造" in entry.find(f"{ATOM}summary").text


def test_a_column_feed_holds_only_that_column(visitor, notice, approved, publish_now):
    news = approved(title="我局召开技术改造推进会", names=("要闻动态",))
    publish_now(news)
    _, in_notices = entries(visitor.get(f"/site/columns/{column('通知公告').pk}/feed.atom"))
    assert NOTICE_TITLE in in_notices and news.title not in in_notices
    _, everywhere = entries(visitor.get("/site/feed.atom"))
    assert NOTICE_TITLE in everywhere and news.title in everywhere


def test_feeds_revalidate_by_etag_without_last_modified(visitor, notice):
    first = visitor.get("/site/feed.atom")
    assert "Last-Modified" not in first and "no-cache" in first["Cache-Control"]
    assert visitor.get("/site/feed.atom", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_unknown_column_feed_is_404(visitor):
    assert visitor.get("/site/columns/999999/feed.atom").status_code == 404
    assert visitor.get(f"/site/columns/{column('江城工信').pk}/feed.atom").status_code == 404  # not a website column
