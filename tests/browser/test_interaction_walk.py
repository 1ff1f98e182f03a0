"""Issue 6 (O4) in a real browser: a member of the public, signed in nowhere, leaves a message and solves the
captcha by reading the question; the office moderates and routes it, the department answers, its head approves,
the officer publishes, and question and answer appear on the public list and on the query-code page — without
the sender's name or contact details."""

import pytest

from tests.browser.test_publishing_walk import grant_the_officer_an_hour
from tests.interaction.captcha_solver import solve

pytestmark = pytest.mark.browser
SUBJECT = "小微企业数字化改造补贴咨询"
TEXT = "我公司是一家小微制造企业，想了解数字化改造补贴的申请条件和受理时间。"
ANSWER = "数字化改造补贴面向本市规模以下工业企业，申报材料和受理时间见我局11月发布的通知。"


def test_a_message_from_the_public_is_moderated_answered_and_shown(browser, as_user, server_url, screenshot):
    public = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    public.goto(f"{server_url}/site/")
    public.get_by_role("link", name="网上互动").click()
    public.click("[data-testid=leave-message]")
    public.fill("input[name=name]", "钱女士")
    public.fill("input[name=contact]", "13600001111")
    public.select_option("select[name=topic]", label="咨询")
    public.fill("input[name=subject]", SUBJECT)
    public.fill("textarea[name=text]", TEXT)
    question = public.inner_text("label[for=id_captcha_answer]")
    public.fill("input[name=captcha_answer]", str(solve(question) + 1))  # a slip first: the form keeps everything
    public.click("[data-testid=send]")
    assert "验证题答案不正确" in public.inner_text("main")
    assert public.input_value("input[name=subject]") == SUBJECT and public.input_value("textarea[name=text]") == TEXT
    question = public.inner_text("label[for=id_captcha_answer]")
    public.fill("input[name=captcha_answer]", str(solve(question)))
    screenshot(public, "message-form")
    public.click("[data-testid=send]")
    code = public.inner_text("[data-testid=query-code]").strip()
    assert len(code) == 10 and "待审核" in public.inner_text("[data-testid=public-status]")

    officer = as_user("officer")
    officer.goto(f"{server_url}/interaction/")
    officer.click(f'tr[data-code="{code}"] a')
    assert "13600001111" in officer.inner_text("[data-testid=contact]")
    officer.select_option("select[name=accept-department]", label="产业发展科")
    officer.click("[data-testid=accept]")
    assert "已审核通过并转交承办部门" in officer.inner_text("main")
    assert "办理中" in officer.inner_text("[data-testid=message-status]")

    editor = as_user("editor")
    editor.click(f"[data-testid=panel-messages-owed] a:has-text('{SUBJECT}')")
    editor.fill("textarea[name=answer-answer]", ANSWER)
    editor.click("[data-testid=submit-answer]")
    assert "答复已提交审核" in editor.inner_text("main")
    assert editor.locator("[data-testid=approve]").count() == 0  # the drafter cannot approve

    head = as_user("head")
    head.goto(f"{server_url}/interaction/")
    head.click(f'tr[data-code="{code}"] a')
    screenshot(head, "message-approve")
    head.click("[data-testid=approve]")
    assert "答复已审核通过" in head.inner_text("main")

    grant_the_officer_an_hour(as_user("leader"), server_url)
    officer.reload()
    officer.click("[data-testid=publish]")
    assert "答复已公开" in officer.inner_text("main")

    public.goto(f"{server_url}/site/messages/")
    answered = public.inner_text("[data-testid=answered]")
    assert SUBJECT in answered and ANSWER in answered and "产业发展科" in answered
    body = public.inner_text("body")
    assert "13600001111" not in body and "钱女士" not in body
    screenshot(public, "messages-public")
    public.fill("input[name=code]", code.lower())
    public.click("main form[role=search] button")
    assert "已答复" in public.inner_text("[data-testid=public-status]")
    assert ANSWER in public.inner_text("[data-testid=published-answer]")
    assert "13600001111" not in public.inner_text("body")
