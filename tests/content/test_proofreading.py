"""Issue 13.2, the findings panel (校对面板) without a browser: fixes chosen in place are saved together as one
revision, a warning is dismissed with a reason everyone sees, a phone number is masked in one click."""

import re

import pytest

from sanshen.channels.models import Channel
from sanshen.content.fixes import masked
from sanshen.content.forms import item_input
from sanshen.content.models import FindingDismissal, Item
from sanshen.content.services import ItemInput, create_item, edit_item
from sanshen.oversight.models import AuditEntry

pytestmark = pytest.mark.django_db

BODY = ("各科室要认真贯撤落实会议精神。\n国土资源部发布了新的规定，国土资源部门将抓好落实。\n联系人：张三，13812345678，"
        "身份证号11010519491231002X。")
HTMX = {"HTTP_HX_REQUEST": "true"}


def drafted(person) -> Item:
    """A draft (screened on save) with two replaceable findings, a mobile number (a warning) and an ID number
    (须修改)."""
    return create_item(person("editor"), ItemInput(title="关于开展企业走访活动的通知", body=BODY,
                                                   channels=[Channel.objects.get(name="要闻动态")]))


def key_of(item: Item, text: str) -> str:
    finding = next(f for f in item.current_revision.screenings.first().findings if f["text"] == text)
    return f"{finding['part']}:{finding['rule']}:{finding['start']}:{finding['end']}"


def panel_rows(html: str) -> list[str]:
    """The open findings the panel lists, as their quoted words."""
    return re.findall(r'<q class="finding-text">(.*?)</q>', html)


def test_chosen_fixes_show_in_place_and_save_as_one_revision(client_as, person):
    item = drafted(person)
    editor = client_as("editor")
    typo, name = key_of(item, "贯撤落实"), key_of(item, "国土资源部")
    first = editor.post(f"/items/{item.pk}/panel/", {"add": f"suggest|{typo}"}, **HTMX).content.decode()
    assert "<html" not in first  # only the panel is drawn again
    assert "<del>贯撤落实</del><ins>贯彻落实</ins>" in first and "保存 1 处修改" in first
    both = editor.post(f"/items/{item.pk}/panel/", {"fix": f"suggest|{typo}", "add": f"suggest|{name}"},
                       **HTMX).content.decode()
    assert "<del>国土资源部</del><ins>自然资源部</ins>" in both and "保存 2 处修改" in both
    item.refresh_from_db()
    assert item.current_revision.number == 1 and item.body == BODY  # nothing saved yet

    withdrawn = editor.post(f"/items/{item.pk}/panel/", {"fix": [f"suggest|{typo}", f"suggest|{name}"],
                                                         "drop": f"suggest|{name}"}, **HTMX).content.decode()
    assert "保存 1 处修改" in withdrawn and "<ins>自然资源部</ins>" not in withdrawn

    saved = editor.post(f"/items/{item.pk}/fixes/", {"fix": [f"suggest|{typo}", f"suggest|{name}"]}, follow=True)
    item.refresh_from_db()
    assert item.current_revision.number == 2
    assert item.body == BODY.replace("贯撤落实", "贯彻落实").replace("国土资源部发布", "自然资源部发布")
    assert "已修改 2 处（第 2 版）" in saved.content.decode()
    entry = AuditEntry.objects.filter(action="content.fixes_applied", object_id=str(item.pk)).get()
    assert entry.details["fixes"] == [{"old": "贯撤落实", "new": "贯彻落实"}, {"old": "国土资源部", "new": "自然资源部"}]


def test_take_all_chooses_every_replacement_but_not_advice(client_as, person):
    item = drafted(person)
    panel = client_as("editor").post(f"/items/{item.pk}/panel/", {"add": "all"}, **HTMX).content.decode()
    assert "保存 2 处修改" in panel and "<ins>贯彻落实</ins>" in panel and "<ins>自然资源部</ins>" in panel
    assert "13812345678" in panel  # a number is masked only when asked for


def test_a_mobile_number_is_masked_in_one_click(client_as, person):
    item = drafted(person)
    phone = key_of(item, "13812345678")
    client_as("editor").post(f"/items/{item.pk}/fixes/", {"add": f"mask|{phone}"})
    item.refresh_from_db()
    assert "联系人：张三，138****5678，" in item.body and item.current_revision.number == 2


@pytest.mark.parametrize("span, rule, shown", [
    ("138 1234 5678", "privacy.mobile", "138 **** 5678"),
    ("11010519491231002X", "privacy.id_number", "110105********002X"),
    ("6222 0212 3456 7890", "privacy.bank_card", "6222 **** **** 7890"),
    ("+86 138 1234 5678", "privacy.mobile", "+86 138 **** 5678"),  # the country code is not the number's head
    ("0086-13812345678", "privacy.mobile", "0086-138****5678"),
    ("(+86)13812345678", "privacy.mobile", "(+86)138****5678"),
])
def test_masking_keeps_the_ends_and_the_spacing(span, rule, shown):
    assert masked(span, rule) == shown


def test_a_dismissal_needs_a_reason_keeps_what_was_typed_and_is_shown_to_reviewers(client_as, person):
    item = drafted(person)
    editor = client_as("editor")
    typo, name, phone = key_of(item, "贯撤落实"), key_of(item, "国土资源部"), key_of(item, "13812345678")
    refused = editor.post(f"/items/{item.pk}/dismiss/", {"dismiss": f"one|{typo}", f"reason|{typo}": " ",
                                                         f"reason|{name}": "半句话", "fix": f"mask|{phone}"}, **HTMX)
    html = refused.content.decode()
    assert refused.status_code == 400 and "请写明忽略的理由" in html
    assert "半句话" in html and "<ins>138****5678</ins>" in html  # the other reason and the chosen fix are kept

    done = editor.post(f"/items/{item.pk}/dismiss/", {"dismiss": f"one|{typo}", f"reason|{typo}": "引用原文件标题，照录。"},
                       **HTMX).content.decode()
    assert "贯撤落实" not in panel_rows(done) and "已忽略“贯撤落实”" in done
    entry = AuditEntry.objects.get(action="content.finding_dismissed", object_id=str(item.pk))
    assert entry.details["reason"] == "引用原文件标题，照录。"
    for reviewer in ("head", "leader"):
        page = client_as(reviewer).get(f"/items/{item.pk}/").content.decode()
        settled = page[page.index('data-testid="settled-rows"'):]
        assert "引用原文件标题，照录。" in settled and "忽略此处" in settled


def test_dismissing_the_same_kind_covers_every_place_and_outlives_an_edit(client_as, person):
    item = drafted(person)
    name = key_of(item, "国土资源部")
    client_as("editor").post(f"/items/{item.pk}/dismiss/", {"dismiss": f"same|{name}", f"reason|{name}": "历史沿革介绍。"})
    assert FindingDismissal.objects.get(item=item).scope == FindingDismissal.Scope.SAME_KIND
    edit_item(item, person("editor"), item_input(item, body="国土资源部曾负责此项工作。\n" + BODY))
    rows = panel_rows(client_as("editor").get(f"/items/{item.pk}/").content.decode())
    assert "国土资源部" not in rows and "贯撤落实" in rows


def test_a_blocking_finding_cannot_be_dismissed_and_only_the_author_dismisses(client_as, person):
    item = drafted(person)
    id_number, typo = key_of(item, "11010519491231002X"), key_of(item, "贯撤落实")
    blocked = client_as("editor").post(f"/items/{item.pk}/dismiss/", {"dismiss": f"one|{id_number}",
                                                                      f"reason|{id_number}": "本人同意公开。"}, **HTMX)
    assert blocked.status_code == 400 and "须修改项不能忽略" in blocked.content.decode()
    for other in ("editor2", "head", "officer"):
        refused = client_as(other).post(f"/items/{item.pk}/dismiss/", {"dismiss": f"one|{typo}", f"reason|{typo}": "x"})
        assert refused.status_code in (400, 403), other
    assert not FindingDismissal.objects.filter(item=item).exists()
    assert 'data-testid="dismiss-one"' not in client_as("head").get(f"/items/{item.pk}/").content.decode()


def test_a_reviewer_cannot_apply_fixes(client_as, person):
    item = drafted(person)
    typo = key_of(item, "贯撤落实")
    client_as("head").post(f"/items/{item.pk}/fixes/", {"add": f"suggest|{typo}"})
    item.refresh_from_db()
    assert item.current_revision.number == 1
    assert 'data-testid="fix-suggest"' not in client_as("head").get(f"/items/{item.pk}/").content.decode()
