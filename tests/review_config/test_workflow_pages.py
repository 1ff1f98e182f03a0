"""Configuring workflows (审核流程配置, R1): administrators shape the stages and choose each channel's workflow."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.services import ItemInput, create_item
from sanshen.oversight.models import AuditEntry
from sanshen.review import flow
from sanshen.review.defaults import THREE_REVIEWS, TWO_LEVEL
from sanshen.review.models import Decision, Stage, Workflow
from sanshen.review.services import submit_item

from .conftest import form_values

pytestmark = pytest.mark.django_db

BODY = "我局组织开展安全生产专项检查，共检查企业32家，发现并督促整改问题15项。"
LIST = reverse("review:workflows")


def new_workflow_form(client, name="简易两审", **fields):
    """The list page's form to create a workflow, as shown, with `name` and `fields` typed in."""
    data = form_values(client.get(LIST).content.decode(), "new-workflow")
    data.update(name=name, **fields)
    return data


def edit_form(client, workflow):
    return form_values(client.get(reverse("review:workflow", args=[workflow.pk])).content.decode(), "workflow-form")


def row_of(data, stage_name) -> str:
    """The form prefix of the row showing `stage_name`, e.g. "stages-0"."""
    return next(key.removesuffix("-name") for key, value in data.items()
                if key.endswith("-name") and value == stage_name)


TWO_STAGES = {
    "stages-0-order": "1", "stages-0-name": "科室审核", "stages-0-role": "section_head", "stages-0-checklist": "initial",
    "stages-1-order": "2", "stages-1-name": "领导签发", "stages-1-role": "leader", "stages-1-checklist": "final",
}


def test_administrator_creates_a_workflow_moves_a_channel_and_items_follow_it(client_as, person):
    admin = client_as("admin")
    response = admin.post(LIST, new_workflow_form(admin, description="科室审核后分管领导签发", **TWO_STAGES))
    workflow = Workflow.objects.get(name="简易两审")
    assert response.status_code == 302 and response.url == reverse("review:workflow", args=[workflow.pk])
    assert [(s.order, s.name, s.role, s.scoped_to_item_department, s.checklist) for s in workflow.stages.all()] == [
        (1, "科室审核", "section_head", True, "initial"), (2, "领导签发", "leader", True, "final")]

    channel = Channel.objects.get(name="通知公告")
    page = admin.get(reverse("review:workflow", args=[workflow.pk])).content.decode()
    assert "签字绑定在环节上" in page
    move = form_values(page, "move-channel")
    move["channel"] = str(channel.pk)
    response = admin.post(reverse("review:workflow_channel", args=[workflow.pk]), move, follow=True)
    assert "渠道“通知公告”已改用“简易两审”。" in response.content.decode()
    assert Channel.objects.get(pk=channel.pk).workflow == workflow

    listing = admin.get(LIST).content.decode()
    section = listing.split("简易两审", 1)[1].split('data-testid="workflow"', 1)[0]
    assert "科室审核" in section and "终审要点" in section and "通知公告" in section

    item = create_item(person("editor"), ItemInput(title="关于开展安全生产检查的通知", body=BODY, channels=[channel]))
    submit_item(item, person("editor"))
    assert [s.name for s in flow.required_stages(item)] == ["科室审核", "领导签发"]
    assert flow.people_for_stage(flow.next_stage(item), item) == [person("head")]


def test_a_workflow_without_stages_is_refused_and_the_name_is_kept(client_as):
    admin = client_as("admin")
    response = admin.post(LIST, new_workflow_form(admin, name="空流程", description="还没想好"))
    page = response.content.decode()
    assert response.status_code == 200 and "审核流程至少需要一个审核环节。" in page
    assert 'value="空流程"' in page and 'value="还没想好"' in page
    assert not Workflow.objects.filter(name="空流程").exists()


def test_repeated_orders_are_refused_and_every_row_is_kept(client_as):
    admin = client_as("admin")
    stages = {**TWO_STAGES, "stages-1-order": "1"}
    response = admin.post(LIST, new_workflow_form(admin, **stages))
    page = response.content.decode()
    assert response.status_code == 200 and "环节顺序不能重复：1。" in page
    assert 'value="科室审核"' in page and 'value="领导签发"' in page
    assert form_values(page, "new-workflow")["stages-1-checklist"] == "final"
    assert not Workflow.objects.filter(name="简易两审").exists()


def test_a_half_filled_row_says_what_is_missing(client_as):
    admin = client_as("admin")
    response = admin.post(LIST, new_workflow_form(admin, **{**TWO_STAGES, "stages-1-role": ""}))
    assert "这个字段是必填项。" in response.content.decode()
    assert not Workflow.objects.filter(name="简易两审").exists()


def test_stages_swap_places_and_the_change_is_audited(client_as):
    admin = client_as("admin")
    workflow = Workflow.objects.get(name=TWO_LEVEL)
    data = edit_form(admin, workflow)
    first, last = row_of(data, "部门初审"), row_of(data, "协会终审")
    data.update({f"{first}-order": "2", f"{last}-order": "1", "description": "先协会、后部门"})
    response = admin.post(reverse("review:workflow", args=[workflow.pk]), data)
    assert response.status_code == 302
    assert [s.name for s in workflow.stages.all()] == ["协会终审", "部门初审"]
    entry = AuditEntry.objects.filter(action="review.workflow_saved", object_id=str(workflow.pk)).last()
    assert entry.actor_username == "admin"
    assert [s["name"] for s in entry.details["old"]["stages"]] == ["部门初审", "协会终审"]
    assert [s["name"] for s in entry.details["new"]["stages"]] == ["协会终审", "部门初审"]
    assert entry.details["new"]["description"] == "先协会、后部门"


def test_a_workflow_of_final_reviews_only_is_refused(client_as):
    admin = client_as("admin")
    stages = {**TWO_STAGES, "stages-0-escalation_only": "on", "stages-1-escalation_only": "on"}
    page = admin.post(LIST, new_workflow_form(admin, **stages)).content.decode()
    assert "至少需要一个不限于终审的环节" in page


def test_a_workflow_cannot_be_left_without_stages(client_as):
    admin = client_as("admin")
    workflow = Workflow.objects.get(name=TWO_LEVEL)
    data = edit_form(admin, workflow)
    data.update({f"{row_of(data, name)}-DELETE": "on" for name in ("部门初审", "协会终审")})
    response = admin.post(reverse("review:workflow", args=[workflow.pk]), data)
    assert response.status_code == 200 and "审核流程至少需要一个审核环节。" in response.content.decode()
    assert [s.name for s in workflow.stages.all()] == ["部门初审", "协会终审"]


def test_a_signed_stage_cannot_be_deleted(client_as):
    admin = client_as("admin")
    workflow = Workflow.objects.get(name=THREE_REVIEWS)
    signed = Stage.objects.get(workflow=workflow, name="初审")
    signatures = Decision.objects.filter(stage=signed).count()
    assert signatures  # the demo's item waiting at 复审 was signed at 初审
    data = edit_form(admin, workflow)
    data[f"{row_of(data, '初审')}-DELETE"] = "on"
    response = admin.post(reverse("review:workflow", args=[workflow.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"环节“初审”已有 {signatures} 条审核签字，不能删除" in page
    assert Stage.objects.filter(pk=signed.pk).exists()


def test_an_unsigned_stage_can_be_deleted(client_as):
    admin = client_as("admin")
    workflow = Workflow.objects.get(name=TWO_LEVEL)
    data = edit_form(admin, workflow)
    data[f"{row_of(data, '协会终审')}-DELETE"] = "on"
    assert admin.post(reverse("review:workflow", args=[workflow.pk]), data).status_code == 302
    assert [s.name for s in workflow.stages.all()] == ["部门初审"]


@pytest.mark.parametrize("username", ["chief", "leader", "editor"])
def test_only_administrators_configure_workflows(client_as, username):
    client = client_as(username)
    workflow = Workflow.objects.get(name=TWO_LEVEL)
    channel = Channel.objects.get(name="通知公告")
    for response in (client.get(LIST), client.get(reverse("review:workflow", args=[workflow.pk])),
                     client.post(reverse("review:workflow_channel", args=[workflow.pk]), {"channel": channel.pk})):
        assert response.status_code == 403
        assert "只有系统管理员可以配置审核流程。" in response.content.decode()
    assert Channel.objects.get(pk=channel.pk).workflow.name == THREE_REVIEWS


def test_administrators_and_member_units_are_not_offered_as_signers(client_as):
    admin = client_as("admin")
    page = admin.get(LIST).content.decode()
    assert '<option value="leader">分管领导</option>' in page
    assert '<option value="admin">' not in page and '<option value="member">' not in page
    response = admin.post(LIST, new_workflow_form(admin, **{**TWO_STAGES, "stages-1-role": "admin"}))
    assert "选择一个有效的选项" in response.content.decode()


def test_moving_a_channel_with_items_in_review_says_so_and_is_audited(client_as):
    admin = client_as("admin")
    workflow = Workflow.objects.get(name=TWO_LEVEL)
    channel = Channel.objects.get(name="要闻动态")
    move_url = reverse("review:workflow_channel", args=[workflow.pk])
    response = admin.post(move_url, {"channel": ""})
    assert response.status_code == 200 and "请选择要改用此流程的渠道。" in response.content.decode()

    page = admin.post(move_url, {"channel": channel.pk}, follow=True).content.decode()
    assert "正在审核，接下来按本流程尚未签署的环节继续审核" in page  # the demo's item waiting at 复审
    assert "网站栏目 · 要闻动态" in page.split('data-testid="workflow-channels"', 1)[1]
    entry = AuditEntry.objects.filter(action="review.workflow_assigned", object_id=str(channel.pk)).last()
    assert entry.details["old"] == THREE_REVIEWS and entry.details["new"] == TWO_LEVEL
