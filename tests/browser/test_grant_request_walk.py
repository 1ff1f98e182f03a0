"""Issue 13.6 in a real browser: the officer's 定时发布 at three in the morning is refused for working hours; one
click asks for a temporary grant prefilled with that time; the administrator sees the request on the dashboard and
approves it in one click; the officer is told, and the same schedule is accepted."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.test_review_walk import sign, write_item

pytestmark = pytest.mark.browser
SHANGHAI = ZoneInfo("Asia/Shanghai")
TITLE = "关于春节前开展企业安全检查的通知"
BODY = "春节临近，各企业要全面排查安全隐患，落实值班值守制度，确保节日期间生产安全。"


def test_officer_asks_for_a_grant_the_administrator_approves_and_the_schedule_goes_through(as_user, admin_page,
                                                                                           server_url, screenshot):
    editor = as_user("editor")
    item = write_item(editor, server_url, TITLE, BODY)
    for reviewer in ("editor2", "head", "leader"):
        sign(as_user(reviewer), server_url, item)
    # Two days ahead at 03:00: outside working hours on any day, and beyond any grant another walk records.
    at = (datetime.now(SHANGHAI) + timedelta(days=2)).replace(hour=3, minute=0).strftime("%Y-%m-%dT%H:%M")

    officer = as_user("officer")
    officer.goto(f"{server_url}/publishing/items/{item}/publish/")
    officer.fill("input[name=at]", at)
    officer.click("[data-testid=publish]")
    assert "不在工作时间" in officer.inner_text("main form")
    assert officer.input_value("input[name=at]") == at  # what was typed is kept
    officer.click("[data-testid=request-grant-for-schedule]")
    assert officer.input_value("input[name=starts_at]") < at < officer.input_value("input[name=ends_at]")
    officer.fill("input[name=reason]", "春节前安全提示须在凌晨推送")
    officer.click("[data-testid=grant-request-form] button[type=submit]")
    assert "临时授权申请已提交" in officer.inner_text("main")

    admin = admin_page
    admin.goto(f"{server_url}/")
    assert "春节前安全提示须在凌晨推送" in admin.inner_text("[data-testid=panel-grant-requests]")
    admin.click("[data-testid=panel-grant-requests] h2 a")
    row = admin.locator("tr", has_text="春节前安全提示须在凌晨推送")
    screenshot(admin, "grant-request-approve")
    row.locator("[data-testid^=approve-]").click()
    assert "已批准刘专管员（officer）的临时授权申请" in admin.inner_text("main")

    officer.goto(f"{server_url}/notifications/")
    assert "您的临时授权申请" in officer.inner_text("[data-testid=notifications]")
    officer.goto(f"{server_url}/publishing/items/{item}/publish/")
    officer.fill("input[name=at]", at)
    officer.click("[data-testid=publish]")
    assert f"已定时于 {at.replace('T', ' ')} 发布到：要闻动态" in officer.inner_text("main")
