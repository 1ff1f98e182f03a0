"""The side navigation is grouped (日常工作, 发布与互动, 监督考评, 系统设置) and shows only what a person may open."""

import re

import pytest

pytestmark = pytest.mark.django_db


def groups(client) -> dict[str, list[str]]:
    nav = re.search(r'<nav class="side".*?</nav>', client.get("/").content.decode(), re.S).group(0)
    found, heading = {}, None
    for group, link in re.findall(r'<h2 class="nav-group">(.*?)</h2>|<a [^>]*>(.*?)</a>', nav):
        heading = group or heading
        found.setdefault(heading, [])
        if link:
            found[heading].append(link)
    return found


def test_administrators_see_every_group_with_settings_last(client_as):
    found = groups(client_as("admin"))
    assert list(found) == ["日常工作", "发布与互动", "监督考评", "系统设置"]
    assert "筛查词库" in found["系统设置"] and "操作日志" in found["监督考评"]


def test_an_editor_sees_no_oversight_or_settings_group(client_as):
    assert list(groups(client_as("editor"))) == ["日常工作", "发布与互动"]


def test_a_member_unit_sees_one_short_list_without_headings(client_as):
    assert groups(client_as("member")) == {None: ["工作台", "我的稿件", "提醒"]}


def test_the_current_page_is_marked_for_screen_readers(client_as):
    page = client_as("officer").get("/publishing/").content.decode()
    assert re.search(r'<a href="/publishing/" class="active" aria-current="page">发布管理</a>', page)


@pytest.mark.parametrize("url", ["/login/", "/site/"])
def test_every_page_has_the_favicon_and_browsers_asking_for_favicon_ico_find_it(client, url):
    page = client.get(url).content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert client.get(icon).status_code == 200
    assert client.get("/favicon.ico", follow=True).redirect_chain[-1][0] == icon
