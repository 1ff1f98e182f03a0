"""What 批注 cost the pages: the item page and the decision form read every thread in a fixed few queries."""

import pytest
from django.urls import reverse

from sanshen.review import comments
from tests.page_costs import queries

from .conftest import refresh, sign

pytestmark = pytest.mark.django_db


def talk(item, person, n):
    for k in range(n):
        thread = comments.start_thread(item, person("editor2"), quote="共检查企业32家", body=f"第{k}条批注")
        comments.reply(thread, person("editor"), body="已核对。")
        comments.reply(thread, person("head"), body="同意。")


@pytest.mark.parametrize("who, page", [("editor", "content:item"), ("head", "content:item"),
                                       ("editor2", "review:decide")])
def test_many_threads_cost_no_more_than_one(client_as, person, submitted, who, page):
    item = submitted()
    talk(item, person, 1)
    url = reverse(page, args=[item.pk])
    client = client_as(who)
    before = queries(client, url)
    talk(refresh(item), person, 8)
    assert queries(client, url) <= before


def test_the_returned_notice_costs_the_same_with_many_threads(client_as, person, submitted):
    item = submitted()
    talk(item, person, 1)
    sign(client_as("editor2"), item, verdict="reject", opinion="请修改。", checklist=False, proofread=False)
    client, url = client_as("editor"), reverse("content:item", args=[item.pk])
    before = queries(client, url)
    talk(refresh(item), person, 8)
    assert queries(client, url) <= before
