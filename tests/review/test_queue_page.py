"""My review queue (审核任务): each item shows only to whoever may sign its next stage, oldest first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sanshen.content.models import Item
from sanshen.review import queue

from .conftest import refresh, sign

pytestmark = pytest.mark.django_db

WAITING = "全市中小企业数字化转型培训班开班"


def queue_text(client):
    response = client.get(reverse("review:queue"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_item_waits_at_fuxhen_for_the_head_only_then_moves_to_the_leader(client_as, person):
    assert WAITING in queue_text(client_as("head"))
    for other in ("leader", "chief", "editor", "editor2", "officer"):
        assert WAITING not in queue_text(client_as(other)), other
    item = Item.objects.get(title=WAITING)
    assert sign(client_as("head"), item).status_code == 302
    assert WAITING not in queue_text(client_as("head"))
    page = queue_text(client_as("leader"))
    assert WAITING in page and "三审" in page


def test_a_member_unit_has_no_queue(client_as):
    assert client_as("member").get(reverse("review:queue")).status_code == 403


def test_the_queue_lists_the_oldest_first_with_stage_author_and_flags(client_as, submitted, person):
    first = submitted(title="第一篇：安全生产检查")
    second = submitted(title="第二篇：总书记讲话精神学习", body="习近平总书记在会议上强调，要推动制造业高质量发展。")
    page = queue_text(client_as("editor2"))
    assert page.index(first.title) < page.index(second.title)
    assert "初审" in page and "张采编" in page and "产业发展科" in page
    assert page.count("需主要领导终审") == 1


def test_sensitive_items_wait_only_for_pledged_reviewers(client_as, submitted, person):
    item = submitted(title="敏感事项通报", sensitivity=Item.Sensitivity.SENSITIVE)
    assert not person("editor2").has_current_pledge()
    assert item.title not in queue_text(client_as("editor2"))


def test_the_queue_stays_a_handful_of_queries_over_many_items(client_as, submitted, person,
                                                               django_assert_max_num_queries):
    for n in range(30):
        submitted(title=f"批量稿件{n}")
    leader = person("leader")
    with django_assert_max_num_queries(15):
        assert all(t.stage.name == "三审" for t in queue.review_tasks(leader))
    assert queue.review_tasks(person("editor2")).paginator.count >= 30


def test_a_long_queue_is_paged_counted_whole_and_costs_the_same_queries_at_any_length(
        client_as, submitted, django_assert_max_num_queries):
    client = client_as("editor2")
    for n in range(queue.PAGE_SIZE + 5):
        submitted(title=f"分页稿件{n:02d}")
    with CaptureQueriesContext(connection) as before:
        first = queue_text(client)
    budget = len(before)  # read now: each request empties the connection's query log
    waiting = first.count("分页稿件")
    assert waiting == queue.PAGE_SIZE and "分页稿件00" in first and "1 / 2" in first
    count = int(re.search(r'data-testid="review-count">(\d+)<', first).group(1))
    assert count >= queue.PAGE_SIZE + 5
    second = client.get(reverse("review:queue"), {"page": 2}).content.decode()
    assert "分页稿件29" in second and "分页稿件00" not in second
    for n in range(40):
        submitted(title=f"更多稿件{n}")
    with django_assert_max_num_queries(budget):
        assert "1 / 3" in queue_text(client)


def test_a_queue_shown_again_unchanged_skips_the_search_and_any_change_shows_at_once(client_as, submitted, person):
    client = client_as("editor2")
    item = submitted(title="待审稿件甲")
    with CaptureQueriesContext(connection) as searched:
        assert item.title in queue_text(client)
    searching = len(searched)
    with CaptureQueriesContext(connection) as kept:
        assert item.title in queue_text(client)
    assert len(kept) < searching
    assert sign(client, item).status_code == 302
    assert f"{item.title}</a>" not in queue_text(client)
    fresh = submitted(title="待审稿件乙")
    assert f"{fresh.title}</a>" in queue_text(client)
    fresh.channels.clear()
    assert f"{fresh.title}</a>" not in queue_text(client)


def test_the_dashboard_counts_the_whole_queue_and_lists_five(client_as, submitted):
    for n in range(8):
        submitted(title=f"工作台稿件{n}")
    page = client_as("editor2").get("/").content.decode()
    panel = page[page.index('data-testid="panel-review"'):]
    panel = panel[:panel.index("</div>")]
    assert panel.count("工作台稿件") == 5 and "查看全部" in panel


def test_an_item_leaves_my_queue_once_rejected(client_as, submitted):
    item = submitted()
    client = client_as("editor2")
    assert item.title in queue_text(client)
    assert sign(client, item, verdict="reject", opinion="数据须注明来源。").status_code == 302
    assert refresh(item).status == Item.Status.REJECTED
    assert f"已退回：“{item.title}”初审" in queue_text(client)  # the confirmation, once
    assert item.title not in queue_text(client)
