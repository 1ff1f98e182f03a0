"""Issue 13.1 in a real browser: an editor fills in every field of an item, edits it twice, and nothing
typed or stored is lost — the event date above all (a date the browser's date input rejects would be
saved as no date, and the 3-day timeliness rule would silently stop applying)."""

import re

import pytest

pytestmark = pytest.mark.browser

FIELDS = {
    "title": "市工信局召开中小企业座谈会",
    "body": "12月3日，市工信局召开中小企业座谈会。\n\n会议听取了企业意见。",
    "category": "会议活动",
    "sensitivity": "敏感",
    "event_date": "2026-12-03",
    "source": "新华社",
    "source_author": "王记者",
}


def fill(page, values: dict, channels: dict[str, bool], repost: bool):
    page.fill("input[name=title]", values["title"])
    page.fill("textarea[name=body]", values["body"])
    page.select_option("select[name=category]", label=values["category"])
    page.select_option("select[name=sensitivity]", label=values["sensitivity"])
    page.fill("input[name=event_date]", values["event_date"])
    page.set_checked("input[name=is_repost]", repost)
    page.select_option("select[name=source]", label=values["source"])
    page.fill("input[name=source_author]", values["source_author"])
    for channel, ticked in channels.items():
        page.get_by_label(channel).set_checked(ticked)


def form_shows(page, values: dict, channels: dict[str, bool], repost: bool):
    """The edit form, as the browser holds it, carries exactly `values`."""
    assert page.input_value("input[name=title]") == values["title"]
    assert page.input_value("textarea[name=body]") == values["body"]
    assert page.locator("select[name=category] option:checked").inner_text() == values["category"]
    assert page.locator("select[name=sensitivity] option:checked").inner_text() == values["sensitivity"]
    assert page.input_value("input[name=event_date]") == values["event_date"]
    assert page.is_checked("input[name=is_repost]") is repost
    assert page.locator("select[name=source] option:checked").inner_text() == values["source"]
    assert page.input_value("input[name=source_author]") == values["source_author"]
    for channel, ticked in channels.items():
        assert page.get_by_label(channel).is_checked() is ticked, channel


def save(page) -> int:
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/items/\d+/$"))
    return int(re.search(r"/items/(\d+)/$", page.url).group(1))


def test_editing_every_field_of_an_item_loses_nothing(as_user, server_url, screenshot):
    editor = as_user("editor")
    channels = {"要闻动态": True, "通知公告": False}
    editor.goto(f"{server_url}/items/new/")
    fill(editor, FIELDS, channels, repost=True)
    item = save(editor)
    assert "2026-12-03" in editor.inner_text("main")

    editor.goto(f"{server_url}/items/{item}/edit/")
    form_shows(editor, FIELDS, channels, repost=True)
    screenshot(editor, "item-edit")
    save(editor)  # saved unchanged: still nothing lost
    editor.goto(f"{server_url}/items/{item}/edit/")
    form_shows(editor, FIELDS, channels, repost=True)

    changed = {**FIELDS, "title": "市工信局召开民营企业座谈会", "body": "12月4日，座谈会召开。",
               "category": "工作动态", "sensitivity": "内部", "event_date": "2026-12-04",
               "source": "人民日报", "source_author": "李记者"}
    channels = {"要闻动态": False, "通知公告": True}
    fill(editor, changed, channels, repost=False)
    save(editor)
    page = editor.inner_text("main")
    assert "2026-12-04" in page and "市工信局召开民营企业座谈会" in page
    editor.goto(f"{server_url}/items/{item}/edit/")
    form_shows(editor, changed, channels, repost=False)
