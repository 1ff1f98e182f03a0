"""Pages for people, not developers: walking every page a role reaches from its dashboard, none shows
Django's empty choice (---------), an article reference (000§6), Python values or dicts."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db

DEVELOPER_TEXT = {
    "Django's empty choice": re.compile(r"-{9}"),
    "an article reference": re.compile(r"§"),
    "a Python value": re.compile(r"\b(?:None|True|False)\b|\{'"),
}
SKIPPED = ("/static", "/site", "/logout", "/i18n", "/django-admin", "/api")


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("who", ["editor", "head", "leader", "chief", "officer", "secrecy", "admin", "member"])
def test_no_page_a_role_reaches_shows_developer_text(client_as, who):
    client, seen, todo, problems = client_as(who), set(), ["/"], []
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        text = visible_text(page)
        problems += [f"{url}: {name}" for name, pattern in DEVELOPER_TEXT.items() if pattern.search(text)]
        todo += [href for href in re.findall(r'href="(/[^"#?]*)"', page)
                 if not href.startswith(SKIPPED) and not href.endswith((".csv", ".xlsx", ".pdf", ".zip"))]
    assert len(seen) > 3 and problems == []
