"""Each demo role logs in through the real login page and sees its own navigation."""

import re

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

WORK = ["工作台", "审核任务", "提醒", "关键词提醒"]
PUBLISHING = ["发布管理", "回头看", "网上留言", "活动审批"]
STATISTICS = ["信息统计", "超期未更新", "年度考评"]
NAVIGATION = {
    "editor": ["工作台", "我的稿件", "审核任务", "提醒", "关键词提醒"] + PUBLISHING + ["门户网站"],
    "member": ["工作台", "我的稿件", "提醒"],
    "head": WORK + PUBLISHING + ["门户网站"] + STATISTICS,
    "spokesperson": WORK + PUBLISHING + ["门户网站"],
    "officer": WORK + PUBLISHING + ["栏目和账号", "推送记录", "门户网站"] + STATISTICS + ["临时授权", "稿源单位"],
    "leader": WORK + PUBLISHING + ["门户网站"] + STATISTICS + ["临时授权"],
    "chief": WORK + PUBLISHING + ["门户网站"] + STATISTICS + ["问责", "监督检查", "操作日志", "临时授权"],
    "secrecy": ["工作台", "审核任务", "保密审查", "提醒", "关键词提醒"] + PUBLISHING + ["门户网站", "监督检查", "操作日志",
                                                                    "保密承诺书"],
    "admin": WORK + PUBLISHING + ["栏目和账号", "推送记录", "门户网站"] + STATISTICS + [
        "问责", "监督检查", "操作日志", "部门", "人员与角色", "保密承诺书", "临时授权", "工作时间", "网站标识", "审核流程", "稿源单位", "筛查词库",
        "数据备份"],
}
NAVIGATION["editor2"] = NAVIGATION["editor"]  # same role, another department


@pytest.mark.parametrize("username", sorted(NAVIGATION))
def test_each_role_sees_its_own_navigation(page, admin_page, server_url, username, screenshot):
    if username == "admin":
        page = admin_page
        page.goto(server_url)
    else:
        log_in(page, server_url, username)
    page.wait_for_selector("nav.side")
    labels = [re.sub(r"（\d+）$", "", label) for label in page.locator("nav.side a").all_inner_texts()]
    assert labels == NAVIGATION[username]  # 提醒 carries an unread count, e.g. 提醒（2）
    assert username in page.inner_text("[data-testid=current-user]")
    if username in ("admin", "editor"):
        screenshot(page, f"dashboard-{username}")


def test_wrong_password_keeps_the_username_and_says_why(page, server_url, screenshot):
    log_in(page, server_url, "editor2", "Wrong-pass1!")
    assert "请输入一个正确的" in page.inner_text("form")
    assert page.input_value("input[name=username]") == "editor2"
    screenshot(page, "login")


def test_administrator_adds_a_person_and_a_bad_password_loses_nothing(admin_page, server_url, screenshot):
    page = admin_page
    page.goto(f"{server_url}/org/people/new/")
    page.fill("input[name=username]", "xiaowang")
    page.fill("input[name=full_name]", "王小明")
    page.select_option("select[name=department]", label="产业发展科")
    page.fill("input[name=initial_password]", "short")
    page.check("input[name=role_editor]")
    page.click("main button[type=submit]")
    assert "至少需要 8 个字符" in page.inner_text("main")
    assert page.input_value("input[name=full_name]") == "王小明"
    assert page.is_checked("input[name=role_editor]")
    assert page.input_value("select[name=department]") != ""
    page.fill("input[name=initial_password]", "Start-2026#ok")
    page.click("main button[type=submit]")
    assert "王小明" in page.inner_text("table")
    screenshot(page, "people")
    page.goto(f"{server_url}/oversight/audit/")
    assert "校验通过" in page.inner_text("[data-testid=chain-verdict]")
    screenshot(page, "audit-log")
