"""The review sheet (审核单) and the filing form (发布审查备案表): what a reviewer prints and files. 002§6."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sanshen.channels.models import Channel
from sanshen.content.services import ItemInput, create_item, edit_item
from sanshen.org.models import Department
from sanshen.review.services import decide, submit_item
from sanshen.review.sheet import render_filing_form, render_review_sheet

from .conftest import BODY, OPINIONS, SIGNERS, TITLE, pdf_text

pytestmark = pytest.mark.django_db


def test_review_sheet_pdf_names_every_stage_signer_opinion_and_the_revision(signed_item):
    text = pdf_text(render_review_sheet(signed_item))
    compact = text.replace(" ", "").replace("\n", "")
    for stage in ("初审", "复审", "三审"):
        assert stage in text
    for who, name in SIGNERS.items():
        assert name in text
        assert OPINIONS[who] in compact
    assert signed_item.current_revision.short_hash in text
    assert TITLE in compact
    assert "待签" not in text and "已作废" not in text


def test_after_an_edit_the_stages_wait_again_and_the_old_signatures_are_void(signed_item, person, client_as):
    edit_item(signed_item, person("editor"), ItemInput(
        title=TITLE, body=BODY + "联系电话：12345678。", channels=list(signed_item.channels.all())))
    signed_item.refresh_from_db()
    text = pdf_text(render_review_sheet(signed_item))
    assert text.count("待签") == 3
    assert text.count("已作废：") == 3
    assert "稿件已修改" in text
    page = client_as("head").get(reverse("review:sheet", args=[signed_item.pk])).content.decode()
    assert page.count("待签") == 3 and page.count("已作废</span>") == 3


def test_filing_form_is_one_page_with_title_and_each_reviewer(signed_item):
    data = render_filing_form(signed_item)
    assert len(PdfReader(BytesIO(data)).pages) == 1
    text = pdf_text(data).replace(" ", "")
    assert "信息发布审查备案表" in text and TITLE in text.replace("\n", "")
    for name in SIGNERS.values():
        assert name in text
    assert "拟发布时间" in text


def test_sheet_page_shows_the_signatures_and_both_downloads(signed_item, client_as):
    response = client_as("leader").get(reverse("review:sheet", args=[signed_item.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert all(name in page for name in SIGNERS.values())
    assert signed_item.current_revision.content_hash in page
    assert reverse("review:sheet_pdf", args=[signed_item.pk]) in page
    assert reverse("review:filing_pdf", args=[signed_item.pk]) in page
    pdf = client_as("leader").get(reverse("review:sheet_pdf", args=[signed_item.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    form = client_as("editor").get(reverse("review:filing_pdf", args=[signed_item.pk]))
    assert form.status_code == 200 and TITLE in pdf_text(form.content).replace("\n", "")


@pytest.mark.parametrize("name", ["review:sheet", "review:sheet_pdf", "review:filing_pdf"])
def test_a_member_unit_may_not_see_someone_elses_sheet(signed_item, client_as, name):
    response = client_as("member").get(reverse(name, args=[signed_item.pk]))
    assert response.status_code == 403
    assert "会员单位只能查看本单位报送的稿件" in response.content.decode()


def test_the_sheet_is_titled_with_the_body_above_the_section(signed_item, client_as):
    bureau = Department.objects.create(name="示例市数据局")
    Department.objects.filter(pk=signed_item.department_id).update(parent=bureau)
    signed_item.refresh_from_db()
    page = client_as("head").get(reverse("review:sheet", args=[signed_item.pk])).content.decode()
    assert "<h1" in page and "示例市数据局信息发布审核单" in page
    assert "示例市数据局信息发布审查备案表" in pdf_text(render_filing_form(signed_item)).replace("\n", "")


def test_a_rejection_is_on_the_sheet_with_its_reason(person):
    channel = Channel.objects.get(name="通知公告")
    item = create_item(person("editor"), ItemInput(title=TITLE, body=BODY, channels=[channel]))
    submit_item(item, person("editor"))
    decide(item, person("editor2"), verdict="reject", opinion="报送截止日期须与通知正文一致。")
    item.refresh_from_db()
    text = pdf_text(render_review_sheet(item)).replace("\n", "")
    assert "退回记录" in text and "报送截止日期须与通知正文一致。" in text
    assert text.count("待签") == 3 and "已作废" not in text
