"""Reminders (提醒) and the dashboard's work panels."""

import pytest
from django.urls import reverse

from sanshen.content.models import Item
from sanshen.web.models import Notification

from .conftest import sign

pytestmark = pytest.mark.django_db


def test_a_reviewer_is_reminded_unread_first_and_can_mark_all_read(client_as, submitted, person):
    item = submitted(title="提醒测试稿件")
    client = client_as("editor2")
    nav = client.get(reverse("dashboard")).content.decode()
    unread = Notification.objects.filter(person=person("editor2"), read_at__isnull=True).count()
    assert unread and f"提醒（{unread}）" in nav
    page = client.get(reverse("review:notifications")).content.decode()
    assert "稿件“提醒测试稿件”等待您初审" in page and "未读" in page

    note = Notification.objects.filter(person=person("editor2"), message__contains="提醒测试稿件").get()
    response = client.get(reverse("review:notification_open", args=[note.pk]))
    assert response.status_code == 302 and response.url == reverse("content:item", args=[item.pk])
    note.refresh_from_db()
    assert note.read_at is not None

    client.post(reverse("review:notifications_read"))
    assert not Notification.objects.filter(person=person("editor2"), read_at__isnull=True).exists()
    assert "提醒（" not in client.get(reverse("dashboard")).content.decode()


def test_nobody_opens_someone_elses_notification(client_as, person):
    note = Notification.objects.filter(person=person("head")).first()
    assert client_as("editor2").get(reverse("review:notification_open", args=[note.pk])).status_code == 404


def test_the_dashboard_shows_my_queue_and_my_drafts(client_as, submitted):
    head = client_as("head").get(reverse("dashboard")).content.decode()
    assert 'data-testid="panel-review"' in head and "全市中小企业数字化转型培训班开班" in head
    editor = client_as("editor").get(reverse("dashboard")).content.decode()
    assert 'data-testid="panel-my-items"' in editor
    assert Item.objects.get(title="我局召开重点工业企业座谈会").title in editor  # the demo draft
    item = submitted(title="被退回的稿件")
    sign(client_as("editor2"), item, verdict="reject", opinion="请补充数据来源。")
    editor = client_as("editor").get(reverse("dashboard")).content.decode()
    assert "被退回的稿件" in editor and "已退回" in editor
    member = client_as("member").get(reverse("dashboard")).content.decode()
    assert 'data-testid="panel-review"' not in member and 'data-testid="panel-secrecy"' not in member
