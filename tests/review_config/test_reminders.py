"""Daily reminders (催办提醒): stages owed after an emergency approval (R6), overdue secrecy determinations (R7)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.content.services import ItemInput, create_item
from sanshen.review.reminders import send_reminders
from sanshen.review.services import emergency_approve, request_secrecy, submit_item
from sanshen.web.models import Notification

pytestmark = pytest.mark.django_db

BODY = "我局组织开展安全生产专项检查，共检查企业32家，发现并督促整改问题15项。"


@pytest.fixture
def submitted(person):
    def make(title):
        item = create_item(person("editor"), ItemInput(title=title, body=BODY,
                                                       channels=[Channel.objects.get(name="要闻动态")]))
        submit_item(item, person("editor"))
        return item

    return make


def reminders_of(person, text):
    return list(Notification.objects.filter(person=person, message__contains=text))


def test_the_owed_stage_is_reminded_once_a_day_until_signed(person, submitted):
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        item = submitted("台风红色预警")
        emergency_approve(item, person("spokesperson"), consultation="电话请示陈局长，同意先行发布。",
                          reason="台风预警须立即发布。")
    sent = send_reminders()
    assert sent["emergency"] == 1
    [reminder] = reminders_of(person("editor2"), "仍待您补签初审")
    assert "台风红色预警" in reminder.message and reminder.url == reverse("content:item", args=[item.pk])
    assert not reminders_of(person("head"), "仍待您补签")  # 复审 comes after 初审

    assert send_reminders()["emergency"] == 0
    with time_machine.travel(timezone.now() + timedelta(hours=19)):
        assert send_reminders()["emergency"] == 0
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert send_reminders()["emergency"] == 1
    assert len(reminders_of(person("editor2"), "仍待您补签初审")) == 2


def test_no_reminder_the_day_the_emergency_approval_was_given(person, submitted):
    item = submitted("暴雨蓝色预警")
    emergency_approve(item, person("spokesperson"), consultation="电话请示陈局长。", reason="须立即发布。")
    assert send_reminders()["emergency"] == 0  # editor2 was told a moment ago
    assert not reminders_of(person("editor2"), "仍待您补签")


def test_an_overdue_secrecy_determination_reminds_the_reviewer_and_the_asker(person, submitted):
    with time_machine.travel(timezone.now() - timedelta(days=20)):
        asked = request_secrecy(submitted("重点项目投资情况"), person("editor"), question="投资额是否属于工作秘密。")
    assert asked.due_on < timezone.localdate()
    sent = send_reminders()
    assert sent["secrecy"] == 2
    [reminder] = reminders_of(person("secrecy"), "保密审查已超期")
    assert "重点项目投资情况" in reminder.message and str(asked.due_on) in reminder.message
    assert reminder.url == reverse("review:secrecy_answer", args=[asked.pk])
    assert len(reminders_of(person("editor"), "保密审查已超期未答复")) == 1
    assert send_reminders()["secrecy"] == 0


def test_a_secrecy_determination_within_its_time_is_not_chased(person, submitted):
    request_secrecy(submitted("年度工作总结"), person("editor"), question="是否涉密。")
    assert send_reminders()["secrecy"] == 0


def test_the_remind_command_says_how_many_went_out(person, submitted):
    with time_machine.travel(timezone.now() - timedelta(days=20)):
        request_secrecy(submitted("重点项目投资情况"), person("editor"), question="投资额是否属于工作秘密。")
    out = StringIO()
    call_command("remind", stdout=out)
    assert out.getvalue().startswith("2 reminders sent (0 emergency completions, 2 overdue secrecy determinations)")
    out = StringIO()
    call_command("remind", stdout=out)
    assert out.getvalue().startswith("0 reminders sent")
