"""The review services' rules, each proved by a refusal a user would meet (R1–R8, C3, C5, S5, S6)."""

from datetime import date

import pytest
import time_machine

from sanshen.channels.models import Channel
from sanshen.content.models import Item, ScreeningReport, Source
from sanshen.content.services import ContentError, ItemInput, create_item, edit_item
from sanshen.review import flow
from sanshen.review.defaults import TWO_LEVEL, workflow
from sanshen.review.models import Decision
from sanshen.review.services import (
    answer_secrecy,
    decide,
    emergency_approve,
    override_finding,
    publishable_refusal,
    request_secrecy,
    submit_item,
)

pytestmark = pytest.mark.django_db

CHECKS = {
    "initial": {"source_legal": True, "ideology": True, "no_secret": True, "truth_logic": True},
    "standard": {"political": True, "no_secret": True, "accuracy": True},
    "final": {"political": True, "spokesperson": True, "declassified": True, "opinion_risk": True},
}
BODY = "我局组织开展安全生产专项检查，共检查企业32家，发现并督促整改问题15项。"


@pytest.fixture
def column():
    return Channel.objects.get(name="要闻动态")


def new_item(author, column, **fields):
    data = ItemInput(title=fields.pop("title", "我局开展安全生产专项检查"), body=fields.pop("body", BODY),
                     channels=fields.pop("channels", [column]), **fields)
    return create_item(author, data)


def approve(item, reviewer, **extra):
    stage = flow.next_stage(item)
    return decide(item, reviewer, verdict="approve", opinion="同意。", checklist=CHECKS[stage.checklist],
                  proofread=True, **extra)


def refresh(item):
    return Item.objects.get(pk=item.pk)


def test_the_default_flow_runs_three_stages_and_binds_each_signature_to_the_revision(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    assert [s.name for s in flow.required_stages(item)] == ["初审", "复审", "三审"]
    for reviewer in ("editor2", "head", "leader"):
        decision = approve(refresh(item), person(reviewer))
        assert decision.content_hash == item.current_revision.content_hash
    item = refresh(item)
    assert item.status == Item.Status.APPROVED
    final = item.current_revision.screenings.filter(trigger=ScreeningReport.Trigger.FINAL)
    assert final.count() == 1  # screened again right before the last approval, on that very revision
    assert publishable_refusal(item) is None


def test_nobody_approves_their_own_item(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    with pytest.raises(ContentError, match="不能审核自己撰写的稿件"):
        approve(item, person("editor"))


def test_one_person_signs_one_stage(person, column):
    """The leader is also a valid 三审 signer; were he also a section head, he still could not sign twice."""
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    approve(item, person("editor2"))
    approve(refresh(item), person("head"))
    from sanshen.org.models import Role
    from sanshen.org.services import set_roles

    head = person("head")
    set_roles(head, {Role.SECTION_HEAD: [head.department], Role.LEADER: [head.department]})
    with pytest.raises(ContentError, match="同一人不能签署两个环节"):
        approve(refresh(item), person("head"))


def test_a_stage_is_signed_only_by_its_role_in_the_items_department(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    with pytest.raises(ContentError, match="初审须由本单位的采编员签署"):
        approve(item, person("head"))
    approve(item, person("editor2"))
    with pytest.raises(ContentError, match="复审须由产业发展科的科室负责人签署"):
        approve(refresh(item), person("leader"))


def test_reviewers_and_publishers_cannot_edit(person, column):
    item = new_item(person("editor"), column)
    for outsider in ("head", "leader", "officer"):
        with pytest.raises(ContentError, match="只有采编员或会员单位可以修改稿件|只有稿件作者可以修改稿件"):
            edit_item(item, person(outsider), ItemInput(title="改标题", body=BODY, channels=[column]))
    with pytest.raises(ContentError, match="只有稿件作者可以修改稿件"):
        edit_item(item, person("editor2"), ItemInput(title="改标题", body=BODY, channels=[column]))


def test_an_edit_voids_every_signature_and_restarts_the_flow(person, column):
    editor = person("editor")
    item = new_item(editor, column)
    submit_item(item, editor)
    approve(item, person("editor2"))
    approve(refresh(item), person("head"))
    old_hash = refresh(item).current_revision.content_hash
    item = edit_item(refresh(item), editor, ItemInput(title="我局开展安全生产专项检查", body=BODY + "下一步将持续跟踪。",
                                                       channels=[column]))
    assert item.status == Item.Status.DRAFT and item.current_revision.content_hash != old_hash
    assert not flow.approvals(item)
    assert Decision.objects.filter(item=item, voided_at__isnull=False).count() == 2
    assert flow.next_stage(item).name == "初审"
    assert publishable_refusal(item) == "稿件尚未审核通过。"
    submit_item(item, editor)
    approve(refresh(item), person("editor2"))  # editor2 signs 初审 again, on the new revision


def test_an_approved_item_edited_afterwards_is_not_publishable(person, column):
    editor = person("editor")
    item = new_item(editor, column)
    submit_item(item, editor)
    for reviewer in ("editor2", "head", "leader"):
        approve(refresh(item), person(reviewer))
    edit_item(refresh(item), editor, ItemInput(title="我局开展安全生产专项检查（更新）", body=BODY, channels=[column]))
    assert publishable_refusal(refresh(item))


def test_a_rejection_returns_the_item_with_reasons_and_resubmission_restarts(person, column):
    editor = person("editor")
    item = new_item(editor, column)
    submit_item(item, editor)
    with pytest.raises(ContentError, match="退回稿件须写明理由"):
        decide(item, person("editor2"), verdict="reject", opinion="  ")
    decide(item, person("editor2"), verdict="reject", opinion="数据请注明来源。")
    item = refresh(item)
    assert item.status == Item.Status.REJECTED
    assert editor.notifications.filter(message__contains="数据请注明来源").exists()
    edit_item(item, editor, ItemInput(title=item.title, body=BODY + "（数据来源：市统计局）", channels=[column]))
    submit_item(refresh(item), editor)
    assert flow.next_stage(refresh(item)).name == "初审"


def test_an_approval_needs_the_checklist_the_proofreading_and_an_opinion(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    editor2 = person("editor2")
    with pytest.raises(ContentError, match="请逐项确认审核要点"):
        decide(item, editor2, verdict="approve", opinion="同意", checklist={"source_legal": True}, proofread=True)
    with pytest.raises(ContentError, match="校对"):
        decide(item, editor2, verdict="approve", opinion="同意", checklist=CHECKS["initial"], proofread=False)
    with pytest.raises(ContentError, match="审核意见"):
        decide(item, editor2, verdict="approve", opinion="", checklist=CHECKS["initial"], proofread=True)


def test_a_blocking_finding_stops_the_item_until_fixed_or_overridden_with_a_reason(person, column):
    editor = person("editor")
    item = new_item(editor, column, title="关于开展安全生产专项检查的请示")  # 请示 are not published
    report = submit_item(item, editor)
    assert report.blocking == 1
    with pytest.raises(ContentError, match="须修改的问题"):
        approve(refresh(item), person("editor2"))
    key = flow.finding_key(flow.unresolved_blocking(refresh(item))[0])
    with pytest.raises(ContentError, match="只有科室负责人"):
        override_finding(refresh(item), person("editor2"), key, "已脱密")
    with pytest.raises(ContentError, match="理由"):
        override_finding(refresh(item), person("head"), key, " ")
    override_finding(refresh(item), person("head"), key, "标题沿用来文，内容为公开的检查安排")
    approve(refresh(item), person("editor2"))
    assert flow.next_stage(refresh(item)).name == "复审"


def test_the_last_approval_screens_again_and_refuses_what_the_rules_now_block(person, column):
    """The final screening reads the revision as it is at the last signature, not at submission."""
    editor = person("editor")
    item = new_item(editor, column)
    submit_item(item, editor)
    approve(item, person("editor2"))
    approve(refresh(item), person("head"))
    reports_before = refresh(item).current_revision.screenings.count()
    approve(refresh(item), person("leader"))
    assert refresh(item).current_revision.screenings.count() == reports_before + 1


def test_classified_items_never_reach_a_public_channel(person, column):
    with pytest.raises(ContentError, match="涉密不上网"):
        new_item(person("editor"), column, sensitivity=Item.Sensitivity.CLASSIFIED)
    vault = Channel.objects.create(name="机要内网", kind=Channel.Kind.WEBSITE_COLUMN, workflow=workflow(),
                                   is_classified=True)
    item = new_item(person("editor"), vault, sensitivity=Item.Sensitivity.CLASSIFIED)
    with pytest.raises(ContentError, match="涉密不上网"):
        edit_item(item, person("editor"), ItemInput(title=item.title, body=BODY, channels=[vault, column],
                                                    sensitivity=Item.Sensitivity.CLASSIFIED))


def test_reposts_name_an_approved_source_and_author(person, column):
    editor = person("editor")
    unlisted = Source.objects.get(name="某自媒体号")
    item = new_item(editor, column, is_repost=True, source=unlisted, source_author="佚名")
    with pytest.raises(ContentError, match="不在稿源单位白名单中"):
        submit_item(item, editor)
    nameless = new_item(editor, column, is_repost=True, source=Source.objects.get(name="新华社"))
    with pytest.raises(ContentError, match="须注明原稿源单位和原作者"):
        submit_item(nameless, editor)
    fine = new_item(editor, column, is_repost=True, source=Source.objects.get(name="新华社"), source_author="张三")
    submit_item(fine, editor)


def test_sensitive_items_only_for_people_with_a_pledge(person, column):
    with pytest.raises(ContentError, match="尚未登记保密承诺书"):
        new_item(person("editor2"), column, sensitivity=Item.Sensitivity.SENSITIVE)
    item = new_item(person("editor"), column, sensitivity=Item.Sensitivity.SENSITIVE)
    submit_item(item, person("editor"))
    with pytest.raises(ContentError, match="李采编 尚未登记保密承诺书"):
        approve(refresh(item), person("editor2"))  # editor2 may sign 初审, but has no pledge
    assert person("editor2") not in flow.people_for_stage(flow.next_stage(refresh(item)), refresh(item))


@pytest.mark.parametrize("fields, reason", [
    ({"body": "习近平总书记在会议上强调，要推动制造业高质量发展。"}, "涉及国家领导人"),
    ({"category": Item.Category.SPEECH}, "领导讲话"),
    ({"sensitivity": Item.Sensitivity.SENSITIVE}, "敏感"),
])
def test_escalation_rules_add_the_main_leaders_final_review(person, column, fields, reason):
    item = new_item(person("editor"), column, **fields)
    submit_item(item, person("editor"))
    item = refresh(item)
    assert any(reason in r for r in item.escalation_reasons)
    assert [s.name for s in flow.required_stages(item)] == ["初审", "复审", "三审", "终审"]


def test_a_reviewer_can_ask_for_the_main_leaders_review(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    approve(item, person("editor2"))
    approve(refresh(item), person("head"))
    approve(refresh(item), person("leader"), request_final_review=True)
    item = refresh(item)
    assert item.status == Item.Status.IN_REVIEW and flow.next_stage(item).name == "终审"
    approve(item, person("chief"))
    assert refresh(item).status == Item.Status.APPROVED


def test_the_two_level_flow_of_000_is_configurable(person):
    channel = Channel.objects.create(name="协会动态", kind=Channel.Kind.WEBSITE_COLUMN, workflow=workflow(TWO_LEVEL))
    item = new_item(person("editor"), channel)
    submit_item(item, person("editor"))
    assert [s.name for s in flow.required_stages(item)] == ["部门初审", "协会终审"]
    approve(refresh(item), person("head"))
    approve(refresh(item), person("chief"))
    assert refresh(item).status == Item.Status.APPROVED


def test_emergency_approval_publishes_at_once_and_leaves_the_missing_stages_owed(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    with pytest.raises(ContentError, match="只有新闻发言人或分管领导"):
        emergency_approve(item, person("head"), consultation="电话请示", reason="突发事件")
    with pytest.raises(ContentError, match="请示主要领导"):
        emergency_approve(item, person("spokesperson"), consultation="", reason="突发事件")
    emergency_approve(item, person("spokesperson"), consultation="11时05分电话请示陈局长，同意发布", reason="突发事件通报")
    item = refresh(item)
    assert item.status == Item.Status.APPROVED and publishable_refusal(item) is None
    assert [s.name for s in flow.missing_stages(item)] == ["初审", "复审", "三审"]
    for reviewer in ("editor2", "head", "leader"):
        approve(refresh(item), person(reviewer))
    item = refresh(item)
    assert item.emergency_approvals.get().completed_at is not None
    assert all(d.emergency for d in item.decisions.all())


def test_secrecy_determination_is_due_in_seven_working_days_across_national_day(person, column):
    item = new_item(person("editor"), column)
    with time_machine.travel("2025-09-25 10:00 +0800"):
        secrecy = request_secrecy(item, person("editor"), question="第二段的产能数据是否属于工作秘密？")
    assert secrecy.due_on == date(2025, 10, 11)  # 26, 28 (make-up Sunday), 29, 30, 9, 10, 11 (make-up Saturday)
    assert refresh(item).status == Item.Status.AWAITING_SECRECY
    with pytest.raises(ContentError, match="只有保密审查员"):
        answer_secrecy(secrecy, person("head"), answer="not_secret", text="不涉密")
    answer_secrecy(secrecy, person("secrecy"), answer="not_secret", text="经审查不涉密，可以公开。")
    assert refresh(item).status == Item.Status.DRAFT


def test_a_secret_determination_refuses_the_item(person, column):
    item = new_item(person("editor"), column)
    submit_item(item, person("editor"))
    secrecy = request_secrecy(refresh(item), person("head"), question="是否涉及未公开的规划？")
    answer_secrecy(secrecy, person("secrecy"), answer="secret", text="涉及未公开规划，不得公开。")
    item = refresh(item)
    assert item.status == Item.Status.REFUSED and item.sensitivity == Item.Sensitivity.CLASSIFIED
    with pytest.raises(ContentError, match="不能修改"):
        edit_item(item, person("editor"), ItemInput(title=item.title, body=BODY, channels=[column]))


def test_member_units_confirm_their_commitment(person, column):
    with pytest.raises(ContentError, match="书面承诺"):
        new_item(person("member"), column)
    item = new_item(person("member"), column, member_commitment=True)
    assert item.member_commitment_at is not None and item.department.name.endswith("（会员单位）")


def test_a_member_units_item_is_reviewed_by_the_department_owning_its_channel(person):
    from sanshen.org.models import Department

    office = Department.objects.get(name="办公室")
    channel = Channel.objects.create(name="会员风采", kind=Channel.Kind.WEBSITE_COLUMN, workflow=workflow(TWO_LEVEL),
                                     department=Department.objects.get(name="产业发展科"))
    item = new_item(person("member"), channel, member_commitment=True)
    submit_item(item, person("member"))
    assert flow.reviewing_department(refresh(item)) != office
    assert [p.username for p in flow.people_for_stage(flow.next_stage(refresh(item)), refresh(item))] == ["head"]
    approve(refresh(item), person("head"))


def test_closed_channels_cannot_be_chosen(person, column):
    column.is_active = False
    column.save()
    with pytest.raises(ContentError, match="渠道已停用"):
        new_item(person("editor"), column)


def test_an_edit_after_an_emergency_approval_sends_the_item_through_full_review_again(person, column):
    editor = person("editor")
    item = new_item(editor, column)
    submit_item(item, editor)
    emergency_approve(item, person("spokesperson"), consultation="电话请示陈局长，同意", reason="突发事件通报")
    edit_item(refresh(item), editor, ItemInput(title=item.title, body=BODY + "（更新）", channels=[column]))
    item = refresh(item)
    assert flow.open_emergency(item) is None and publishable_refusal(item) == "稿件尚未审核通过。"
    submit_item(item, editor)
    decide(refresh(item), person("editor2"), verdict="reject", opinion="更新内容须核实。")  # an ordinary rejection again
    assert refresh(item).status == Item.Status.REJECTED
