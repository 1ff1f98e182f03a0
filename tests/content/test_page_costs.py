"""What the item pages cost: 我的稿件 a page at a time, and the item page and API answer in a fixed number of
queries however many items, signatures and channels there are (no query per row)."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.content.views import MY_ITEMS_PAGE_SIZE
from sanshen.review import flow
from sanshen.review.services import decide, submit_item
from tests.page_costs import queries

pytestmark = pytest.mark.django_db


def write(person, title, n_channels=1):
    channels = list(Channel.objects.filter(name__in=["要闻动态", "通知公告", "政策文件"]).order_by("pk"))[:n_channels]
    return create_item(person("editor"), ItemInput(title=title, body="我局开展安全生产专项检查。", channels=channels))


def test_my_items_come_a_page_at_a_time_newest_first_with_the_stage_each_waits_at(client_as, person):
    for n in range(MY_ITEMS_PAGE_SIZE + 3):
        item = write(person, f"分页稿件{n:02d}")
    submit_item(item, person("editor"))
    client = client_as("editor")
    first = client.get(reverse("content:mine")).content.decode()
    assert first.count("分页稿件") == MY_ITEMS_PAGE_SIZE
    assert f"分页稿件{MY_ITEMS_PAGE_SIZE + 2:02d}" in first and "初审" in first and "下一页" in first
    second = client.get(reverse("content:mine"), {"page": 2}).content.decode()
    assert "分页稿件00" in second and f"分页稿件{MY_ITEMS_PAGE_SIZE + 2:02d}" not in second


def test_my_items_cost_the_same_queries_at_any_length(client_as, person):
    for n in range(5):
        submit_item(write(person, f"送审稿件{n}"), person("editor"))
    client = client_as("editor")
    url = reverse("content:mine")
    before = queries(client, url)
    for n in range(30):
        submit_item(write(person, f"更多稿件{n}", n_channels=2), person("editor"))
    assert queries(client, url) <= before


def sign_two_stages(item, person):
    for who in ("editor2", "head"):
        item = Item.objects.get(pk=item.pk)
        checklist = {key: True for key, _label in flow.next_stage(item).checklist_items()}
        decide(item, person(who), verdict="approve", opinion="同意。", checklist=checklist, proofread=True)


@pytest.mark.parametrize("url", ["/items/{pk}/", "/api/items/{pk}"])
def test_the_item_page_and_api_cost_the_same_with_more_channels_and_signatures(client_as, person, url):
    plain = write(person, "单渠道稿件")
    submit_item(plain, person("editor"))
    busy = write(person, "多渠道多签字稿件", n_channels=3)
    submit_item(busy, person("editor"))
    sign_two_stages(busy, person)
    client = client_as("chief")
    assert queries(client, url.format(pk=busy.pk)) <= queries(client, url.format(pk=plain.pk)) <= 25
