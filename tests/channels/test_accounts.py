"""New-media accounts (政务新媒体账号): filing, closing with the main leader's approval, de-registration,
rarely used accounts, and what the office and the main leader see on their dashboards. 001 newmedia§5–7."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sanshen.channels import services as accounts
from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.org.models import CalendarDay
from sanshen.oversight.audit import object_types
from sanshen.oversight.models import AuditEntry
from sanshen.publishing.models import Publication
from sanshen.web.models import Notification

from .conftest import account, channel

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_filing_is_due_ten_working_days_after_opening_across_holidays():
    assert accounts.filing_deadline(date(2025, 9, 30)).due == date(2025, 10, 21)  # 国庆 + 调休 Saturday 10-11
    assert accounts.filing_deadline(date(2026, 2, 13)).due == date(2026, 3, 5)  # 春节 2026, make-up 2-14 and 2-28


def test_years_beyond_the_package_use_the_holiday_table_or_warn(client_as, account_data):
    late = accounts.filing_deadline(date(2027, 9, 30))
    assert late.warning and "2027" in late.warning
    for day in range(1, 8):
        CalendarDay.objects.create(date=date(2027, 10, day), is_workday=False, name="国庆节")
    assert accounts.filing_deadline(date(2027, 9, 30)).due == date(2027, 10, 21)


def test_the_office_records_the_filing_and_the_overdue_flag_goes(client_as, person):
    weibo = account("江城工信微博")
    assert weibo.filing_overdue and accounts.filing_state(weibo).code == "overdue"
    officer = client_as("officer")
    page = officer.get(f"/channels/{weibo.channel_id}/account/").content.decode()
    assert "备案已超期" in page
    response = officer.post(f"/channels/{weibo.channel_id}/account/", {
        "step": "filing", "filing-filed_on": (weibo.opened_on - timedelta(days=1)).isoformat(),
        "filing-reference": "网信备〔2026〕031号"})
    page = response.content.decode()
    assert "备案日期不能早于开设日期" in page and 'value="网信备〔2026〕031号"' in page
    response = officer.post(f"/channels/{weibo.channel_id}/account/", {
        "step": "filing", "filing-filed_on": TODAY().isoformat(), "filing-reference": "网信备〔2026〕031号"},
        follow=True)
    assert "备案已登记。" in response.content.decode()
    weibo = account("江城工信微博")
    assert weibo.filed_on == TODAY() and accounts.filing_state(weibo).code == "filed"
    entry = AuditEntry.objects.get(action="publishing.account_filed", object_id=str(weibo.channel_id))
    assert entry.details["late"] is True and entry.actor_username == "officer"
    assert "panel-account-filing" not in officer.get("/").content.decode()


def test_a_filing_date_in_the_future_is_refused(person):
    with pytest.raises(accounts.ChannelError, match="备案日期不能晚于今天"):
        accounts.record_filing(account("江城工信微博"), filed_on=TODAY() + timedelta(days=1), reference="x",
                               acting_user=person("officer"))


def test_overdue_filings_show_on_the_office_dashboard_only(client_as):
    for username in ("officer", "admin"):
        page = client_as(username).get("/").content.decode()
        panel = page[page.index('data-testid="panel-account-filing"'):]
        assert "江城工信微博" in panel[:panel.index("</div>")] and "备案已超期" in panel
    for username in ("editor", "head", "leader", "chief", "secrecy", "member"):
        assert "panel-account-filing" not in client_as(username).get("/").content.decode()


def request_closing(client, channel_id):
    return client.post(f"/channels/{channel_id}/account/", {
        "step": "closing", "closing-reason": "与“江城工信”公众号功能重复，关注度低",
        "closing-notice": "本账号将于近日停止更新并注销，欢迎关注“江城工信”微信公众号。"}, follow=True)


def test_closing_goes_through_the_main_leader_then_de_registration_is_due(client_as, person):
    wechat_id = channel("江城工信").pk
    officer, chief = client_as("officer"), client_as("chief")
    closed = officer.post(f"/channels/{wechat_id}/account/", {"step": "closed", "closed-closed_on": TODAY()})
    assert "关停须先经单位主要领导批准。" in closed.content.decode()

    assert "关停申请已报单位主要领导审批。" in request_closing(officer, wechat_id).content.decode()
    note = Notification.objects.get(person=person("chief"))
    assert "江城工信" in note.message and note.url == f"/channels/{wechat_id}/account/closing/"
    dashboard = chief.get("/").content.decode()
    assert "panel-account-closing" in dashboard and "关注度低" in dashboard
    page = chief.get(note.url).content.decode()
    assert "欢迎关注“江城工信”微信公众号" in page

    for username in ("officer", "admin", "leader", "editor", "head", "secrecy", "spokesperson", "member"):
        response = client_as(username).post(note.url)
        assert response.status_code == 403
        assert "关闭政务新媒体账号须经单位主要领导批准。" in response.content.decode()
    with pytest.raises(accounts.ChannelError, match="主要领导批准"):
        accounts.approve_closing(account("江城工信"), acting_user=person("leader"))
    assert account("江城工信").closing_approved_at is None

    response = chief.post(note.url, follow=True)
    assert "已批准关停账号“江城工信”。" in response.content.decode()
    approved = account("江城工信")
    assert approved.closing_approved_by == person("chief")
    assert "panel-account-closing" not in chief.get("/").content.decode()

    response = officer.post(f"/channels/{wechat_id}/account/", {"step": "closed", "closed-closed_on": TODAY()},
                            follow=True)
    assert "账号已注销，渠道已停用" in response.content.decode()
    closed = account("江城工信")
    assert closed.closed_on == TODAY() and not closed.channel.is_active
    assert closed.deregistration_due == accounts.filing_deadline(TODAY()).due
    assert accounts.filing_state(closed).code == "deregistration_due"
    assert [e.action for e in AuditEntry.objects.filter(
        object_type__in=object_types(Channel), object_id=str(wechat_id)).order_by("seq")][-3:] == [
        "publishing.account_closing_requested", "publishing.account_closing_approved", "publishing.account_closed"]

    response = officer.post(f"/channels/{wechat_id}/account/", {
        "step": "deregistration", "deregistration-filed_on": TODAY(), "deregistration-reference": "网信注〔2026〕5号"},
        follow=True)
    assert "注销备案已登记。" in response.content.decode()
    assert accounts.filing_state(account("江城工信")).code == "deregistered"


def test_a_closed_account_cannot_be_switched_back_on(client_as, person, channel_data):
    wechat = account("江城工信")
    request_closing(client_as("officer"), wechat.channel_id)
    accounts.approve_closing(wechat, acting_user=person("chief"))
    accounts.record_closed(wechat, closed_on=TODAY(), acting_user=person("officer"))
    page = client_as("officer").post(f"/channels/{wechat.channel_id}/", channel_data(
        name="江城工信", kind="wechat", **{"account-platform": "微信", "account-purpose": "发布工作动态",
                                          "account-operator": person("officer").pk,
                                          "account-contact_phone": "0710-12345678",
                                          "account-opened_on": wechat.opened_on})).content.decode()
    assert "不能重新启用" in page and not channel("江城工信").is_active
    field = page[page.index('name="is_active"') - 300:page.index('name="is_active"') + 400]
    assert "has-error" in field and "不能重新启用" in field


def test_an_overdue_de_registration_shows_like_an_overdue_filing(client_as, person):
    wechat = account("江城工信")
    request_closing(client_as("officer"), wechat.channel_id)
    accounts.approve_closing(wechat, acting_user=person("chief"))
    long_ago = TODAY() - timedelta(days=30)
    type(wechat).objects.filter(pk=wechat.pk).update(closing_approved_at=timezone.now() - timedelta(days=31))
    accounts.record_closed(wechat, closed_on=long_ago, acting_user=person("officer"))
    assert accounts.filing_state(account("江城工信")).code == "deregistration_overdue"
    page = client_as("officer").get("/").content.decode()
    panel = page[page.index('data-testid="panel-account-filing"'):]
    assert "江城工信" in panel and "注销备案已超期" in panel


def publish_now(item: Item, channel_obj, who):
    return Publication.objects.create(
        item=item, revision=item.current_revision, content_hash=item.current_revision.content_hash,
        channel=channel_obj, status=Publication.Status.LIVE, published_at=timezone.now(), published_by=who)


def test_accounts_without_a_live_publication_within_their_threshold_are_flagged(client_as, person, account_data):
    officer = client_as("officer")
    officer.post("/channels/new/", account_data(opened_on=TODAY() - timedelta(days=30)))
    video = account("江城工信视频号")
    assert accounts.rarely_used([video]) == {video.channel_id}  # never published
    page = officer.get("/channels/").content.decode()
    row = page[page.index("江城工信视频号", page.index('data-testid="new-media"')):]
    assert "建议整合或关停" in row[:row.index("</tr>")]
    approved = Item.objects.filter(status=Item.Status.APPROVED).first()
    publication = publish_now(approved, video.channel, person("officer"))
    assert accounts.rarely_used([video]) == set()
    Publication.objects.filter(pk=publication.pk).update(published_at=timezone.now() - timedelta(days=15))
    assert accounts.rarely_used([video]) == {video.channel_id}  # threshold 14 days
    Publication.objects.filter(pk=publication.pk).update(published_at=timezone.now(),
                                                         status=Publication.Status.RETRACTED)
    assert accounts.rarely_used([video]) == {video.channel_id}  # only live publications count
    page = officer.get(f"/channels/{video.channel_id}/account/").content.decode()
    assert "建议整合或关停" in page and "14 天内没有发布信息" in page


def test_a_young_account_is_told_its_due_date_and_is_not_judged_yet(client_as, account_data):
    response = client_as("officer").post("/channels/new/", account_data(opened_on=TODAY()), follow=True)
    young = account("江城工信视频号")
    assert f"请在 {young.filing_due.isoformat()} 前向网信部门备案（开设后10个工作日内）。" in response.content.decode()
    assert accounts.filing_state(young).code == "due"
    assert accounts.rarely_used([young]) == set()
