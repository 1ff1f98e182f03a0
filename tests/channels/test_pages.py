"""The channel pages (栏目和账号): the tree, the forms and their refusals, everything audited."""

from datetime import date

import pytest

from sanshen.channels.models import Channel
from sanshen.oversight.models import AuditEntry

from .conftest import account, channel

pytestmark = pytest.mark.django_db


def test_the_list_shows_columns_as_a_tree_accounts_with_their_filing_and_the_portal(client_as, channel_data):
    officer = client_as("officer")
    news = channel("要闻动态")
    response = officer.post("/channels/new/", channel_data(name="区县动态", parent=news.pk))
    assert response.status_code == 302
    officer.post("/channels/new/", channel_data(name="省政府门户报送", kind=Channel.Kind.HIGHER_PORTAL))
    page = officer.get("/channels/").content.decode()
    columns = page[page.index('data-testid="website-columns"'):page.index('data-testid="new-media"')]
    assert columns.index("要闻动态") < columns.index("└ ") < columns.index("区县动态")
    media = page[page.index('data-testid="new-media"'):page.index('data-testid="portals"')]
    assert "江城工信微博" in media and "备案已超期" in media
    assert "江城工信" in media and "已备案" in media
    assert "省政府门户报送" in page[page.index('data-testid="portals"'):]


def test_a_new_column_is_saved_and_audited_with_what_was_set(client_as, channel_data):
    response = client_as("admin").post("/channels/new/", channel_data(name="营商环境", update_threshold_days=30),
                                       follow=True)
    assert "渠道“营商环境”已保存。" in response.content.decode()
    created = channel("营商环境")
    assert created.update_threshold_days == 30 and created.is_active
    entry = AuditEntry.objects.filter(action="publishing.channel_saved", object_id=str(created.pk)).get()
    assert entry.actor_username == "admin" and entry.details["created"] is True
    assert entry.details["changes"]["name"]["new"] == "营商环境"


def test_a_refused_form_keeps_what_was_typed_and_says_why(client_as, channel_data):
    news = channel("要闻动态")
    response = client_as("officer").post("/channels/new/", channel_data(
        name="江城工信抖音", kind=Channel.Kind.VIDEO, parent=news.pk, update_threshold_days=21))
    page = response.content.decode()
    assert response.status_code == 200
    assert "只有网站栏目可以设置上级栏目。" in page
    assert "您填写的内容已保留" in page
    assert 'value="江城工信抖音"' in page and 'value="21"' in page
    assert not Channel.objects.filter(name="江城工信抖音").exists()


def test_a_column_cannot_be_placed_under_its_own_sub_column(client_as, channel_data):
    officer = client_as("officer")
    news = channel("要闻动态")
    officer.post("/channels/new/", channel_data(name="区县动态", parent=news.pk))
    child = channel("区县动态")
    response = officer.post(f"/channels/{news.pk}/", channel_data(name="要闻动态", parent=child.pk))
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    response = officer.post(f"/channels/{news.pk}/", channel_data(name="要闻动态", parent=news.pk))
    assert "选择一个有效的选项" in response.content.decode()
    assert channel("要闻动态").parent is None


def test_the_publisher_must_be_an_information_officer(client_as, channel_data, person):
    officer = client_as("officer")
    form = officer.get("/channels/new/").content.decode()
    publisher_select = form[form.index('name="publisher"'):form.index("</select>", form.index('name="publisher"'))]
    assert "刘专管员" in publisher_select and "张采编" not in publisher_select
    response = officer.post("/channels/new/", channel_data(publisher=person("editor").pk))
    assert "选择一个有效的选项" in response.content.decode()
    officer.post("/channels/new/", channel_data(publisher=person("officer").pk))
    assert channel("营商环境").publisher == person("officer")


def test_webhooks_are_for_outside_channels_need_a_secret_and_the_secret_never_reaches_the_audit(
        client_as, channel_data):
    officer = client_as("officer")
    response = officer.post("/channels/new/", channel_data(webhook_url="https://cms.example.cn/hook",
                                                           webhook_secret="s3cret"))
    assert "网站栏目由内置网站发布，不需要推送地址。" in response.content.decode()
    portal = channel_data(name="省政府门户报送", kind=Channel.Kind.HIGHER_PORTAL, webhook_url="https://portal.example.cn/in")
    assert "设置推送地址时须填写签名密钥。" in officer.post("/channels/new/", portal).content.decode()
    officer.post("/channels/new/", {**portal, "webhook_secret": "s3cret"})
    created = channel("省政府门户报送")
    assert created.webhook_secret == "s3cret"
    officer.post(f"/channels/{created.pk}/", {**portal, "update_threshold_days": 30})  # secret left blank: kept
    created.refresh_from_db()
    assert created.webhook_secret == "s3cret" and created.update_threshold_days == 30
    officer.post(f"/channels/{created.pk}/", {**portal, "webhook_secret": "n3w"})
    entries = AuditEntry.objects.filter(action="publishing.channel_saved", object_id=str(created.pk)).order_by("seq")
    assert not any("s3cret" in str(e.details) or "n3w" in str(e.details) for e in entries)
    assert "webhook_secret" not in entries[1].details["changes"]
    assert entries[2].details["changes"]["webhook_secret"] == "(changed)"


def test_the_kind_is_chosen_once_and_channels_are_deactivated_not_deleted(client_as, channel_data):
    officer = client_as("officer")
    policy = channel("政策文件")
    officer.post(f"/channels/{policy.pk}/", channel_data(name="政策文件", kind=Channel.Kind.WEIBO, is_active=None,
                                                          update_threshold_days=183))
    policy.refresh_from_db()
    assert policy.kind == Channel.Kind.WEBSITE_COLUMN and not policy.is_active
    page = officer.get("/channels/").content.decode()
    row = page[page.index("政策文件"):]
    assert "停用" in row[:row.index("</tr>")]
    assert "删除" not in officer.get(f"/channels/{policy.pk}/").content.decode()


def test_opening_an_account_files_its_registration_and_starts_the_ten_working_days(client_as, account_data):
    response = client_as("officer").post("/channels/new/", account_data(opened_on=date(2025, 9, 30)), follow=True)
    page = response.content.decode()
    opened = account("江城工信视频号")
    assert opened.filing_due == date(2025, 10, 21)  # National Day week and its make-up Saturday counted right
    assert "备案期限（2025-10-21）已过，请尽快向网信部门备案。" in page
    assert "备案已超期" in page and opened.operator.username == "officer"
    sheet = client_as("officer").get(f"/channels/{opened.channel_id}/account/registration/").content.decode()
    assert "政务新媒体备案登记表" in sheet and "发布产业政策解读短视频" in sheet and "2025-10-21" in sheet


def test_an_account_needs_its_registration_details(client_as, account_data):
    data = account_data(**{"account-purpose": "", "account-opened_on": "2099-01-01"})
    page = client_as("officer").post("/channels/new/", data).content.decode()
    assert "这个字段是必填项。" in page and "开设日期不能晚于今天。" in page
    assert 'value="jcgx_video"' in page
    assert not Channel.objects.filter(name="江城工信视频号").exists()


def test_account_names_with_forbidden_words_or_without_a_tie_to_the_duties_are_refused(client_as, account_data):
    officer = client_as("officer")
    page = officer.post("/channels/new/", account_data(name="今日好物推荐")).content.decode()
    assert "须包含下列关键词之一：信息化、工业、工信、江城" in page
    assert 'value="今日好物推荐"' in page
    page = officer.post("/channels/new/", account_data(name="江城工信六合彩")).content.decode()
    assert "名称含有不得使用的词语“六合彩”" in page
    assert not Channel.objects.filter(name__in=["今日好物推荐", "江城工信六合彩"]).exists()


def test_renaming_is_checked_too_but_website_columns_need_no_duty_keyword(client_as, channel_data):
    officer = client_as("officer")
    assert officer.post("/channels/new/", channel_data(name="营商环境")).status_code == 302
    weibo = channel("江城工信微博")
    page = officer.post(f"/channels/{weibo.pk}/", channel_data(
        name="生活小窍门", kind=Channel.Kind.WEIBO, update_threshold_days=14, **{
            "account-platform": "新浪微博", "account-purpose": "发布本局工作动态", "account-operator": weibo.responsible_id,
            "account-contact_phone": "0710-12345678", "account-opened_on": account("江城工信微博").opened_on})
    ).content.decode()
    assert "须包含下列关键词之一" in page and channel("江城工信微博").name == "江城工信微博"


def test_the_office_keeps_the_duty_keywords_as_data(client_as, account_data):
    officer = client_as("officer")
    response = officer.post("/channels/naming/", {"words": "江城\n工信\n营商\n"}, follow=True)
    assert "命名关键词已保存。" in response.content.decode()
    assert officer.post("/channels/new/", account_data(name="营商服务号")).status_code == 302
    assert AuditEntry.objects.filter(action="publishing.naming_keywords_saved",
                                     details__new=["工信", "江城", "营商"]).exists()
    page = officer.post("/channels/naming/", {"words": "工" * 31}).content.decode()
    assert "关键词不能超过30个字" in page and "工" * 31 in page
