"""What the list pages cost: the dashboard of every role and each list page answer in the same number of queries
with many more rows (no query per row), and long lists come a page at a time."""

import re
import secrets
from datetime import date, timedelta

import pytest
from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.events import services as events
from sanshen.events.models import Event, SelfMediaAccount, Speaker
from sanshen.interaction import services as interaction
from sanshen.interaction.models import Message
from sanshen.lexicons.models import AllowPhrase
from sanshen.org.models import TemporaryGrant
from sanshen.publishing import services as publishing
from sanshen.publishing.models import FollowUp
from sanshen.review.models import SecrecyRequest
from sanshen.review.services import request_secrecy, submit_item
from tests.interaction.conftest import TEXT, department, from_address
from tests.page_costs import queries
from tests.publishing.conftest import BODY, channels, submit_and_sign

pytestmark = pytest.mark.django_db

DASHBOARD_ROLES = ["editor", "editor2", "head", "leader", "officer", "secrecy", "admin"]
PAGES = [
    ("officer", "/publishing/"),
    ("editor", "/publishing/follow-ups/"),
    ("officer", "/publishing/follow-ups/"),
    ("officer", "/publishing/breaker/"),
    ("admin", "/oversight/audit/"),
    ("admin", "/oversight/audit/?actor=editor&action=content"),
    ("secrecy", "/oversight/audit/?obj=稿件"),
    ("officer", "/deliveries/"),
    ("officer", "/deliveries/?status=pending"),
    ("officer", "/interaction/"),
    ("officer", "/interaction/?status=routed&overdue=on"),
    ("editor", "/interaction/"),
    ("leader", "/oversight/statistics/"),
    ("leader", "/oversight/statistics/?by=channel&preset=this_month"),
    ("leader", "/oversight/statistics/?by=person&preset=this_quarter"),
    ("head", "/oversight/statistics/?by=department"),
    ("leader", "/oversight/breaches/"),
    ("head", "/oversight/breaches/"),
    ("secrecy", "/oversight/inspection/"),
    ("secrecy", "/oversight/inspection/?action=review"),
    ("leader", f"/oversight/evaluation/?year={timezone.localdate().year}"),
    ("head", "/events/"),
    ("head", "/events/self-media/"),
    ("admin", "/lexicons/"),
    ("admin", "/lexicons/allow/"),
    ("admin", "/lexicons/notices/"),
    ("admin", "/lexicons/flags/"),
]


@pytest.fixture
def more(person):
    """`more(n)` adds n of each kind of row the pages list, as people make them: items waiting for review and
    drafts, approved items about a past event, published ones (deliveries, overdue 回头看), overdue messages,
    events to approve and to file, overdue secrecy determinations, outages, allow phrases, self-media accounts."""
    editor, officer, head, leader = (person(name) for name in ("editor", "officer", "head", "leader"))
    TemporaryGrant.objects.create(person=officer, granted_by=leader, starts_at=timezone.now() - timedelta(hours=1),
                                  ends_at=timezone.now() + timedelta(hours=2), reason="测试发布")
    week_ago = timezone.localdate() - timedelta(days=7)
    counter = iter(range(10**6))

    def write(title, *names, **fields):
        return create_item(editor, ItemInput(title=title, body=BODY, channels=channels(*names), **fields))

    def make(n):
        for _ in range(n):
            k = next(counter)
            asked = write(f"待审稿件{k}", "要闻动态")
            submit_item(asked, editor)
            request_secrecy(asked, editor, question="是否涉及内部数据？")
            write(f"草稿{k}", "要闻动态")
            submit_and_sign(write(f"待发布稿件{k}", "要闻动态", "江城工信", event_date=week_ago), person)
            out = submit_and_sign(write(f"已发布稿件{k}", "要闻动态", "江城工信", event_date=week_ago), person)
            publishing.publish(out, officer, out.channels.all())
            message = interaction.leave_message(
                interaction.MessageInput(name="王先生", contact="13912345678", subject=f"留言{k}", text=TEXT),
                captcha_nonce=secrets.token_hex(12), request=from_address(f"198.51.{k % 250}.{k // 250 + 1}"))
            interaction.accept(message, officer, department=department())
            for status in ("submitted", "approved"):
                event = Event.objects.create(
                    title=f"讲座{k}", kind=Event.Kind.LECTURE, organiser=head.department,
                    starts_at=timezone.now() + timedelta(days=5), venue="三楼会议室", purpose="讲解政策。",
                    contingency_plan="当即中止。", proposed_by=head)
                Speaker.objects.create(event=event, name="赵研究员", affiliation="省社科院", topic="智能制造")
                events.submit_event(event, head)
                if status == "approved":
                    events.decide_event(event, leader, approve=True, opinion="同意。")
            channel = Channel.objects.get(name="要闻动态")
            publishing.take_offline(channel, officer, reason=f"紧急维护{k}")
            publishing.restore(Channel.objects.get(pk=channel.pk), leader, note="已恢复。")
            AllowPhrase.objects.create(phrase=f"白名单短语{k}", created_by=editor, updated_by=editor)
            SelfMediaAccount.objects.create(owner=f"企业{k}", platform=SelfMediaAccount.Platform.choices[0][0],
                                            name=f"账号{k}", last_checked_on=week_ago, checked_by=officer)
        FollowUp.objects.update(due_on=week_ago)
        Message.objects.filter(status__in=Message.OPEN).update(due_on=week_ago)
        SecrecyRequest.objects.filter(answer="").update(due_on=week_ago)

    return make


def grown(client_as, measured: dict) -> dict:
    """The pages that now cost more queries than `measured`, with both counts."""
    now = {key: queries(client_as(key[0]), key[1]) for key in measured}
    return {key: (measured[key], now[key]) for key in measured if now[key] > measured[key]}


def test_every_dashboard_costs_the_same_queries_with_many_more_rows(client_as, more):
    more(2)
    before = {(role, "/"): queries(client_as(role), "/") for role in DASHBOARD_ROLES}
    more(12)
    assert grown(client_as, before) == {}


def test_every_list_page_costs_the_same_queries_with_many_more_rows(client_as, more):
    more(2)
    before = {page: queries(client_as(page[0]), page[1]) for page in PAGES}
    more(28)
    assert grown(client_as, before) == {}


def more_allow_phrases(person, numbers):
    for k in numbers:
        AllowPhrase.objects.create(phrase=f"分页短语{k:02d}", created_by=person("admin"), updated_by=person("admin"))


def more_self_media(person, numbers):
    for k in numbers:
        SelfMediaAccount.objects.create(owner=f"分页企业{k:02d}", platform=SelfMediaAccount.Platform.choices[0][0],
                                        name=f"分页账号{k:02d}", last_checked_on=timezone.localdate(),
                                        checked_by=person("officer"))


def more_events(person, numbers):
    head = person("head")
    for k in numbers:
        Event.objects.create(title=f"分页活动{k:02d}", kind=Event.Kind.LECTURE, organiser=head.department,
                             starts_at=timezone.now() + timedelta(days=k + 30), venue="三楼会议室", purpose="讲解政策。",
                             contingency_plan="当即中止。", proposed_by=head)


def more_follow_ups(person, numbers):
    item = Item.objects.exclude(current_revision=None).filter(department=person("editor").department).first()
    for k in numbers:
        FollowUp.objects.create(item=item, revision=item.current_revision, department=item.department,
                                due_on=date(2030, 1, 1) + timedelta(days=k))


def more_overdue_messages(person, numbers):
    for k in numbers:
        message = interaction.leave_message(
            interaction.MessageInput(name="王先生", contact="13912345678", subject=f"分页留言{k:02d}", text=TEXT),
            captcha_nonce=secrets.token_hex(12), request=from_address(f"203.0.113.{k + 1}"))
        interaction.accept(message, person("officer"), department=department())
    Message.objects.filter(subject__startswith="分页留言").update(due_on=timezone.localdate() - timedelta(days=3))


@pytest.mark.parametrize(("who", "url", "make", "row"), [
    ("admin", "/lexicons/allow/", more_allow_phrases, r"分页短语\d\d"),
    ("head", "/events/self-media/", more_self_media, r"分页账号\d\d"),
    ("head", "/events/", more_events, r">分页活动\d\d<"),
    ("editor", "/publishing/follow-ups/", more_follow_ups, r"2030-\d\d-\d\d"),
    ("leader", "/oversight/breaches/", more_overdue_messages, r">分页留言\d\d<"),
])
def test_a_long_list_comes_25_a_page_each_row_once_at_the_same_cost(client_as, person, who, url, make, row):
    client = client_as(who)
    make(person, range(3))
    before = queries(client, url)
    make(person, range(3, 33))
    assert queries(client, url) <= before
    shown, number, page = [], 0, "下一页"
    while "下一页" in page:
        number += 1
        page = client.get(url, {"page": number}).content.decode()
        on_page = re.findall(row, page)
        assert len(on_page) <= 25
        shown += on_page
    assert number >= 2 and len(shown) == len(set(shown)) == 33
