"""Issue 13.4: the reviewer signs seeing the findings — the text with them marked, the editor's 忽略 with its
reason and who, the reviewers' 确认保留 — and what changed since they last looked (自您上次查看以来的修改)."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.corrections import dismiss_finding
from sanshen.content.forms import item_input
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item, edit_item
from sanshen.review import flow
from sanshen.review.services import decide, override_finding, submit_item

from .conftest import refresh, sign

pytestmark = pytest.mark.django_db

BODY = "各科室要认真贯撤落实会议精神。\n联系人：张三，身份证号11010519491231002X。"


def key_of(item: Item, text: str) -> str:
    finding = next(f for f in item.current_revision.screenings.first().findings if f["text"] == text)
    return f"{finding['part']}:{finding['rule']}:{finding['start']}:{finding['end']}"


def decide_url(item):
    return reverse("review:decide", args=[item.pk])


@pytest.fixture
def screened(person):
    """A submitted item with a dismissed typo (by the editor) and an overridden ID number (by 王科长)."""
    editor = person("editor")
    item = create_item(editor, ItemInput(title="关于开展企业走访活动的通知", body=BODY,
                                         channels=[Channel.objects.get(name="要闻动态")]))
    dismiss_finding(item, editor, key_of(item, "贯撤落实"), "引用原文件标题，照录。", "one")
    submit_item(item, editor)
    item = refresh(item)
    override_finding(item, person("head"), key_of(item, "11010519491231002X"), "经本人书面同意公开。")
    return refresh(item)


def test_the_decision_form_shows_the_text_with_findings_dismissals_and_overrides(client_as, screened):
    page = client_as("editor2").get(decide_url(screened)).content.decode()
    body = page[page.index('data-testid="item-body"'):page.index('data-testid="findings-panel"')]
    assert '<mark class="finding' in body and "贯撤落实" in body and "11010519491231002X" in body
    settled = page[page.index('data-testid="settled-rows"'):]
    assert "引用原文件标题，照录。" in settled and "张采编" in settled and "忽略此处" in settled
    assert "经本人书面同意公开。" in settled and "王科长" in settled and "已确认保留" in settled
    assert 'data-testid="dismiss-one"' not in page  # the reviewer reads the dismissals, never makes them


def test_nothing_is_shown_as_changed_before_the_reviewer_has_seen_an_older_version(client_as, submitted):
    page = client_as("editor2").get(decide_url(submitted())).content.decode()
    assert "自您上次查看" not in page and 'data-testid="changes-since-seen"' not in page


def test_after_the_editor_changes_the_text_the_reviewer_sees_the_changes_since_their_last_look(
        client_as, person, submitted):
    item = submitted(body="我局组织开展安全生产专项检查，共检查企业32家。")
    head = client_as("head")
    sign(client_as("editor2"), item)
    head.get(decide_url(item))  # 王科长 reads v1 …
    sign(head, refresh(item), verdict="reject", opinion="请补充整改情况。", checklist=False, proofread=False)
    edit_item(refresh(item), person("editor"), item_input(refresh(item), body="我局组织开展安全生产专项检查，共检查企业35家，督促整改问题15项。"))
    submit_item(refresh(item), person("editor"))
    sign(client_as("editor2"), refresh(item))  # 李采编 signed v1 and now signs v2 at 初审 again

    for _look in range(2):  # … and the changes stay in view however often he opens the form
        page = head.get(decide_url(item)).content.decode()
        changes = page[page.index('data-testid="changes-since-seen"'):page.index('id="proofreading"')]
        assert "自您上次查看（第 1 版）以来的修改" in changes
        assert "<del>2</del><ins>5</ins>" in changes and "<ins>，督促整改问题15项</ins>" in changes
        assert f"{reverse('content:diff', args=[item.pk])}?a=1&amp;b=2" in changes

    leader_page = client_as("leader").get(decide_url(item))  # 三审 is not his yet: he is refused, nothing recorded
    assert leader_page.status_code == 403


def test_signing_counts_as_having_seen_the_version_signed(client_as, person, submitted):
    item = submitted(body="共检查企业32家。")
    checklist = {key: True for key, _label in flow.next_stage(item).checklist_items()}
    decide(item, person("editor2"), verdict="reject", opinion="请写全。", checklist=checklist)
    edit_item(refresh(item), person("editor"), item_input(refresh(item), body="共检查企业32家，发现问题15项。"))
    submit_item(refresh(item), person("editor"))
    page = client_as("editor2").get(decide_url(item)).content.decode()
    assert "自您上次查看（第 1 版）以来的修改" in page and "<ins>，发现问题15项</ins>" in page
