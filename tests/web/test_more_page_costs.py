"""What the remaining lists cost: the inspection page's 经手记录, the events page's 须尽快办理, the 熔断 page's
channels and the 年度考评 page answer in the same number of queries with many more rows and come a page at a
time (every row reachable, once, in the page's order); the API lists likewise, with limit/offset and the total
in the X-Total-Count header."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from sanshen.accountability.models import Criticism, Suspension
from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.deliveries.models import Delivery
from sanshen.events.models import Event
from sanshen.events.services import events_needing_attention
from sanshen.org.models import Department, GrantRequest, TemporaryGrant
from sanshen.publishing import services as publishing
from tests.page_costs import queries
from tests.publishing.conftest import BODY, channels, submit_and_sign
from tests.web.test_page_costs import more_events, more_overdue_messages, more_self_media

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def walk(client, url, param, row, section=lambda page: page):
    """Every page of a list (`?param=N`, following the 下一页 link): the rows found on each, in order."""
    pages, number = [], 1
    while True:
        page = client.get(url, {param: number}).content.decode()
        part = section(page)
        pages.append(re.findall(row, part))
        if f"{param}={number + 1}\">下一页" not in part:
            return pages
        number += 1


def handled_sensitive_items(person, numbers):
    for k in numbers:
        item = create_item(person("editor"), ItemInput(title=f"敏感稿件{k:02d}", body=BODY, channels=channels("要闻动态")))
        Item.objects.filter(pk=item.pk).update(sensitivity=Item.Sensitivity.SENSITIVE)


def test_the_handling_records_come_ten_items_a_page_by_number_at_the_same_cost(client_as, person):
    client = client_as("secrecy")
    handled_sensitive_items(person, range(3))
    before = queries(client, "/oversight/inspection/")
    handled_sensitive_items(person, range(3, 33))
    assert queries(client, "/oversight/inspection/") <= before
    pages = walk(client, "/oversight/inspection/", "records", r">(敏感稿件\d\d)</a>",
                 lambda page: page.split('data-testid="handling-records"')[1].split("<h2>")[0])
    shown = [title for page in pages for title in page]
    assert len(pages) >= 4 and all(len(page) <= 10 for page in pages)
    assert shown == [f"敏感稿件{k:02d}" for k in range(33)]  # by item number, each once
    assert "共 " in client.get("/oversight/inspection/").content.decode()


def urgent_events(person, numbers):
    head = person("head")
    for k in numbers:
        Event.objects.create(title=f"急办活动{k:02d}", kind=Event.Kind.LECTURE, organiser=head.department,
                             starts_at=timezone.now() + timedelta(days=1, minutes=k), venue="三楼会议室",
                             purpose="讲解政策。", contingency_plan="当即中止。", proposed_by=head)


def attention_card(page: str) -> str:
    return page.split('data-testid="attention"')[1].split('<div class="card">')[0]


def test_the_events_to_do_soon_come_a_page_at_a_time_earliest_first_with_the_total(client_as, person):
    client = client_as("head")
    urgent_events(person, range(3))
    before = queries(client, "/events/")
    urgent_events(person, range(3, 33))
    assert queries(client, "/events/") <= before
    total = events_needing_attention().count()
    assert f'须尽快办理 <span class="tag bad">{total}</span>' in client.get("/events/").content.decode()
    pages = walk(client, "/events/", "attention", r">(急办活动\d\d)</a>", attention_card)
    shown = [title for page in pages for title in page]
    assert all(len(page) <= 10 for page in pages) and len(pages) >= 4
    assert shown == [f"急办活动{k:02d}" for k in range(33)]  # the earliest first, each once
    assert "未审批、未备案" in attention_card(client.get("/events/", {"attention": 2}).content.decode())


def offline_columns(person, numbers):
    news = Channel.objects.get(name="要闻动态")
    for k in numbers:
        column = Channel.objects.create(name=f"熔断栏目{k:02d}", department=news.department, workflow=news.workflow)
        publishing.take_offline(column, person("officer"), reason=f"紧急维护{k:02d}")


def test_the_breaker_page_lists_fifty_channels_a_page_with_each_outage_at_the_same_cost(client_as, person):
    client = client_as("officer")
    offline_columns(person, range(3))
    before = queries(client, "/publishing/breaker/")
    offline_columns(person, range(3, 60))
    assert queries(client, "/publishing/breaker/") <= before
    pages = walk(client, "/publishing/breaker/", "page", r'data-channel="([^"]+)"',
                 lambda page: page.split('data-testid="channels"')[1].split("<h2>")[0])
    shown = [name for page in pages for name in page]
    assert len(pages) >= 2 and all(len(page) <= 50 for page in pages)
    assert len(shown) == len(set(shown)) == Channel.objects.count()
    page = client.get("/publishing/breaker/", {"page": len(pages)}).content.decode()
    assert "紧急维护59" in page and person("officer").display_name in page


def test_a_refused_switch_is_shown_on_the_page_that_lists_the_channel(client_as, person):
    offline_columns(person, range(55))
    last = Channel.objects.order_by("kind", "name", "pk").last()
    Channel.objects.filter(pk=last.pk).update(is_offline=False)
    response = client_as("officer").post(f"/publishing/breaker/{last.pk}/?page=2", {f"c{last.pk}-reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-channel="{last.name}"' in page and "errorlist" in page
    assert client_as("officer").post(f"/publishing/breaker/{last.pk}/?page=2", {
        f"c{last.pk}-reason": "紧急"})["Location"].endswith("?page=2")


def departments_to_evaluate(person, numbers):
    news = Channel.objects.get(name="要闻动态")
    for k in numbers:
        department = Department.objects.create(name=f"考评科{k:02d}")
        Channel.objects.create(name=f"考评栏目{k:02d}", department=department, workflow=news.workflow)
        Criticism.objects.create(department=department, issued_on=date(YEAR, 1, 1), text="未按期更新。",
                                 recorded_by=person("chief"))


def test_the_evaluation_costs_the_same_queries_with_more_departments(client_as, person):
    client = client_as("leader")
    url = f"/oversight/evaluation/?year={YEAR}"
    departments_to_evaluate(person, range(2))
    before = queries(client, url)
    departments_to_evaluate(person, range(2, 14))
    assert queries(client, url) <= before
    rows = re.findall(r"<tr><td>(考评科\d\d)</td><td>0</td><td>—</td>\s*<td>[^<]*</td>\s*<td>(\d+)</td><td>1</td>",
                      client.get(url).content.decode())
    assert [name for name, _spells in rows] == [f"考评科{k:02d}" for k in range(14)]


# ---- the API lists -------------------------------------------------------------------------------------------------


def grant_requests(person, numbers):
    for k in numbers:
        GrantRequest.objects.create(requested_by=person("officer"), starts_at=timezone.now() + timedelta(days=k),
                                    ends_at=timezone.now() + timedelta(days=k, hours=2), reason=f"加班发布{k:02d}")


def suspensions(person, numbers):
    for k in numbers:
        Suspension.objects.create(person=person("editor2"), scope=Suspension.Scope.COMPOSE, reason=f"暂停{k:02d}",
                                  starts_at=timezone.now() - timedelta(days=k + 1),
                                  ends_at=timezone.now() - timedelta(days=k), created_by=person("chief"))


def more_channels(person, numbers):
    news = Channel.objects.get(name="要闻动态")
    for k in numbers:
        Channel.objects.create(name=f"接口栏目{k:02d}", department=news.department, responsible=person("officer"),
                               workflow=news.workflow)


@pytest.mark.parametrize(("who", "url", "make", "key"), [
    ("head", "/api/events", more_events, "id"),
    ("head", "/api/self-media", more_self_media, "id"),
    ("leader", "/api/breaches", more_overdue_messages, "text"),
    ("editor", "/api/channels", more_channels, "id"),
    ("officer", "/api/messages", more_overdue_messages, "id"),
    ("leader", "/api/grant-requests", grant_requests, "id"),
    ("chief", "/api/suspensions", suspensions, "id"),
])
def test_an_api_list_comes_a_page_at_a_time_with_its_total_at_the_same_cost(client_as, person, who, url, make, key):
    client = client_as(who)
    make(person, range(3))
    before = queries(client, url)
    make(person, range(3, 33))
    assert queries(client, url) <= before
    everything = client.get(url)
    total = int(everything["X-Total-Count"])
    assert total == len(everything.json()) >= 33
    seen = []
    for offset in range(0, total, 10):
        response = client.get(url, {"limit": 10, "offset": offset})
        assert response["X-Total-Count"] == str(total) and len(response.json()) <= 10
        seen += [row[key] for row in response.json()]
    assert seen == [row[key] for row in everything.json()]  # the same order, each once
    assert client.get(url, {"limit": 501}).status_code == 422
    assert client.get(url, {"offset": -1}).status_code == 422


@pytest.fixture
def on_duty(person):
    """The officer may publish now (a temporary grant covers the hour)."""
    TemporaryGrant.objects.create(person=person("officer"), granted_by=person("leader"),
                                  starts_at=timezone.now() - timedelta(hours=1),
                                  ends_at=timezone.now() + timedelta(hours=2), reason="测试发布")


def deliveries(person, numbers):
    for k in numbers:
        item = create_item(person("editor"), ItemInput(title=f"推送稿件{k:02d}", body=BODY,
                                                       channels=channels("江城工信")))
        publishing.publish(submit_and_sign(item, person), person("officer"), channels("江城工信"))


def test_the_deliveries_api_costs_the_same_queries_with_more_deliveries(client_as, person, on_duty):
    client = client_as("officer")
    deliveries(person, range(2))
    before = queries(client, "/api/deliveries")
    deliveries(person, range(2, 14))
    assert queries(client, "/api/deliveries") <= before
    body = client.get("/api/deliveries", {"limit": 5, "offset": 5}).json()
    assert body["count"] == Delivery.objects.count() >= 14 and len(body["results"]) == 5


def test_the_openapi_document_tells_how_the_lists_are_paged(client_as):
    document = client_as("admin").get("/api/openapi.json").json()
    for path in ("/api/events", "/api/self-media", "/api/breaches", "/api/channels", "/api/messages",
                 "/api/grant-requests", "/api/suspensions", "/api/deliveries"):
        operation = document["paths"][path]["get"]
        assert "limit" in operation["description"] and "offset" in operation["description"], path
        assert {"limit", "offset"} <= {p["name"] for p in operation["parameters"]}, path
