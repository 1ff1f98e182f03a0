"""English is really available: the language switch, translated pages, and a compiled catalogue that matches its .po."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(autouse=True)
def back_to_chinese():
    """LocaleMiddleware leaves the last request's language active; don't let English leak into other tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def choose(client, language: str, next_url: str = "/"):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response.url == next_url
    return response


def h1(response) -> str:
    return re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)


def nav_labels(response) -> list[str]:
    nav = re.search(r'<nav class="side".*?</nav>', response.content.decode(), re.S).group(0)
    return re.findall(r"<a [^>]*>(.*?)</a>", nav)


def test_chinese_by_default(client_as):
    response = client_as("admin").get("/")
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
    assert h1(response) == "工作台"
    assert nav_labels(response)[:4] == ["工作台", "审核任务", "提醒", "关键词提醒"]
    assert 'value="zh-hans" lang="zh-hans" aria-current="true">简体中文</button>' in response.content.decode()


def test_choosing_english_translates_navigation_and_dashboard(client_as):
    client = client_as("admin")
    choose(client, "en")
    response = client.get("/")
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert h1(response) == "Dashboard"
    assert nav_labels(response) == [
        "Dashboard", "Review queue", "Notifications", "Keyword notices",
        "Publishing", "Follow-up check", "Public messages", "Event approval", "Columns and accounts", "Delivery log",
        "Public website",
        "Statistics", "Overdue for update", "Annual evaluation", "Accountability", "Inspection", "Audit log",
        "Departments", "People and roles", "Confidentiality pledges", "Temporary grants", "Working hours", "Site identifiers",
        "Review workflow", "Approved sources", "Screening lexicon", "Data backups",
    ]
    assert re.findall(r'<h2 class="nav-group">(.*?)</h2>', page) == [
        "Daily work", "Publishing and interaction", "Oversight and evaluation", "Settings"]
    assert "Sign out" in page and "Change password" in page
    assert 'value="en" lang="en" aria-current="true">English</button>' in page


def test_refusal_page_in_english(client_as):
    client = client_as("editor")
    choose(client, "en", "/org/people/")
    response = client.get("/org/people/")
    assert response.status_code == 403
    assert h1(response) == "Not permitted"
    refusal = re.search(r'data-testid="refusal">(.*?)</div>', response.content.decode()).group(1)
    assert refusal == "Only administrators can manage people and roles."


def test_refusal_page_in_chinese_by_default(client_as):
    response = client_as("editor").get("/org/people/")
    assert response.status_code == 403
    assert "只有系统管理员可以管理人员和角色。" in response.content.decode()


def test_switching_back_to_chinese(client_as):
    client = client_as("editor")
    choose(client, "en")
    assert h1(client.get("/")) == "Dashboard"
    choose(client, "zh-hans")
    assert h1(client.get("/")) == "工作台"


def test_login_page_has_the_switch(client):
    page = client.get("/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'name="language" value="en"' in page
    choose(client, "en", "/login/")
    page = client.get("/login/").content.decode()
    assert "<title>Sign in · Sanshen</title>" in page
    assert "Never share your password" in page


# ---- the catalogue --------------------------------------------------------------------------------------

def read_po(path: Path) -> tuple[dict[str, str], list[str]]:
    """msgid -> msgstr of a .po without plurals or contexts (what Sanshen uses), and the msgids marked fuzzy."""
    entries, fuzzy = {}, []
    current, field, flags = {}, None, ""

    def flush():
        if "msgid" in current and current["msgid"]:
            entries[current["msgid"]] = current.get("msgstr", "")
            if "fuzzy" in flags:
                fuzzy.append(current["msgid"])

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            flush()
            current, field, flags = {}, None, ""
        elif line.startswith("#,"):
            flags += line
        elif line.startswith("#"):
            continue
        else:
            assert not line.startswith(("msgctxt", "msgid_plural")), f"unexpected entry in the .po: {line}"
            if line.startswith(("msgid ", "msgstr ")):
                field, line = line.split(" ", 1)
                current[field] = ""
            current[field] += line.strip()[1:-1].encode("raw_unicode_escape").decode("unicode_escape")
    return entries, fuzzy


def test_every_message_is_translated():
    entries, fuzzy = read_po(LOCALE / "django.po")
    assert len(entries) > 150
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    untranslated = [msgid for msgid, msgstr in entries.items() if not msgstr]
    assert not untranslated, f"untranslated: {untranslated}"
    for msgid, msgstr in entries.items():
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr)), msgid
        assert not re.search(r"[\u4e00-\u9fff]", msgstr), f"Chinese left in the English of {msgid!r}"


def test_compiled_catalogue_matches_the_po():
    """Forgetting `sanshen compilemessages` after editing the .po fails here."""
    entries, _ = read_po(LOCALE / "django.po")
    with open(LOCALE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    compiled = {msgid: msgstr for msgid, msgstr in compiled.items() if msgid}
    assert compiled == entries
