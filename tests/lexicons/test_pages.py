"""The lexicon pages as an administrator and staff use them: add, edit, disable, import, export, notices, flags."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sanshen.content.services import ItemInput, create_item
from sanshen.lexicons.models import LexiconEntry, RescreenFlag, RescreenRun, RuleSetVersion
from sanshen.lexicons.services import EntryInput, add_entry
from sanshen.oversight.models import AuditEntry
from sanshen.web.models import Notification

pytestmark = pytest.mark.django_db


def upload(text: str, encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("words.txt", text.encode(encoding), content_type="text/plain")


def test_an_added_entry_is_screened_at_once_announced_and_audited(client_as, person):
    response = client_as("admin").post("/lexicons/new/", {
        "word": "违规用语甲", "category": "sensitive", "severity": "block", "suggestion": "",
        "note": "市网信办通报", "announcement": "近期通报的违规用语，请勿使用"})
    assert response.status_code == 302
    version = RuleSetVersion.objects.get()
    assert (version.added, version.note, version.created_by) == (1, "近期通报的违规用语，请勿使用", person("admin"))
    item = create_item(person("editor"), ItemInput(title="测试稿件", body="这里有违规用语甲。"))
    findings = item.current_revision.screenings.first().findings
    assert [(f["text"], f["severity"]) for f in findings if f["rule"] == "sensitive.lexicon"] == [("违规用语甲", "block")]
    for name in ("editor", "officer", "chief", "secrecy"):
        assert Notification.objects.filter(person=person(name), message__contains="关键词提醒",
                                           url=f"/lexicons/notices/{version.pk}/").exists()
    assert not Notification.objects.filter(person=person("member"), message__contains="关键词提醒").exists()
    assert AuditEntry.objects.filter(action="lexicons.changed", object_id=str(version.pk)).exists()
    assert RescreenRun.objects.filter(version=version).exists()
    notice = client_as("editor").get(f"/lexicons/notices/{version.pk}/").content.decode()
    assert "违规用语甲" in notice and "近期通报的违规用语，请勿使用" in notice and "须修改" in notice


def test_a_duplicate_entry_is_refused_and_the_form_keeps_what_was_typed(client_as, person):
    add_entry(person("admin"), EntryInput(word="重复词"))
    page = client_as("admin").post("/lexicons/new/", {
        "word": "重复词", "category": "sensitive", "severity": "warn", "note": "再加一次"}).content.decode()
    assert "词库中已有“重复词”" in page and "再加一次" in page and "您填写的内容已保留" in page
    assert LexiconEntry.objects.count() == 1


def test_editing_and_disabling_make_versions_and_disabled_words_stop_matching(client_as, person):
    entry = add_entry(person("admin"), EntryInput(word="旧说法", severity="warn"))
    client = client_as("admin")
    client.post(f"/lexicons/{entry.pk}/", {"word": "旧说法", "category": "expression", "severity": "block",
                                           "suggestion": "新说法", "note": ""})
    entry.refresh_from_db()
    assert (entry.category, entry.severity, entry.suggestion) == ("expression", "block", "新说法")
    change = RuleSetVersion.objects.first().changes.get()
    assert (change.kind, change.before["severity"], change.after["severity"]) == ("changed", "warn", "block")
    client.post(f"/lexicons/{entry.pk}/enabled/", {"enabled": "0"})
    entry.refresh_from_db()
    assert not entry.enabled and RuleSetVersion.objects.first().disabled == 1
    item = create_item(person("editor"), ItemInput(title="测试", body="这是旧说法。"))
    assert not [f for f in item.current_revision.screenings.first().findings if f["text"] == "旧说法"]
    listing = client.get("/lexicons/?enabled=0&q=旧").content.decode()
    assert "旧说法" in listing and "已停用" in listing


def test_the_entry_list_searches_and_filters(client_as, person):
    admin = person("admin")
    add_entry(admin, EntryInput(word="甲词", category="sensitive"))
    add_entry(admin, EntryInput(word="乙词", category="prohibited", severity="warn"))
    client = client_as("admin")
    assert "乙词" not in client.get("/lexicons/?q=甲").content.decode()
    page = client.get("/lexicons/?category=prohibited").content.decode()
    assert "乙词" in page and "甲词" not in page
    page = client.get("/lexicons/?severity=block").content.decode()
    assert "甲词" in page and "乙词" not in page


def test_an_import_with_bad_lines_names_them_and_imports_nothing(client_as):
    text = "# 通报词语\n好词一\n坏词\tsensitve\tblock\n好词二\tsensitive\twarn\n坏词二\tsensitive\tsevere\n好词一\n"
    response = client_as("admin").post("/lexicons/import/", {"file": upload(text), "announcement": "批量"})
    page = response.content.decode()
    assert "第3行：类别不对 &#x27;sensitve&#x27;" in page or "第3行：类别不对 'sensitve'" in page
    assert "第5行：级别不对" in page and "第6行：“好词一”与第2行重复" in page
    assert "没有导入任何词条" in page
    assert not LexiconEntry.objects.exists() and not RuleSetVersion.objects.exists()


def test_a_gb18030_import_is_one_version_and_the_export_reads_back(client_as, person):
    add_entry(person("admin"), EntryInput(word="已有词", severity="warn"))
    text = "已有词\tsensitive\tblock\n新词甲\n新词乙\tprohibited\twarn\t改为丙\t说明文字\n"
    client = client_as("admin")
    response = client.post("/lexicons/import/", {"file": upload(text, "gb18030")})
    assert response.status_code == 302
    version = RuleSetVersion.objects.first()
    assert (version.added, version.changed) == (2, 1)
    assert LexiconEntry.objects.get(word="已有词").severity == "block"
    assert LexiconEntry.objects.get(word="新词乙").note == "说明文字"
    exported = client.get("/lexicons/export/").content.decode()
    assert "新词乙\tprohibited\twarn\t改为丙\t说明文字\n" in exported and "新词甲\tsensitive\tblock\n" in exported
    again = client.post("/lexicons/import/", {"file": upload(exported)})
    assert again.status_code == 302 and RuleSetVersion.objects.count() == 2  # same words: no new version


def test_an_unreadable_import_file_says_why(client_as):
    bad = SimpleUploadedFile("x.txt", b"\xff\xfe\xfa\x00\x81", content_type="text/plain")
    page = client_as("admin").post("/lexicons/import/", {"file": bad}).content.decode()
    assert "文件无法读取" in page and "没有导入任何词条" in page
    assert not RuleSetVersion.objects.exists()


def test_allow_list_phrases_silence_findings_and_can_be_disabled(client_as, person):
    add_entry(person("admin"), EntryInput(word="敏感字"))
    client = client_as("admin")
    client.post("/lexicons/allow/", {"phrase": "不敏感字段", "note": "误报"})
    item = create_item(person("editor"), ItemInput(title="测试", body="数据表中的不敏感字段。"))
    assert not item.current_revision.screenings.first().blocking
    page = client.post("/lexicons/allow/", {"phrase": "不敏感字段"}).content.decode()
    assert "白名单中已有“不敏感字段”" in page


def test_rescreen_page_starts_a_run_and_shows_its_progress(client_as, published, finish_rescreen):
    client = client_as("admin")
    response = client.post("/lexicons/rescreens/")
    run = RescreenRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lexicons/rescreens/{run.pk}/"
    page = client.get(f"/lexicons/rescreens/{run.pk}/").content.decode()
    assert "排队中" in page and 'http-equiv="refresh"' in page
    finish_rescreen()
    page = client.get(f"/lexicons/rescreens/{run.pk}/").content.decode()
    assert "已完成" in page and "<progress" in page and 'value="100"' in page and "http-equiv" not in page


def test_staff_see_flags_and_the_officer_resolves_one(client_as, person, published, finish_rescreen):
    add_entry(person("admin"), EntryInput(word="申报材料"))
    finish_rescreen()
    flag = RescreenFlag.objects.get()
    page = client_as("editor").get("/lexicons/flags/").content.decode()
    assert published.title in page and "申报材料" in page and "resolution" not in page
    assert "1 条待处理" in client_as("editor").get("/lexicons/notices/").content.decode()
    refused = client_as("editor").post(f"/lexicons/flags/{flag.pk}/resolve/", {"resolution": "已改"})
    assert refused.status_code == 403
    client_as("officer").post(f"/lexicons/flags/{flag.pk}/resolve/", {"resolution": "已撤回"})
    flag.refresh_from_db()
    assert flag.resolution == "已撤回" and flag.resolved_by == person("officer")
    assert published.title not in client_as("editor").get("/lexicons/flags/").content.decode()
    assert "已撤回" in client_as("editor").get("/lexicons/flags/?show=all").content.decode()
