"""What the printed documents carry (审核单、备案表): the reviewed text, lines to sign by hand, a font every
reader can show, and the planned publication time."""

import logging
from datetime import datetime
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from sanshen.content.services import ItemInput, create_item
from sanshen.review.services import submit_item
from sanshen.publishing.services import publish
from sanshen.review.services import decide
from sanshen.review.sheet import render_filing_form, render_review_sheet
from tests.publishing.conftest import SHANGHAI, WEDNESDAY_MORNING, channels, from_address, refresh, submit_and_sign

from .conftest import BODY, TITLE, compact

pytestmark = pytest.mark.django_db

SIGN_LINE = "审核人签字：________________日期：______年____月____日"


def page_of(client, item) -> str:
    return "".join(client.get(reverse("review:sheet", args=[item.pk])).content.decode().split())


def test_the_review_sheet_carries_the_reviewed_title_and_body(signed_item, client_as):
    text = compact(render_review_sheet(signed_item))
    assert "附：审核稿正文" in text
    assert text.count(TITLE) >= 2 and BODY in text
    assert "其余从略" not in text
    page = page_of(client_as("head"), signed_item)
    assert 'data-testid="reviewed-content"' in page and f"<p>{BODY}</p>" in page


def test_a_very_long_body_is_cut_with_a_line_naming_the_revision_and_its_full_hash(person, client_as):
    paragraphs = [f"第{n}段：" + "推进工业企业技术改造，做好项目服务保障。" * 20 for n in range(1, 31)]
    paragraphs[-1] += "全文最后一句。"
    item = create_item(person("editor"), ItemInput(title=TITLE, body="\n\n".join(paragraphs),
                                                   channels=channels("通知公告")))
    revision = item.current_revision
    text = compact(render_review_sheet(item))
    assert paragraphs[0] in text and paragraphs[5] in text
    assert "全文最后一句" not in text
    assert f"以上印出前6000字，其余从略；完整内容以系统中修订版本v{revision.number}（内容哈希{revision.content_hash}）为准" \
        in text
    page = page_of(client_as("editor"), item)
    assert "全文最后一句" not in page and "其余从略" in page and revision.content_hash in page


def test_every_stage_has_a_line_to_sign_by_hand_on_both_documents(signed_item, client_as):
    assert compact(render_review_sheet(signed_item)).count(SIGN_LINE) == 3
    form = compact(render_filing_form(signed_item))
    assert form.count(SIGN_LINE) == 3
    assert "电子签名：王科长" in form
    assert page_of(client_as("head"), signed_item).count(SIGN_LINE) == 3


def test_stages_still_waiting_have_their_lines_too(person):
    item = create_item(person("editor"), ItemInput(title=TITLE, body=BODY, channels=channels("通知公告")))
    submit_item(item, person("editor"))
    decide(item, person("editor2"), verdict="reject", opinion="请补充报名方式。")
    text = compact(render_review_sheet(refresh(item)))
    assert text.count("待签") == 3 and text.count(SIGN_LINE) == 3


def unembedded_fonts(data: bytes) -> list[str]:
    """The fonts a page uses whose glyphs are not in the file (a reader must have them installed)."""
    missing = []
    for page in PdfReader(BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2",
                                                                                    "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return missing


def test_both_pdfs_embed_their_font_and_their_text_can_be_copied(signed_item):
    for data in (render_review_sheet(signed_item), render_filing_form(signed_item)):
        assert unembedded_fonts(data) == []
        assert TITLE in compact(data)
    assert BODY in compact(render_review_sheet(signed_item))


def test_without_the_font_file_the_sheet_still_prints_and_the_log_says_what_to_install(
        signed_item, settings, caplog):
    settings.SANSHEN_PDF_FONT = "/nonexistent/fonts/missing-cjk.ttc"
    with caplog.at_level(logging.WARNING):
        data = render_review_sheet(signed_item)
    assert TITLE in compact(data)
    assert "/nonexistent/fonts/missing-cjk.ttc" in caplog.text and "SANSHEN_PDF_FONT" in caplog.text
    assert "fonts-wqy-zenhei" in caplog.text


def planned(item) -> str:
    """What the filing form says under 拟发布时间 (up to the 起草人 row)."""
    text = compact(render_filing_form(refresh(item)))
    return text[text.index("拟发布时间") + len("拟发布时间"):text.index("起草人")]


@pytest.fixture
def wednesday_office():
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        yield


def approved_item(person, names=("要闻动态",)):
    item = create_item(person("editor"), ItemInput(title=TITLE, body=BODY, channels=channels(*names)))
    return submit_and_sign(item, person)


def test_an_item_in_review_goes_out_once_approved(person):
    item = create_item(person("editor"), ItemInput(title=TITLE, body=BODY, channels=channels("要闻动态")))
    submit_item(item, person("editor"))
    assert planned(item) == "审核通过后发布"


def test_an_approved_item_not_yet_scheduled_has_no_time_yet(person):
    assert planned(approved_item(person)) == "未定（审核已通过，尚未安排发布）"


def test_a_scheduled_item_shows_its_time_and_channels(person, wednesday_office):
    item = approved_item(person, names=("要闻动态", "通知公告"))
    at = datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI)
    publish(item, person("officer"), channels("要闻动态", "通知公告"), at=at, request=from_address())
    line = planned(item)
    assert line.startswith("定时发布：2026-11-2609:30（") and "要闻动态" in line and "通知公告" in line


def test_a_published_item_shows_when_it_went_out(person, wednesday_office):
    item = approved_item(person)
    publish(item, person("officer"), channels("要闻动态"), request=from_address())
    line = planned(item)
    assert line.startswith("已发布：2026-11-2510:00（") and "要闻动态" in line
