"""The item pages as an author, a reviewer and a member unit see them: forms that keep what was typed,
findings marked where they are, one-click fixes, revisions and their diff, and who may open what."""

import io
import re
from datetime import date
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sanshen.channels.models import Channel
from sanshen.content.models import Item, Source
from sanshen.content.services import ItemInput, create_item
from sanshen.oversight.models import AuditEntry
from sanshen.review.services import decide, submit_item

pytestmark = pytest.mark.django_db


def news():
    return Channel.objects.get(name="要闻动态")


def form_data(**overrides):
    data = {"title": "我局开展安全生产检查", "body": "第一段。\r\n\r\n第二段。", "category": "work_news",
            "channels": [news().pk], "sensitivity": "public", "event_date": "", "source": "", "source_author": ""}
    data.update(overrides)
    return data


def reject(item, reviewer):
    decide(Item.objects.get(pk=item.pk), reviewer, verdict="reject", opinion="数据须注明来源。")


def draft(person, body, title="关于开展企业走访活动的通知"):
    return create_item(person, ItemInput(title=title, body=body, channels=[news()]))


def body_of(page: str) -> str:
    """The inner HTML of the item's body as the page shows it."""
    return re.search(r'data-testid="item-body">(.*?)</div>', page, re.S).group(1)


def findings_panel(page: str) -> str:
    """The list of findings beside the text."""
    return re.search(r'data-testid="findings-panel">(.*?)</aside>', page, re.S).group(1)


# ---- writing an item ---------------------------------------------------------------------------

def test_an_editor_creates_an_item_through_the_page(client_as, person):
    response = client_as("editor").post("/items/new/", form_data())
    item = Item.objects.get(title="我局开展安全生产检查")
    assert response.status_code == 302 and response["Location"] == f"/items/{item.pk}/"
    assert item.body == "第一段。\n\n第二段。" and item.author == person("editor")
    assert list(item.channels.all()) == [news()] and item.current_revision.number == 1
    mine = client_as("editor").get("/items/").content.decode()
    assert "我局开展安全生产检查" in mine and "新建稿件" in mine


def test_an_empty_title_is_refused_and_the_body_is_kept(client_as):
    page = client_as("editor").post("/items/new/", form_data(title="  ", body="这段正文不能丢。")).content.decode()
    assert "这段正文不能丢。" in page and "errorlist" in page and "请更正" in page
    assert not Item.objects.filter(body="这段正文不能丢。").exists()


def test_a_classified_item_on_a_public_channel_is_refused_in_chinese(client_as):
    response = client_as("editor").post("/items/new/", form_data(sensitivity="classified", body="涉密正文草稿。"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "涉密不上网" in page and "涉密正文草稿。" in page
    assert not Item.objects.filter(body="涉密正文草稿。").exists()


def test_a_member_unit_must_confirm_its_commitment(client_as):
    member = client_as("member")
    page = member.post("/items/new/", form_data(title="会员单位新品发布")).content.decode()
    assert "本单位承诺所报送信息真实、准确，已履行自审程序" in page and "请更正" in page
    assert member.post("/items/new/", form_data(title="会员单位新品发布", member_commitment="on")).status_code == 302
    assert Item.objects.get(title="会员单位新品发布").member_commitment_at is not None


def docx_bytes(*paragraphs) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_body_is_imported_from_a_word_file(client_as):
    upload = SimpleUploadedFile("稿件.docx", docx_bytes("为推进制造业高质量发展，我局召开专题会议。", "会议部署了下一步工作。"))
    response = client_as("editor").post("/items/new/", form_data(title="从Word导入", body="", body_file=upload))
    assert response.status_code == 302
    body = Item.objects.get(title="从Word导入").body
    assert "为推进制造业高质量发展，我局召开专题会议。" in body and "会议部署了下一步工作。" in body


def test_the_body_is_imported_from_a_gbk_text_file(client_as):
    upload = SimpleUploadedFile("稿件.txt", "全市工业用电量平稳增长。\r\n规上企业增加值同比增长。".encode("gbk"))
    assert client_as("editor").post("/items/new/", form_data(title="从文本导入", body_file=upload)).status_code == 302
    assert Item.objects.get(title="从文本导入").body == "全市工业用电量平稳增长。\n规上企业增加值同比增长。"


def test_an_unreadable_file_is_refused_and_the_typed_body_kept(client_as):
    upload = SimpleUploadedFile("稿件.docx", b"not a word file")
    page = client_as("editor").post("/items/new/", form_data(title="坏文件", body="手写的正文。",
                                                             body_file=upload)).content.decode()
    assert "无法读取文件" in page and "手写的正文。" in page
    assert not Item.objects.filter(title="坏文件").exists()


def test_editing_warns_that_signatures_are_voided_and_makes_a_new_revision(client_as, person):
    item = draft(person("editor"), "原来的正文。")
    editor = client_as("editor")
    assert "审核签字全部作废" in editor.get(f"/items/{item.pk}/edit/").content.decode()
    assert editor.post(f"/items/{item.pk}/edit/", form_data(title=item.title, body="修改后的正文。")).status_code == 302
    item.refresh_from_db()
    assert item.body == "修改后的正文。" and item.current_revision.number == 2


def test_editing_shows_every_stored_field_in_a_form_the_browser_accepts(client_as, person):
    """A date rendered as 2026/12/05 is empty in a browser's date input: the next save would lose it."""
    source = Source.objects.create(name="江城日报社", is_approved=True)
    item = create_item(person("editor"), ItemInput(
        title="我局召开座谈会", body="座谈会正文。", channels=[news()], category="meeting", sensitivity="sensitive",
        event_date=date(2026, 12, 5), is_repost=True, source=source, source_author="王记者"))
    page = client_as("editor").get(f"/items/{item.pk}/edit/").content.decode()
    assert re.search(r'<input type="date" name="event_date" value="2026-12-05"', page)
    assert re.search(r'<option value="meeting" selected>', page)
    assert re.search(r'<option value="sensitive" selected>', page)
    assert re.search(rf'<option value="{source.pk}" selected>', page)
    assert re.search(r'name="is_repost"[^>]*checked', page)
    assert re.search(rf'name="channels" value="{news().pk}"[^>]*checked', page)
    assert 'value="王记者"' in page and "座谈会正文。" in page


# ---- attachments and screening -----------------------------------------------------------------

def pdf_bytes(*lines) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 12)
    for n, line in enumerate(lines):
        pdf.drawString(72, 800 - 20 * n, line)
    pdf.save()
    return buffer.getvalue()


def test_an_attached_pdf_is_screened_after_submit(client_as, person):
    item = draft(person("editor"), "座谈会情况见附件。")
    editor = client_as("editor")
    pdf = pdf_bytes("会议要求各单位贯撤落实会议精神。")
    editor.post(f"/items/{item.pk}/attachments/", {"file": SimpleUploadedFile("会议纪要.pdf", pdf)})
    item.refresh_from_db()
    attachment = item.attachments.get()
    assert item.current_revision.number == 2 and attachment.filename == "会议纪要.pdf"
    download = f"/items/{item.pk}/attachments/{attachment.pk}/"
    assert b"".join(editor.get(download).streaming_content) == pdf
    assert client_as("member").get(download).status_code == 403
    page = editor.post(f"/items/{item.pk}/submit/", follow=True).content.decode()
    assert "已提交审核" in page
    screening = findings_panel(page)
    assert "会议纪要.pdf" in screening and "贯撤落实" in screening and "贯彻落实" in screening


def test_submitting_without_a_channel_says_why(client_as, person):
    item = create_item(person("editor"), ItemInput(title="没有渠道的稿件", body="正文。"))
    page = client_as("editor").post(f"/items/{item.pk}/submit/", follow=True).content.decode()
    assert "请先选择发布渠道" in page
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT


@pytest.mark.parametrize("body, wrong, right", [
    ("各科室要认真贯撤落实会议精神，确保工作落到实处。", "贯撤落实", "贯彻落实"),
    ("项目用地手续由国土资源部门之外的单位办理。\n国土资源部发布了新的规定。", "国土资源部", "自然资源部"),
])
def test_a_finding_is_highlighted_in_place_and_fixed_in_one_click(client_as, person, body, wrong, right):
    item = draft(person("editor"), body)
    submit_item(item, person("editor"))
    editor = client_as("editor")
    shown = body_of(editor.get(f"/items/{item.pk}/").content.decode())
    mark = re.search(r'<mark class="finding (\w+)"[^>]* title="([^"]*)"[^>]*>(.*?)</mark>', shown)
    assert mark.group(3) == wrong and mark.group(1) == "warn" and right in unescape(mark.group(2))
    start = len(unescape(re.sub(r"<[^>]+>", "", shown[:mark.start()])))
    assert item.body[start:start + len(wrong)] == wrong

    finding = next(f for f in item.current_revision.screenings.first().findings if f["text"] == wrong)
    key = f"body:{finding['rule']}:{finding['start']}:{finding['end']}"
    editor.post(f"/items/{item.pk}/fixes/", {"add": f"suggest|{key}"})  # without scripts: applied at once
    item.refresh_from_db()
    assert item.body == body[:start] + right + body[start + len(wrong):]
    assert item.current_revision.number == 2 and item.status == Item.Status.DRAFT


def test_advice_is_not_offered_as_a_one_click_replacement(client_as, person):
    item = draft(person("editor"), "如有疑问请联系13812345678。")
    submit_item(item, person("editor"))
    page = client_as("editor").get(f"/items/{item.pk}/").content.decode()
    assert "13812345678" in body_of(page) and "一键脱敏" in page and "采用建议" not in findings_panel(page)


def test_a_reviewer_overrides_a_blocking_finding_with_a_reason(client_as, person):
    item = draft(person("editor"), "本文件属机密级，请勿外传。\n会议研究了下一步工作。")
    submit_item(item, person("editor"))
    assert 'name="override"' not in client_as("editor").get(f"/items/{item.pk}/").content.decode()
    head = client_as("head")
    page = head.get(f"/items/{item.pk}/").content.decode()
    key = re.search(r'name="override" value="([^"]+)"', page).group(1)
    assert 'class="finding block"' in body_of(page)
    refused = head.post(f"/items/{item.pk}/override/", {"override": key, f"reason|{key}": " "})
    assert refused.status_code == 400 and "请写明保留该项的理由" in refused.content.decode()
    page = head.post(f"/items/{item.pk}/override/", {"override": key, f"reason|{key}": "系引用历史文件标题，已脱密。"},
                     follow=True).content.decode()
    assert "已确认保留" in findings_panel(page) and 'data-testid="open-blocks"' not in page
    assert "系引用历史文件标题，已脱密。" in findings_panel(client_as("editor").get(f"/items/{item.pk}/").content.decode())


# ---- revisions, diff, history -------------------------------------------------------------------

def test_the_diff_shows_inserted_and_deleted_text(client_as, person):
    item = draft(person("editor"), "全市共有规上企业一千家。", title="工业企业基本情况")
    client_as("editor").post(f"/items/{item.pk}/edit/", form_data(title="工业企业基本情况（更新）",
                                                                  body="全市共有规上工业企业一千二百家。"))
    page = client_as("editor").get(f"/items/{item.pk}/diff/?a=1&b=2").content.decode()
    body = page[page.index('data-testid="body-diff"'):]
    assert "<ins>工业</ins>" in body and "<ins>二百</ins>" in body
    assert "<ins>（更新）</ins>" in page[page.index('data-testid="title-diff"'):]
    reverse = client_as("editor").get(f"/items/{item.pk}/diff/?a=2&b=1").content.decode()
    assert "<del>二百</del>" in reverse
    assert client_as("editor").get(f"/items/{item.pk}/diff/?a=1&b=9").status_code == 404


def test_the_item_page_shows_revisions_stages_decisions_and_history(client_as):
    waiting = Item.objects.get(title="全市中小企业数字化转型培训班开班")
    page = client_as("editor").get(f"/items/{waiting.pk}/").content.decode()
    assert "初审" in page and "复审" in page and "同意。" in page and "等待签署" in page
    assert waiting.current_revision.short_hash in page
    assert "新建稿件" in page and "提交审核" in page and "审核签字" in page
    actions = AuditEntry.objects.filter(object_type="content.item", object_id=str(waiting.pk)).count()
    assert page.count("<tr><td>20") >= actions


def test_the_history_calls_a_rejection_tuihui_not_a_signature(client_as, person):
    waiting = Item.objects.get(title="全市中小企业数字化转型培训班开班")
    reject(waiting, person("head"))
    page = client_as("editor").get(f"/items/{waiting.pk}/").content.decode()
    history = page[page.index('data-testid="history"'):]
    assert "<td>退回</td>" in history
    assert history.count("<td>审核签字</td>") == waiting.decisions.filter(verdict="approve").count()


# ---- who may see and do what ----------------------------------------------------------------------

def test_a_reviewer_sees_no_edit_button_and_may_not_edit(client_as):
    waiting = Item.objects.get(title="全市中小企业数字化转型培训班开班")
    head = client_as("head")
    page = head.get(f"/items/{waiting.pk}/").content.decode()
    assert waiting.title in page and 'data-testid="edit"' not in page and 'data-testid="submit"' not in page
    assert f'href="/items/{waiting.pk}/decide/"' in page  # the head signs 复审, the stage waiting
    response = head.get(f"/items/{waiting.pk}/edit/")
    assert response.status_code == 403 and "只有采编员或会员单位可以修改稿件" in response.content.decode()
    assert head.post(f"/items/{waiting.pk}/edit/", form_data()).status_code == 403
    another_editor = client_as("editor2").get(f"/items/{waiting.pk}/edit/")
    assert another_editor.status_code == 403 and "只有稿件作者可以修改稿件" in another_editor.content.decode()


def test_the_author_sees_edit_and_submit_on_a_draft(client_as):
    draft_item = Item.objects.get(title="我局召开重点工业企业座谈会")
    page = client_as("editor").get(f"/items/{draft_item.pk}/").content.decode()
    assert 'data-testid="edit"' in page and 'data-testid="submit"' in page


def test_a_member_unit_cannot_open_another_units_item(client_as):
    other = Item.objects.get(title="我局召开重点工业企业座谈会")
    response = client_as("member").get(f"/items/{other.pk}/")
    assert response.status_code == 403 and "会员单位只能查看本单位报送的稿件" in response.content.decode()


# ---- approved sources -------------------------------------------------------------------------------

def test_the_officer_adds_a_source_and_it_is_audited(client_as):
    officer = client_as("officer")
    response = officer.post("/items/sources/new/", {"name": "经济日报", "is_approved": "on", "note": "中央媒体"})
    assert response.status_code == 302
    assert "经济日报" in officer.get("/items/sources/").content.decode()
    assert Source.objects.get(name="经济日报").is_approved
    assert AuditEntry.objects.filter(action="content.source_saved", object_repr="经济日报").exists()


def test_a_duplicate_source_is_refused_and_editors_may_not_manage_sources(client_as):
    page = client_as("officer").post("/items/sources/new/", {"name": "新华社", "note": "重复"}).content.decode()
    assert "已存在" in page and "重复" in page
    assert client_as("editor").get("/items/sources/").status_code == 403
