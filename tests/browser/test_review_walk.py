"""Issue 4 in a real browser: one item from draft through 初审, 复审, 三审 and 终审 by four different
people, with a rejection and resubmission on the way and the signed PDF review sheet at the end; and a
second item taken through the emergency path and completed afterwards."""

import io
import re

import pytest
from pypdf import PdfReader


pytestmark = pytest.mark.browser


def write_item(page, server_url, title, body, category="工作动态", channels=("要闻动态",)):
    page.goto(f"{server_url}/items/new/")
    page.fill("input[name=title]", title)
    page.fill("textarea[name=body]", body)
    page.select_option("select[name=category]", label=category)
    for channel in channels:
        page.get_by_label(channel).check()
    page.click("main form button[type=submit]")
    match = re.search(r"/items/(\d+)/$", page.url)
    assert match, page.url
    page.click("[data-testid=submit]")
    return int(match.group(1))


def sign(page, server_url, item, verdict="approve", opinion="同意发布。"):
    page.goto(f"{server_url}/items/{item}/decide/")
    if verdict == "approve":
        for box in page.locator("input[name^=check_]").all():
            box.check()
        page.check("input[name=proofread]")
    page.fill("textarea[name=opinion]", opinion)
    page.click(f"button[value={verdict}]")
    page.wait_for_url(re.compile(r"/items/\d+/$|/review/"))


def status_of(page, server_url, item):
    page.goto(f"{server_url}/items/{item}/")
    return page.inner_text("main")


def pdf_text(page, url):
    response = page.request.get(url)
    assert response.status == 200 and response.body().startswith(b"%PDF")
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_three_reviews_and_the_final_review_with_a_rejection_on_the_way(as_user, server_url, screenshot):
    editor = as_user("editor")
    item = write_item(editor, server_url, "市工信局部署冬季安全生产工作",
                      "近日，市工信局召开会议，部署全市工业企业冬季安全生产工作，要求各企业落实主体责任。",
                      category="重大事项")
    assert "终审" in status_of(editor, server_url, item)  # 重大事项 escalates to the main leader

    sign(as_user("editor2"), server_url, item)
    head = as_user("head")
    sign(head, server_url, item, verdict="reject", opinion="请补充检查企业的数量和时间安排。")
    assert "已退回" in status_of(editor, server_url, item)

    editor.goto(f"{server_url}/items/{item}/edit/")
    editor.fill("textarea[name=body]", "近日，市工信局召开会议，部署全市工业企业冬季安全生产工作，"
                                       "12月底前完成对120家重点企业的检查。")
    editor.click("main form button[type=submit]")
    editor.click("[data-testid=submit]")

    for reviewer in ("editor2", "head", "leader", "chief"):
        page = head if reviewer == "head" else as_user(reviewer)
        sign(page, server_url, item)
    page = status_of(editor, server_url, item)
    assert "审核通过" in page
    screenshot(editor, "item-approved")

    sheet = pdf_text(editor, f"{server_url}/items/{item}/review-sheet.pdf")
    for signer in ("李采编", "王科长", "赵副局长", "陈局长"):
        assert signer in sheet
    for stage in ("初审", "复审", "三审", "终审"):
        assert stage in sheet
    assert "请补充检查企业的数量和时间安排" in sheet  # the rejection stays on the record
    editor.goto(f"{server_url}/items/{item}/review-sheet/")
    screenshot(editor, "review-sheet")


def test_emergency_approval_then_the_missing_stages_are_signed_afterwards(as_user, server_url, screenshot):
    editor = as_user("editor")
    item = write_item(editor, server_url, "关于寒潮天气企业停产避险的紧急提示",
                      "受强寒潮影响，请各企业立即检查供暖和消防设施，必要时停产避险。")
    spokesperson = as_user("spokesperson")
    spokesperson.goto(f"{server_url}/items/{item}/emergency/")
    spokesperson.fill("textarea[name=consultation]", "9时10分电话请示陈局长，同意立即发布。")
    spokesperson.fill("textarea[name=reason]", "寒潮预警，须立即提醒企业。")
    spokesperson.click("main form button[type=submit]")
    assert "审核通过" in status_of(editor, server_url, item)

    editor2 = as_user("editor2")
    editor2.goto(f"{server_url}/review/")
    assert "关于寒潮天气企业停产避险的紧急提示" in editor2.inner_text("main")  # owed 初审, still on the list
    screenshot(editor2, "review-queue")
    for reviewer in ("editor2", "head", "leader"):
        sign(editor2 if reviewer == "editor2" else as_user(reviewer), server_url, item, opinion="补签同意。")
    editor2.goto(f"{server_url}/review/")
    assert "关于寒潮天气企业停产避险的紧急提示" not in editor2.inner_text("main")
    sheet = pdf_text(editor, f"{server_url}/items/{item}/review-sheet.pdf")
    assert "9时10分电话请示陈局长" in sheet and "周发言人" in sheet
