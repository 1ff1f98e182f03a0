"""Public pages kept rendered until the site changes (页面缓存): a visit to an unchanged page costs one query,
and a publication, a retraction, a 熔断 or a renamed column shows at once on every page already kept."""

import os
from pathlib import Path

import pytest

from sanshen import website
from sanshen.publishing.services import restore, retract, take_offline
from sanshen.web.kept_answers import build

from .conftest import NOTICE_TITLE, column

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def pages(notice):
    return ["/site/", f"/site/columns/{column('通知公告').pk}/", f"/site/items/{notice.pk}/"]


def test_an_unchanged_page_is_served_again_for_one_query(visitor, notice, django_assert_num_queries):
    for url in pages(notice):
        first = visitor.get(url)
        with django_assert_num_queries(1):
            again = visitor.get(url)
        assert again.status_code == 200 and again.content == first.content and again["ETag"] == first["ETag"]


def test_a_page_kept_by_other_code_is_rendered_afresh_after_an_upgrade(visitor, notice, django_assert_num_queries):
    url = f"/site/items/{notice.pk}/"
    visitor.get(url)
    template = Path(website.__file__).parent / "templates" / "website" / "item.html"
    before = template.stat()
    try:
        os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))  # as an upgrade leaves it
        build.cache_clear()
        with django_assert_num_queries(2):  # rendered: the edition and the item's publications
            assert visitor.get(url).status_code == 200
    finally:
        os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
        build.cache_clear()


def test_a_kept_page_is_whole_for_anyone_signed_in_or_not(visitor, client_as, notice, django_assert_num_queries):
    url = f"/site/items/{notice.pk}/"
    first = visitor.get(url)
    head = client_as("head")
    with django_assert_num_queries(1):  # the edition: no session, no sign-in, nothing of the back office
        again = head.get(url)
    assert again.content == first.content and "sessionid" not in again.cookies
    for header in ("X-Frame-Options", "X-Content-Type-Options", "Cache-Control", "ETag"):
        assert again[header] == first[header], header
    assert visitor.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_another_items_page_does_not_read_the_columns_again(visitor, notice, approved, publish_now,
                                                             django_assert_max_num_queries):
    other = approved(title="我局召开2026年度安全生产工作会议", names=("通知公告",))
    publish_now(other, "通知公告")
    visitor.get(f"/site/items/{notice.pk}/")
    with django_assert_max_num_queries(2):  # the edition and the item's publications
        page = visitor.get(f"/site/items/{other.pk}/")
    assert other.title in text(page) and "通知公告" in text(page)


def test_a_new_publication_shows_on_pages_already_kept(visitor, notice, approved, publish_now):
    for url in pages(notice):
        visitor.get(url)
    fresh = approved(title="我局召开2026年度安全生产工作会议", names=("通知公告",))
    publish_now(fresh, "通知公告")
    for url in pages(notice)[:2]:
        assert fresh.title in text(visitor.get(url)), url


def test_a_retraction_empties_every_kept_page_of_the_item(visitor, notice, person):
    for url in pages(notice):
        assert NOTICE_TITLE in text(visitor.get(url))
    retract(notice, person("officer"), reason="数据有误，内部核实中")
    home, notices, item = (visitor.get(url) for url in pages(notice))
    assert NOTICE_TITLE not in text(home) and NOTICE_TITLE not in text(notices)
    assert item.status_code == 410


def test_a_column_taken_offline_answers_503_at_once_and_comes_back(visitor, notice, person):
    notices = column("通知公告")
    for url in pages(notice):
        visitor.get(url)
    take_offline(notices, person("leader"), reason="页面被篡改，紧急处置")
    assert [visitor.get(url).status_code for url in pages(notice)[1:]] == [503, 503]
    assert "通知公告" not in text(visitor.get("/site/")).split("<main")[0]
    restore(column("通知公告"), person("leader"), note="已处置完毕")
    assert [visitor.get(url).status_code for url in pages(notice)] == [200, 200, 200]


def test_a_renamed_column_is_renamed_in_every_kept_menu(visitor, notice):
    urls = pages(notice)
    for url in urls:
        visitor.get(url)
    notices = column("通知公告")
    notices.name = "通知公示"
    notices.save()
    for url in urls:
        assert "通知公示" in text(visitor.get(url)), url
