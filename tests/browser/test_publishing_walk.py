"""Issue 5 in a real browser: an approved item published to a website column and a WeChat account, seen on
the public site and in its feed, retracted (the public page answers 410); the circuit breaker takes a column
offline (503) and a leader restores it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.test_review_walk import sign, write_item

pytestmark = pytest.mark.browser
SHANGHAI = ZoneInfo("Asia/Shanghai")
TITLE = "全市工业企业安全生产培训会召开"
BODY = "11月24日，全市工业企业安全生产培训会召开，120家重点企业的安全负责人参加培训。\n培训解读了有关法规，通报了典型事故案例。"


def grant_the_officer_an_hour(leader, server_url):
    """Browser tests run at any hour: the leader records a temporary grant, as the office would (P3)."""
    now = datetime.now(SHANGHAI)
    leader.goto(f"{server_url}/org/grants/")
    leader.select_option("select[name=person]", label="刘专管员")
    leader.fill("input[name=starts_at]", (now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    leader.fill("input[name=ends_at]", (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    leader.fill("input[name=reason]", "浏览器测试：非工作时间发布")
    leader.click("main form button[type=submit]")
    assert "生效中" in leader.inner_text("main")


def test_publish_see_retract_and_break_a_column(as_user, browser, server_url, screenshot):
    editor = as_user("editor")
    item = write_item(editor, server_url, TITLE, BODY, channels=("要闻动态", "微信公众号 · 江城工信"))
    sign(as_user("editor2"), server_url, item)
    sign(as_user("head"), server_url, item)
    leader = as_user("leader")
    sign(leader, server_url, item)
    grant_the_officer_an_hour(leader, server_url)

    officer = as_user("officer")
    officer.goto(f"{server_url}/publishing/")
    officer.click(f"[data-testid=awaiting] a[href='/publishing/items/{item}/publish/']")
    assert officer.get_by_label("要闻动态").is_checked() and officer.get_by_label("微信公众号 · 江城工信").is_checked()
    screenshot(officer, "publish")
    officer.click("[data-testid=publish]")
    assert "已发布到：" in officer.inner_text("main")
    records = officer.inner_text("[data-testid=publications]")
    assert "要闻动态" in records and "江城工信" in records and "刘专管员" in records

    public = browser.new_context(locale="zh-CN").new_page()  # a member of the public: nobody signed in
    public.goto(f"{server_url}/site/")
    assert TITLE in public.inner_text("main")
    public.click(f"text={TITLE}")
    assert "120家重点企业" in public.inner_text("main")
    screenshot(public, "public-item")
    feed = public.request.get(f"{server_url}/site/feed.atom")
    assert feed.status == 200 and TITLE in feed.text()

    officer.goto(f"{server_url}/publishing/items/{item}/retract/")
    officer.fill("textarea[name=reason]", "培训时间表述有误，撤回更正")
    officer.click("[data-testid=retract]")
    assert "已撤回" in officer.inner_text("main")
    response = public.goto(f"{server_url}/site/items/{item}/")
    assert response.status == 410 and "该信息已撤回" in public.inner_text("main")
    assert TITLE not in public.request.get(f"{server_url}/site/feed.atom").text()

    public.goto(f"{server_url}/site/")
    column_url = public.get_by_role("link", name="政策文件").first.get_attribute("href")
    assert public.goto(f"{server_url}{column_url}").status == 200
    officer.goto(f"{server_url}/publishing/breaker/")
    row = officer.locator("tr[data-channel=政策文件]")
    row.locator("input[name$=reason]").fill("发现错误表述，紧急下线核查")
    row.locator("[data-testid=take-offline]").click()
    assert "已熔断" in officer.inner_text("tr[data-channel=政策文件]")
    offline = public.goto(f"{server_url}{column_url}")
    assert offline.status == 503 and "维护" in public.inner_text("body")

    chief = as_user("chief")
    chief.goto(f"{server_url}/publishing/breaker/")
    row = chief.locator("tr[data-channel=政策文件]")
    row.locator("input[name$=note]").fill("核查完毕，恢复")
    row.locator("[data-testid=restore]").click()
    screenshot(chief, "circuit-breaker")
    assert public.goto(f"{server_url}{column_url}").status == 200
