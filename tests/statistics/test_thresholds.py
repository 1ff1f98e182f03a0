"""Update thresholds (更新期限): columns and accounts past them, on the page, the dashboard and the daily digest."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.oversight.audit import record
from sanshen.oversight.digest import send_digest
from sanshen.oversight.models import Digest
from sanshen.oversight.tasks import send_daily_digest
from sanshen.publishing.models import Publication
from sanshen.statistics.thresholds import BREACH_SOURCES, Breach, breach_source, breaches, stale_spells
from sanshen.web.models import Notification

from .activity import SHANGHAI
from .conftest import html_table

pytestmark = pytest.mark.django_db


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=SHANGHAI)


def last_live(name: str) -> date:
    last = Publication.objects.filter(channel__name=name, status=Publication.Status.LIVE).aggregate(
        last=Max("published_at"))["last"]
    return timezone.localdate(last)


def subjects(found) -> dict[str, Breach]:
    return {b.subject: b for b in found}


def test_a_news_column_breaches_the_day_after_its_two_weeks():
    news = Channel.objects.get(name="要闻动态")
    last = last_live("要闻动态")
    assert str(news) not in subjects(breaches(last + timedelta(days=14)))
    breach = subjects(breaches(last + timedelta(days=15)))[str(news)]
    assert (breach.since, breach.limit_days, breach.overdue_days) == (last, 14, 1)
    assert breach.kind_label == "栏目不更新" and breach.department == "办公室"
    news.update_threshold_days = 30  # edited on the channel page
    news.save()
    assert str(news) not in subjects(breaches(last + timedelta(days=15)))


def test_the_demo_has_the_six_month_default_for_notices_and_policies():
    assert Channel.objects.get(name="通知公告").update_threshold_days == 183
    assert Channel.objects.get(name="政策文件").update_threshold_days == 183
    assert Channel.objects.get(name="要闻动态").update_threshold_days == 14


def test_never_published_columns_and_accounts():
    today = timezone.localdate()
    found = subjects(breaches(today))
    notices = found[str(Channel.objects.get(name="通知公告"))]  # no opening recorded, nothing ever published
    assert notices.since is None and notices.overdue_days is None and "从未更新" in notices.text
    weibo = Channel.objects.get(name="江城工信微博")
    account = found[str(weibo)]
    assert account.kind_label == "账号不更新"
    assert account.since == weibo.account.opened_on
    assert account.overdue_days == (today - weibo.account.opened_on).days - 14

    fresh = Channel.objects.create(name="产业新闻", kind=Channel.Kind.WEBSITE_COLUMN, workflow=weibo.workflow)
    record("publishing.channel_saved", obj=fresh, details={"created": True})  # opened today
    assert str(fresh) not in subjects(breaches(today + timedelta(days=14)))
    assert subjects(breaches(today + timedelta(days=15)))[str(fresh)].since == today


def test_a_column_opened_before_channels_was_an_app_of_its_own_keeps_its_opening():
    weibo = Channel.objects.get(name="江城工信微博")
    fresh = Channel.objects.create(name="产业新闻", kind=Channel.Kind.WEBSITE_COLUMN, workflow=weibo.workflow)
    entry = record("publishing.channel_saved", obj=fresh, details={"created": True})
    with connection.cursor() as cursor:  # written under the label the channel had then (the chain keeps it)
        cursor.execute("UPDATE oversight_auditentry SET object_type = 'publishing.channel' WHERE id = %s", [entry.pk])
    today = timezone.localdate()
    assert str(fresh) not in subjects(breaches(today + timedelta(days=14)))
    assert subjects(breaches(today + timedelta(days=15)))[str(fresh)].since == today


def test_offline_inactive_and_closed_channels_are_not_judged():
    today = timezone.localdate()
    weibo = Channel.objects.get(name="江城工信微博")
    weibo.account.closed_on = today
    weibo.account.save()
    notices = Channel.objects.get(name="通知公告")
    notices.is_offline = True
    notices.save()
    policies = Channel.objects.get(name="政策文件")
    policies.is_active = False
    policies.save()
    found = subjects(breaches(today + timedelta(days=400)))
    assert not {str(weibo), str(notices), str(policies)} & set(found)
    assert str(Channel.objects.get(name="要闻动态")) in found


def test_the_breaches_page_and_the_office_dashboard(client_as):
    last = last_live("要闻动态")
    with time_machine.travel(noon(last + timedelta(days=20)), tick=False):
        rows = html_table(client_as("officer").get("/oversight/breaches/").content, "breaches")
        assert ["栏目不更新", "网站栏目 · 要闻动态", "办公室",
                f"网站栏目 · 要闻动态：自 {last:%Y-%m-%d} 起未更新，超过更新期限（14 天）6 天", "6"] in rows
        dashboard = client_as("officer").get("/").content.decode()
        assert 'data-testid="panel-breaches"' in dashboard and "网站栏目 · 要闻动态：自" in dashboard
        assert 'data-testid="panel-breaches"' in client_as("leader").get("/").content.decode()
        assert 'data-testid="panel-breaches"' not in client_as("editor").get("/").content.decode()


def test_the_digest_goes_out_once_a_day_to_the_office_and_the_responsible():
    last = last_live("要闻动态")
    day = last + timedelta(days=20)
    with time_machine.travel(noon(day), tick=False):
        first = send_digest()
        assert first.sent and first.breaches == len(breaches())
        officer_notes = Notification.objects.filter(person__username="officer", url="/oversight/breaches/")
        assert officer_notes.count() == 1
        assert officer_notes.get().message.startswith(f"超期未更新提醒：{first.breaches} 项超过更新期限")
        again = send_digest()
        assert not again.sent and officer_notes.count() == 1
        assert send_daily_digest.call()["sent"] is False
        assert Digest.objects.filter(day=day).count() == 1
    with time_machine.travel(noon(day + timedelta(days=1)), tick=False):
        assert send_digest().sent and officer_notes.count() == 2


def test_a_responsible_person_outside_the_office_hears_of_their_own_only(person):
    news = Channel.objects.get(name="要闻动态")
    news.responsible = person("head")
    news.save()
    with time_machine.travel(noon(last_live("要闻动态") + timedelta(days=20)), tick=False):
        send_digest()
    note = Notification.objects.get(person__username="head", url="/oversight/breaches/")
    assert note.message == "超期未更新提醒：1 项超过更新期限——网站栏目 · 要闻动态"


def test_the_digest_command_says_what_it_did(capsys):
    call_command("digest")
    assert "people notified" in capsys.readouterr().out
    call_command("digest")
    assert "already sent today" in capsys.readouterr().out


def test_another_kind_of_breach_is_one_registered_function(person):
    """How the interactive column adds unanswered messages: one function returning breaches."""

    def unanswered(today):
        return [Breach(kind="message_unanswered", kind_label="留言超期未答复", subject="留言 #7",
                       department_id=person("head").department_id, department="产业发展科",
                       responsible_ids=(person("head").pk,), since=today - timedelta(days=9), limit_days=5,
                       overdue_days=4, url="/interaction/")]

    breach_source(unanswered)
    try:
        assert "留言 #7" in subjects(breaches())
        assert [b.subject for b in breaches(departments={person("head").department_id})] == ["留言 #7"]
        send_digest()
        assert "留言 #7" in Notification.objects.get(person__username="head", url="/oversight/breaches/").message
    finally:
        BREACH_SOURCES.remove(unanswered)


def test_stale_spells_over_a_past_year(person):
    column = Channel.objects.create(name="往年栏目", kind=Channel.Kind.WEBSITE_COLUMN, update_threshold_days=14,
                                    workflow=Channel.objects.get(name="要闻动态").workflow)
    item = Publication.objects.filter(channel__name="要闻动态").first()
    for day in (date(2025, 1, 10), date(2025, 1, 20), date(2025, 3, 1)):
        Publication.objects.create(item=item.item, revision=item.revision, content_hash=item.content_hash,
                                   channel=column, status=Publication.Status.SUPERSEDED,
                                   published_at=noon(day), published_by=person("officer"))
    spells = stale_spells([column], date(2025, 1, 1), date(2025, 12, 31))
    # nothing known before 10 Jan: the year starts the count; 20 Jan → 1 Mar is 40 days; 1 Mar → year end
    assert [(s.start, s.end, s.days) for s in spells] == [
        (date(2025, 2, 4), date(2025, 2, 28), 25),
        (date(2025, 3, 16), date(2025, 12, 31), 291),
    ]
