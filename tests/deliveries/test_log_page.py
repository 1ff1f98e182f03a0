"""The delivery log (推送记录): filters, the status summary and the per-channel chart."""

import re

import pytest

from sanshen.channels.models import Channel
from sanshen.deliveries import services

pytestmark = pytest.mark.django_db


def rows(page: str) -> list[str]:
    return re.findall(r'data-delivery="(\d+)"', page)


def test_filters_by_status_channel_and_item(published, wechat, receiver, client_as):
    _a, [good] = published(title="我局召开工业企业座谈会")
    services.attempt(good.pk)
    receiver.status = 500
    item, [bad] = published(title="全市中小企业数字化转型培训班开班")
    services.attempt(bad.pk)
    officer = client_as("officer")
    assert rows(officer.get("/deliveries/?status=failed").content.decode()) == [str(bad.pk)]
    assert str(good.pk) in rows(officer.get(f"/deliveries/?channel={wechat.pk}&status=delivered").content.decode())
    assert rows(officer.get(f"/deliveries/?item={item.pk}").content.decode()) == [str(bad.pk)]
    website = Channel.objects.get(name="要闻动态")
    bad_filter = officer.get(f"/deliveries/?channel={website.pk}&status=nonsense").content.decode()
    assert "选择一个有效的选项" in bad_filter or "Select a valid choice" in bad_filter


def test_summary_counts_and_chart(published, wechat, receiver, client_as):
    _a, [good] = published(title="我局召开工业企业座谈会")
    services.attempt(good.pk)
    receiver.status = 500
    _b, [bad] = published(title="全市中小企业数字化转型培训班开班")
    services.attempt(bad.pk)
    page = client_as("officer").get("/deliveries/").content.decode()
    summary = page[page.index('data-testid="delivery-summary"'):page.index("</figure>")]
    assert re.search(r"失败 [1-9]", summary) and re.search(r"已送达 [1-9]", summary)
    assert "<svg" in summary and "江城工信" in summary and "<script" not in page
    assert re.search(r"江城工信：已送达 \d+ / \d+，失败 [1-9]", summary)


@pytest.mark.parametrize("username", ["officer", "admin", "editor", "leader"])
def test_a_failed_delivery_shows_on_the_officers_and_administrators_dashboard(client_as, username, published,
                                                                               wechat, receiver):
    receiver.status = 500
    _item, [delivery] = published()
    services.attempt(delivery.pk)
    page = client_as(username).get("/").content.decode()
    if username in ("officer", "admin"):
        panel = page[page.index('data-testid="panel-deliveries"'):]
        assert "推送失败" in panel and "HTTP 500" in panel and "江城工信" in panel
    else:
        assert 'data-testid="panel-deliveries"' not in page
