"""Issue 13.2 in a real browser: the editor fixes findings in place (the reader keeps their place, nothing is
saved until 保存修改), masks a phone number, dismisses a warning with a reason, and saves it all as one revision."""

import re

import pytest

pytestmark = pytest.mark.browser

BODY = ("各科室要认真贯撤落实会议精神，不能按步就班。\n\n" + "会议听取了各单位的工作汇报。\n\n" * 12
        + "联系人：张三，13812345678。")


def row(page, words: str):
    return page.locator('[data-testid="finding-row"]', has=page.locator("q.finding-text", has_text=words))


def test_the_editor_fixes_masks_and_dismisses_in_place_then_saves_once(as_user, server_url, screenshot):
    editor = as_user("editor")
    editor.goto(f"{server_url}/items/new/")
    editor.fill("input[name=title]", "关于开展企业走访活动的通知")
    editor.fill("textarea[name=body]", BODY)
    editor.get_by_label("要闻动态").set_checked(True)
    editor.click("main form button[type=submit]")
    editor.wait_for_url(re.compile(r"/items/\d+/$"))
    item_url = editor.url

    editor.locator("#screening").scroll_into_view_if_needed()
    editor.mouse.wheel(0, 200)
    editor.wait_for_timeout(200)
    before = editor.evaluate("window.scrollY")
    row(editor, "贯撤落实").get_by_role("button", name="采用建议").click()
    editor.get_by_test_id("save-fixes").wait_for()
    assert editor.url == item_url  # drawn again in place, not reloaded
    assert abs(editor.evaluate("window.scrollY") - before) < 5
    assert "贯彻落实" in editor.locator("[data-testid=item-body] ins").first.inner_text()

    row(editor, "13812345678").get_by_role("button", name="一键脱敏").click()
    editor.get_by_test_id("save-fixes").filter(has_text="保存 2 处修改").wait_for()

    warning = row(editor, "按步就班")
    warning.locator("summary", has_text="忽略").click()
    warning.get_by_role("textbox", name="忽略理由").fill("引用群众原话，照录。")
    warning.get_by_test_id("dismiss-one").click()
    editor.get_by_text("已忽略“按步就班”").wait_for()
    assert editor.get_by_test_id("save-fixes").inner_text().startswith("保存 2 处修改")  # still chosen
    screenshot(editor, "item-findings-panel")

    row(editor, "13812345678").locator("a.jump").click()
    editor.wait_for_function("document.querySelector('mark.flash') !== null")

    editor.get_by_test_id("save-fixes").click()
    editor.wait_for_url(re.compile(r"/items/\d+/#screening$"))
    text = editor.inner_text("[data-testid=item-body]")
    assert "贯彻落实" in text and "138****5678" in text and "按步就班" in text
    assert "已修改 2 处（第 2 版）" in editor.inner_text("main")
    editor.locator("[data-testid=settled-rows] summary").click()  # the dismissal outlives the new revision
    assert "引用群众原话，照录。" in editor.inner_text("[data-testid=settled-rows]")
