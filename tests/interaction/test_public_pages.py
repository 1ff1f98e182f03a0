"""The public side in the public website's layout: leave a message (captcha, limits, input kept), follow it by
its query code, read answered ones — and never a name or a contact detail, never an unsuitable message."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sanshen.interaction import captcha, services
from sanshen.interaction.models import Message

from .captcha_solver import solve
from .conftest import from_address

pytestmark = pytest.mark.django_db

FORM = {"name": "赵女士", "contact": "zhao@example.com", "topic": "consult", "subject": "企业上云补贴如何申请",
        "text": "请问企业上云补贴的申请条件和办理流程是什么？"}


def question_and_token(page: str) -> tuple[str, str]:
    question = re.search(r"验证题：([^（<]+)", page).group(1)
    token = re.search(r'name="captcha_token" value="([^"]+)"', page).group(1)
    return question, token


def fill(client, address="192.0.2.50", wrong=False, **changes):
    page = client.get(reverse("messages:new")).content.decode()
    question, token = question_and_token(page)
    answer = solve(question) + (1 if wrong else 0)
    return client.post(reverse("messages:new"), {**FORM, **changes, "captcha_token": token,
                                                 "captcha_answer": str(answer)}, REMOTE_ADDR=address)


def test_the_form_is_in_the_public_layout_with_a_question_in_words(client):
    response = client.get(reverse("messages:new"))
    page = response.content.decode()
    assert response.status_code == 200 and "江城市工业和信息化局" in page and "网上互动" in page
    assert re.search(r"验证题：[零一二三四五六七八九十]+[加减][零一二三四五六七八九十]+等于多少", page)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_sending_gives_a_query_code_and_the_office_sees_the_message(client):
    response = fill(client)
    assert response.status_code == 302
    message = Message.objects.get(subject=FORM["subject"])
    assert response["Location"] == reverse("messages:status", args=[message.code]) + "?sent=1"
    page = client.get(response["Location"]).content.decode()
    assert message.code in page and "您的留言已提交" in page and "待审核" in page
    assert message.client_address == "192.0.2.50" and message.contact == "zhao@example.com"


def test_a_wrong_answer_keeps_the_form_and_asks_a_new_question(client):
    response = fill(client, wrong=True)
    page = response.content.decode()
    assert response.status_code == 400 and "验证题答案不正确" in page
    assert 'value="企业上云补贴如何申请"' in page and "请问企业上云补贴的申请条件" in page
    assert 'value="zhao@example.com"' in page and not Message.objects.filter(subject=FORM["subject"]).exists()
    assert 'name="captcha_answer" value=' not in page or 'name="captcha_answer" value=""' in page


def test_an_expired_question_is_refused_and_a_new_one_asked(client):
    page = client.get(reverse("messages:new")).content.decode()
    question, token = question_and_token(page)
    later = timezone.now() + timedelta(seconds=captcha.LIFETIME_SECONDS + 60)
    with time_machine.travel(later):
        response = client.post(reverse("messages:new"), {**FORM, "captcha_token": token,
                                                         "captcha_answer": str(solve(question))})
    page = response.content.decode()
    assert response.status_code == 400 and "验证题已过期" in page and 'value="企业上云补贴如何申请"' in page
    assert question_and_token(page)[1] != token


def test_a_bad_contact_is_said_and_nothing_lost(client):
    page = fill(client, contact="找我").content.decode()
    assert "请填写有效的联系电话" in page and 'value="找我"' in page


def test_too_many_messages_are_refused_with_429_and_the_input_kept(client):
    for n in range(3):
        assert fill(client, address="192.0.2.60", subject=f"第{n}条").status_code == 302
    response = fill(client, address="192.0.2.60", subject="第四条留言")
    page = response.content.decode()
    assert response.status_code == 429 and "留言过于频繁" in page and 'value="第四条留言"' in page


def test_the_public_list_shows_answers_and_never_a_name_or_contact(office_hours, approved, leave, person, client):
    shown = services.publish_answer(approved(subject="公开的咨询", contact="13700001111", name="钱先生"),
                                    person("officer"), request=from_address("10.1.1.1"))
    hidden = services.mark_unsuitable(leave(subject="不宜公开的留言", contact="hidden@example.com"), person("officer"),
                                      reason="含有人身攻击内容")
    pending = leave(subject="尚未审核的留言")
    page = client.get(reverse("messages:list")).content.decode()
    assert "公开的咨询" in page and shown.answer in page and "产业发展科" in page
    assert "不宜公开的留言" not in page and "尚未审核的留言" not in page
    for code in (shown.code, hidden.code, pending.code):
        status = client.get(reverse("messages:status", args=[code])).content.decode()
        assert "13700001111" not in status and "钱先生" not in status and "hidden@example.com" not in status
        assert "13700001111" not in page and "钱先生" not in page
    hidden_page = client.get(reverse("messages:status", args=[hidden.code])).content.decode()
    assert "不予公开" in hidden_page and "含有人身攻击内容" in hidden_page and "不宜公开的留言" not in hidden_page
    assert "尚未审核的留言" not in client.get(reverse("messages:status", args=[pending.code])).content.decode()
    shown_page = client.get(reverse("messages:status", args=[shown.code.lower()])).content.decode()
    assert "已答复" in shown_page and shown.answer in shown_page


def test_the_query_form_and_an_unknown_code(client, leave):
    message = leave()
    response = client.get(reverse("messages:query"), {"code": f" {message.code[:5]}-{message.code[5:].lower()} "})
    assert response["Location"] == reverse("messages:status", args=[message.code])
    missing = client.get(reverse("messages:status", args=["NOSUCHCODE"]))
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()


def test_the_public_menu_links_to_the_column(client):
    page = Client().get(reverse("site:home")).content.decode()
    assert f'href="{reverse("messages:list")}"' in page and "网上互动" in page
