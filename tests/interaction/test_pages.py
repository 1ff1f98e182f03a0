"""The back office (网上留言) through the browser's requests: who reaches it, what each person may do on a message,
refusals said on the page, findings shown to the moderator."""

import pytest
from django.urls import reverse

from sanshen.interaction.models import Message

from .conftest import department, refresh

pytestmark = pytest.mark.django_db


def detail_url(message):
    return reverse("interaction:detail", args=[message.pk])


def step_url(message, step):
    return reverse("interaction:step", args=[message.pk, step])


def test_members_and_the_public_cannot_reach_the_back_office(client, client_as, leave):
    message = leave()
    for url in (reverse("interaction:list"), detail_url(message)):
        refused = client_as("member").get(url)
        assert refused.status_code == 403 and "会员单位不能查看网上留言" in refused.content.decode()
        assert client.get(url).status_code == 302 and "/login/" in client.get(url)["Location"]


def test_the_moderator_sees_the_findings_and_the_contact(client_as, leave):
    message = leave(text="请问国土资源部的审批还需要吗？")
    page = client_as("officer").get(detail_url(message)).content.decode()
    assert "国土资源部" in page and 'data-testid="message-findings"' in page and "自然资源部" in page
    assert "13912345678" in page and 'data-testid="accept-form"' in page and 'data-testid="unsuitable-form"' in page
    assert message.subject in client_as("officer").get(reverse("interaction:list")).content.decode()


def test_new_messages_are_the_office_s_alone(client_as, leave):
    message = leave()
    for username in ("editor", "head", "leader"):
        response = client_as(username).get(detail_url(message))
        assert response.status_code == 403 and "该留言未转交您所在的部门办理" in response.content.decode()
        assert message.subject not in client_as(username).get(reverse("interaction:list")).content.decode()


def test_moderating_through_the_page_and_a_refusal_keeps_the_form(client_as, leave):
    message = leave()
    officer = client_as("officer")
    response = officer.post(step_url(message, "accept"), {"accept-department": department().pk,
                                                          "accept-working_days": "99"})
    assert response.status_code == 400 and 'value="99"' in response.content.decode()
    response = officer.post(step_url(message, "accept"), {"accept-department": department().pk,
                                                          "accept-working_days": "5"}, follow=True)
    page = response.content.decode()
    assert "已审核通过并转交承办部门" in page and "产业发展科" in page and refresh(message).status == Message.Status.ROUTED


def test_editor_of_another_department_cannot_open_or_answer(client_as, routed):
    message = routed()
    response = client_as("editor2").post(step_url(message, "answer"), {"answer-answer": "我科答复"})
    assert response.status_code == 403 and "该留言未转交您所在的部门办理" in response.content.decode()
    assert refresh(message).status == Message.Status.ROUTED


def test_answer_approve_and_the_drafter_sees_no_approve_button(client_as, routed):
    message = routed()
    editor = client_as("editor")
    assert 'data-testid="answer-form"' in editor.get(detail_url(message)).content.decode()
    editor.post(step_url(message, "answer"), {"answer-answer": "申报材料见通知附件。"})
    assert refresh(message).status == Message.Status.ANSWERED
    assert 'data-testid="approve"' not in editor.get(detail_url(message)).content.decode()
    refused = editor.post(step_url(message, "approve"))
    assert refused.status_code == 403 and "只有承办部门的科室负责人或分管领导可以审核答复" in refused.content.decode()
    head = client_as("head")
    assert 'data-testid="approve"' in head.get(detail_url(message)).content.decode()
    head.post(step_url(message, "approve"))
    assert refresh(message).status == Message.Status.APPROVED


def test_a_head_who_drafted_is_told_someone_else_approves(client_as, routed):
    message = routed()
    head = client_as("head")
    head.post(step_url(message, "answer"), {"answer-answer": "申报材料见通知附件。"})
    refused = head.post(step_url(message, "approve"))
    assert refused.status_code == 403 and "答复由您起草，须由他人审核" in refused.content.decode()


def test_an_answer_with_a_blocking_finding_keeps_the_text(client_as, routed):
    message = routed()
    response = client_as("editor").post(step_url(message, "answer"), {"answer-answer": "附件标注秘密★1年，请勿外传。"})
    page = response.content.decode()
    assert response.status_code == 400 and "须修改的筛查发现" in page and "附件标注秘密★1年" in page


def test_publishing_through_the_page(office_hours, client_as, approved):
    message = approved()
    response = client_as("officer").post(step_url(message, "publish"), REMOTE_ADDR="10.1.1.1", follow=True)
    assert "答复已公开" in response.content.decode() and refresh(message).status == Message.Status.PUBLISHED


def test_publishing_outside_the_office_network_is_said_on_the_page(office_hours, client_as, approved):
    message = approved()
    response = client_as("officer").post(step_url(message, "publish"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 400 and "办公网络" in response.content.decode()
    assert refresh(message).status == Message.Status.APPROVED


def test_the_list_filters_by_status_and_department(client_as, routed, leave):
    waiting, on_its_way = leave(subject="等待审核的留言"), routed(subject="已转办的留言")
    officer = client_as("officer")
    page = officer.get(reverse("interaction:list"), {"status": "routed"}).content.decode()
    assert on_its_way.subject in page and waiting.subject not in page
    page = officer.get(reverse("interaction:list"), {"department": department("市场运行科").pk}).content.decode()
    assert on_its_way.subject not in page
