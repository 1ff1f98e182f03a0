"""Chinese site search (站内搜索, P4): jieba words, AND, title hits first, highlighted, only what is live."""

import pytest
from django.core.management import call_command

from sanshen.publishing.services import retract
from sanshen.website.models import SearchEntry
from sanshen.website.search import highlight, word_pattern

pytestmark = pytest.mark.django_db


def search(visitor, query):
    response = visitor.get("/site/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_of_the_body_finds_the_notice_highlighted(visitor, notice):
    page = search(visitor, "技术改造")
    assert f'href="/site/items/{notice.pk}/"' in page
    assert "<mark>技术改造</mark>" in page and "通知公告" in page


def test_words_jieba_must_split_match_wherever_they_are(visitor, notice):
    # "工业企业申报" is nowhere in the text; 工业 / 企业 / 申报 all are
    assert f'href="/site/items/{notice.pk}/"' in search(visitor, "工业企业申报")
    assert f'href="/site/items/{notice.pk}/"' in search(visitor, "申报材料 产业发展科")
    assert f'href="/site/items/{notice.pk}/"' not in search(visitor, "技术改造 旅游")  # every word must be there


def test_numbers_and_latin_words_are_searchable(visitor, notice, approved, publish_now):
    assert f'href="/site/items/{notice.pk}/"' in search(visitor, "2026")
    item = approved(title="企业上云用数赋智", body="推广ERP与MES系统，支持企业上云。", names=("要闻动态",))
    publish_now(item)
    page = search(visitor, "erp")
    assert f'href="/site/items/{item.pk}/"' in page and "<mark>ERP</mark>" in page


def test_title_hits_rank_first(visitor, notice, approved, publish_now):
    later = approved(title="我局召开项目服务保障会", body="会议提到技术改造项目申报工作。", names=("要闻动态",))
    publish_now(later)
    page = search(visitor, "技术改造")
    assert page.index(f'href="/site/items/{notice.pk}/"') < page.index(f'href="/site/items/{later.pk}/"')


def test_a_retracted_item_leaves_the_search(visitor, notice, person):
    retract(notice, person("officer"), reason="内容有误")
    assert f'href="/site/items/{notice.pk}/"' not in search(visitor, "技术改造")
    assert not SearchEntry.objects.filter(item=notice).exists()


def test_the_published_revision_is_what_is_searched(visitor, notice, person):
    from sanshen.content.services import ItemInput, edit_item

    from .conftest import column

    edit_item(notice, person("editor"), ItemInput(title="新标题", body="全新的正文讲旅游。", channels=[column("通知公告")]))
    assert f'href="/site/items/{notice.pk}/"' not in search(visitor, "旅游")
    assert f'href="/site/items/{notice.pk}/"' in search(visitor, "技术改造")


@pytest.mark.parametrize("query, says", [
    ("", "请输入要搜索的词语"),
    ("技术" * 30, "搜索词太长了"),
    ("，。！？", "没有可以查找的文字或数字"),
])
def test_empty_long_or_wordless_queries_get_a_friendly_sentence(visitor, query, says):
    assert says in search(visitor, query)


def test_nothing_found_says_so(visitor, notice):
    page = search(visitor, "航天飞机")
    assert "共找到 0 条信息" in page and "请换一个词语" in page


def test_highlights_escape_the_text_before_marking():
    pattern = word_pattern(["script", "改造"])
    assert highlight("<script>技术改造&</script>", pattern) == (
        "&lt;<mark>script</mark>&gt;技术<mark>改造</mark>&amp;&lt;/<mark>script</mark>&gt;")


def test_reindex_rebuilds_the_index_and_shows_progress(visitor, notice, capsys):
    SearchEntry.objects.all().delete()
    assert f'href="/site/items/{notice.pk}/"' not in search(visitor, "技术改造")
    call_command("reindex_site")
    out = capsys.readouterr().out
    assert "/" in out and "已重建" in out
    assert f'href="/site/items/{notice.pk}/"' in search(visitor, "技术改造")
