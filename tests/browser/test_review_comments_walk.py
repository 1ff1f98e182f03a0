"""Issue 13.4 in a real browser: the reviewer signs seeing the findings and the editor's reasons, quotes a passage
by selecting it and comments, sends the item back; the editor finds the reasons at the top of the item page and
the thread below, replies, changes the text; the reviewer sees exactly what changed since they last looked; the
editor marks the thread resolved."""

import re

import pytest

from tests.browser.test_review_walk import write_item

pytestmark = pytest.mark.browser

BODY = "各科室要认真贯撤落实会议精神。近日，我局组织开展安全生产专项检查，共检查企业32家。"
QUOTE = "共检查企业32家"

SELECT = """(quote) => {
  const body = document.querySelector('#proofreading [data-testid=item-body]');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(quote);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at); range.setEnd(node, at + quote.length);
      getSelection().removeAllRanges(); getSelection().addRange(range);
      body.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
      return true;
    }
  }
  return false;
}"""


def test_a_reviewer_comments_on_a_passage_and_sees_what_changed_since(as_user, server_url, screenshot):
    editor = as_user("editor")
    item = write_item(editor, server_url, "我局开展安全生产专项检查", BODY)
    editor.locator("details.reason-box summary").first.click()
    editor.locator("details.reason-box textarea").first.fill("引用原文件标题，照录。")
    editor.locator("[data-testid=dismiss-one]").first.click()
    editor.wait_for_selector("text=已忽略“贯撤落实”")

    reviewer = as_user("editor2")
    reviewer.goto(f"{server_url}/items/{item}/decide/")
    settled = reviewer.locator("[data-testid=settled-rows]")
    settled.locator("summary").click()
    assert "引用原文件标题，照录。" in settled.inner_text() and "张采编" in settled.inner_text()
    assert reviewer.locator("[data-testid=changes-since-seen]").count() == 0

    assert reviewer.evaluate(SELECT, QUOTE)
    assert reviewer.input_value("textarea[name=quote]") == QUOTE
    reviewer.type("textarea[name=opinion]", "请核对企业数量后再报。")  # typed before commenting…
    reviewer.fill("[data-testid=comment-form] textarea[name=body]", "企业数量请与统计台账核对。")
    reviewer.click("[data-testid=add-comment]")
    reviewer.wait_for_selector("text=已添加批注")
    thread = reviewer.locator("[data-testid=thread]")
    assert thread.locator("mark.passage").inner_text() == QUOTE
    assert reviewer.input_value("textarea[name=opinion]") == "请核对企业数量后再报。"  # …and not lost
    reviewer.click("button[value=reject]")
    reviewer.wait_for_url(re.compile(r"/review/"))

    editor.goto(f"{server_url}/items/{item}/")
    notice = editor.locator("[data-testid=returned-notice]")
    assert "李采编" in notice.inner_text() and "请核对企业数量后再报。" in notice.inner_text()
    assert "另有 1 条批注待解决" in notice.inner_text()
    editor.fill("[data-testid=thread] textarea[name=body]", "已核对台账，实为35家，已改正。")
    editor.click("[data-testid=thread] [data-testid=reply]")
    editor.wait_for_selector("text=已回复批注")
    assert "已核对台账，实为35家，已改正。" in editor.locator("[data-testid=thread]").inner_text()
    screenshot(editor, "item-comment-thread")

    editor.goto(f"{server_url}/items/{item}/edit/")
    editor.fill("textarea[name=body]", BODY.replace("32家", "35家"))
    editor.click("main form button[type=submit]")
    editor.click("[data-testid=submit]")
    assert editor.locator("[data-testid=returned-notice]").count() == 0  # the edit voided the rejection

    reviewer.goto(f"{server_url}/items/{item}/decide/")
    changes = reviewer.locator("[data-testid=changes-since-seen]")
    assert "自您上次查看（第 1 版）以来的修改" in changes.inner_text()
    assert changes.locator("[data-testid=body-diff] del").inner_text() == "2"
    assert changes.locator("[data-testid=body-diff] ins").inner_text() == "5"
    assert reviewer.locator("[data-testid=thread]").locator("text=此后正文已修改").count() == 1
    screenshot(reviewer, "decision-form-findings")

    editor.goto(f"{server_url}/items/{item}/")
    editor.click("[data-testid=resolve]")
    editor.wait_for_selector("text=标记为已解决。")
    assert editor.locator("[data-testid=thread] [data-testid=resolved]").count() == 1
