"""The steps of O4 through the services: leave, moderate and route, draft, approve (never by the drafter),
publish — each audited, each telling the next person, each refusing the wrong person or the wrong moment."""

from datetime import date

import pytest

from sanshen.interaction import services
from sanshen.interaction.models import Message
from sanshen.oversight.models import AuditEntry
from sanshen.web.models import Notification

from .conftest import department, from_address, refresh

pytestmark = pytest.mark.django_db


def audit_actions(message):
    return list(AuditEntry.objects.filter(object_type="interaction.message", object_id=str(message.pk))
                .order_by("seq").values_list("action", flat=True))


def test_a_message_is_screened_gets_a_query_code_and_waits_for_the_office(leave, person):
    message = leave(text="请问国土资源部的审批还需要吗？我的手机13812345678。")
    assert message.status == Message.Status.NEW and len(message.code) == 10
    rules = {f["rule"] for f in message.findings}
    assert "expression.agency" in rules and "privacy.mobile" in rules
    assert Notification.objects.filter(person=person("officer"), message__contains=message.subject).exists()
    entry = AuditEntry.objects.get(action="interaction.message_left", object_id=str(message.pk))
    assert entry.ip == message.client_address and "13912345678" not in str(entry.details) + entry.object_repr


def test_the_whole_way_to_a_published_answer(office_hours, leave, person):
    message = leave()
    message = services.accept(message, person("officer"), department=department(), request=from_address("10.1.1.1"))
    assert message.status == Message.Status.ROUTED and message.due_on == date(2026, 12, 2)  # 5 working days
    assert Notification.objects.filter(person=person("editor"), message__contains="转交本部门").exists()
    message = services.submit_answer(message, person("editor"), text="申报材料见通知附件。")
    assert Notification.objects.filter(person=person("head"), message__contains="待您审核").exists()
    message = services.approve_answer(message, person("head"))
    message = services.publish_answer(message, person("officer"), request=from_address("10.1.1.1"))
    assert message.status == Message.Status.PUBLISHED and message.published_by == person("officer")
    assert audit_actions(message) == ["interaction.message_left", "interaction.message_routed",
                                      "interaction.answer_submitted", "interaction.answer_approved",
                                      "interaction.answer_published"]


def test_only_the_office_or_an_administrator_moderates(leave, person):
    for username in ("editor", "head", "leader", "chief", "spokesperson", "secrecy", "member"):
        with pytest.raises(services.InteractionError, match="只有信息专管员或系统管理员可以审核网上留言"):
            services.accept(leave(), person(username), department=department())
    assert services.mark_unsuitable(leave(), person("admin"), reason="与本机关职能无关").status == Message.Status.UNSUITABLE


def test_a_message_with_a_blocking_finding_cannot_be_made_public(leave, person):
    message = leave(text="单位文件标注机密★10年，内容如下。")
    assert message.blocking
    with pytest.raises(services.InteractionError, match="须修改的筛查发现"):
        services.accept(message, person("officer"), department=department())
    assert services.mark_unsuitable(message, person("officer"), reason="含涉密标识").unsuitable_reason == "含涉密标识"


def test_moderating_twice_or_without_a_reason_is_refused(leave, person):
    message = leave()
    with pytest.raises(services.InteractionError, match="请说明不予公开的理由"):
        services.mark_unsuitable(message, person("officer"), reason="  ")
    services.accept(message, person("officer"), department=department(), working_days=3)
    with pytest.raises(services.InteractionError, match="办理中"):
        services.mark_unsuitable(refresh(message), person("officer"), reason="重复")


def test_another_department_cannot_answer(routed, person):
    message = routed()
    with pytest.raises(services.InteractionError, match="产业发展科办理，其他部门不能答复"):
        services.submit_answer(message, person("editor2"), text="由我科答复。")
    for username in ("officer", "leader", "member"):
        with pytest.raises(services.InteractionError, match="只有承办部门的采编员或科室负责人"):
            services.submit_answer(message, person(username), text="答复。")


def test_an_answer_with_a_blocking_finding_goes_back_to_its_drafter(routed, person):
    with pytest.raises(services.InteractionError, match="须修改的筛查发现"):
        services.submit_answer(routed(), person("editor"), text="附件标注秘密★1年，请勿外传。")


def test_the_drafter_cannot_approve_their_own_answer(routed, person):
    message = services.submit_answer(routed(), person("head"), text="申报材料见通知附件。")
    with pytest.raises(services.InteractionError, match="答复由您起草，须由他人审核"):
        services.approve_answer(message, person("head"))
    assert Notification.objects.filter(person=person("leader"), message__contains="待您审核").exists()
    assert services.approve_answer(message, person("leader")).approved_by == person("leader")


def test_approval_is_for_the_department_s_head_or_leader(answered, person):
    message = answered()
    for username in ("editor", "editor2", "officer", "chief", "member"):
        with pytest.raises(services.InteractionError):
            services.approve_answer(message, person(username))
    assert refresh(message).status == Message.Status.ANSWERED


def test_a_returned_answer_is_revised_and_sent_again(answered, person):
    message = services.return_answer(answered(), person("head"), reason="请写明截止日期的依据")
    assert message.status == Message.Status.ROUTED and message.returned_reason == "请写明截止日期的依据"
    assert Notification.objects.filter(person=person("editor"), message__contains="被退回").exists()
    message = services.submit_answer(message, person("editor"), text="依据通知第三条，截止时间为12月31日。")
    assert services.approve_answer(message, person("head")).returned_reason == ""


def test_only_the_officer_publishes_and_only_from_the_office(office_hours, approved, person):
    message = approved()
    with pytest.raises(services.InteractionError, match="只有信息专管员可以公开答复"):
        services.publish_answer(message, person("head"), request=from_address("10.1.1.1"))
    with pytest.raises(services.InteractionError, match="办公网络"):
        services.publish_answer(message, person("officer"), request=from_address("203.0.113.5"))
    assert refresh(message).status == Message.Status.APPROVED


def test_an_unanswered_message_cannot_be_published(office_hours, routed, person):
    with pytest.raises(services.InteractionError, match="办理中"):
        services.publish_answer(routed(), person("officer"), request=from_address("10.1.1.1"))


def test_a_used_captcha_cannot_send_a_second_message(leave):
    message = leave()
    data = services.MessageInput(name="李女士", contact="li@example.com", subject="再问", text="同上。")
    with pytest.raises(services.InteractionError, match="验证题已经用过"):
        services.leave_message(data, captcha_nonce=message.captcha_nonce, request=from_address())
