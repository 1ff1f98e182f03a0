"""Publishing (P3, P5, S5): who, when, from where, and exactly which revision goes out."""

from datetime import datetime, timedelta

import pytest
import time_machine

from sanshen.content.services import ContentError, ItemInput, edit_item
from sanshen.org.models import TemporaryGrant
from sanshen.oversight.models import AuditEntry
from sanshen.publishing import services
from sanshen.publishing.models import FollowUp, Publication
from sanshen.web.models import Notification

from .conftest import SATURDAY_MORNING, SHANGHAI, channels, from_address, refresh, submit_and_sign

pytestmark = pytest.mark.django_db


def publish(item, who, names=("要闻动态", "江城工信"), address="10.2.3.4", **kwargs):
    return services.publish(item, who, channels(*names), request=from_address(address), **kwargs)


def test_the_officer_publishes_the_approved_revision_and_the_record_says_where_when_who(
        office_hours, approved, person):
    item = approved()
    done = publish(item, person("officer"))
    assert {p.channel.name for p in done} == {"要闻动态", "江城工信"}
    for publication in done:
        assert publication.status == Publication.Status.LIVE
        assert publication.content_hash == item.current_revision.content_hash
        assert publication.published_by == person("officer")
        assert publication.published_at == datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI)
    entry = AuditEntry.objects.filter(action="publishing.published", object_id=str(item.pk)).get()
    assert entry.details["revision"] == item.current_revision.content_hash
    assert Notification.objects.filter(person=item.author, message__contains="已发布").exists()


def test_publishing_outside_working_hours_is_refused_without_a_temporary_grant(approved, person):
    with time_machine.travel(SATURDAY_MORNING - timedelta(days=3), tick=False):
        item = approved()
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        with pytest.raises(ContentError, match="不是工作时间"):
            publish(item, person("officer"))
        TemporaryGrant.objects.create(person=person("officer"), granted_by=person("leader"), reason="周末发布通告",
                                      starts_at=SATURDAY_MORNING - timedelta(hours=1),
                                      ends_at=SATURDAY_MORNING + timedelta(hours=1))
        assert publish(item, person("officer"))
    assert not Publication.objects.filter(item=item).exclude(published_at=SATURDAY_MORNING).exists()


def test_publishing_from_outside_the_office_network_is_refused(office_hours, approved, person):
    item = approved()
    with pytest.raises(ContentError, match="203.0.113.9"):
        publish(item, person("officer"), address="203.0.113.9")
    assert not item.publications.exists()


@pytest.mark.parametrize("username", ["editor", "editor2", "head", "leader", "chief", "spokesperson", "secrecy",
                                      "admin", "member"])
def test_only_the_information_officer_publishes(office_hours, approved, person, username):
    item = approved()
    with pytest.raises(ContentError, match="只有信息专管员可以发布|会员单位只能查看"):
        publish(item, person(username))
    assert not item.publications.exists()


def test_an_item_still_in_review_is_refused(office_hours, submitted_item, person):
    with pytest.raises(ContentError, match="尚未审核通过"):
        publish(submitted_item, person("officer"), names=("要闻动态",))


def test_an_item_edited_after_approval_is_refused_until_reviewed_again(office_hours, approved, person):
    item = approved()
    edit_item(item, person("editor"), ItemInput(title=item.title, body=item.body + "（修改）",
                                                 channels=list(item.channels.all())))
    with pytest.raises(ContentError, match="尚未审核通过"):
        publish(refresh(item), person("officer"))


def test_only_the_channels_chosen_at_review_and_online_ones(office_hours, approved, person):
    item = approved(names=("要闻动态",))
    with pytest.raises(ContentError, match="不是本稿件审核时确定的发布渠道"):
        publish(item, person("officer"), names=("通知公告",))
    services.take_offline(channels("要闻动态")[0], person("leader"), reason="紧急核查")
    with pytest.raises(ContentError, match="已熔断"):
        publish(item, person("officer"), names=("要闻动态",))


def test_the_same_revision_is_not_published_twice_but_a_corrected_one_replaces_it(office_hours, approved, person):
    item = approved(names=("要闻动态",))
    first, = publish(item, person("officer"), names=("要闻动态",))
    with pytest.raises(ContentError, match="已发布"):
        publish(item, person("officer"), names=("要闻动态",))
    edit_item(item, person("editor"), ItemInput(title=item.title, body=item.body + "特此更正。",
                                                 channels=list(item.channels.all())))
    corrected = submit_and_sign(refresh(item), person)
    second, = publish(corrected, person("officer"), names=("要闻动态",))
    assert refresh_publication(first).status == Publication.Status.SUPERSEDED
    assert second.status == Publication.Status.LIVE and second.content_hash != first.content_hash


def refresh_publication(publication):
    return Publication.objects.get(pk=publication.pk)


def test_scheduled_publishing_goes_live_at_its_time_and_is_cancelled_if_the_item_changed(
        office_hours, approved, person):
    item, other = approved(title="定时发布一"), approved(title="定时发布二")
    at = datetime(2026, 11, 25, 15, 0, tzinfo=SHANGHAI)
    with pytest.raises(ContentError, match="应晚于现在"):
        publish(item, person("officer"), names=("要闻动态",), at=datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI))
    scheduled, = publish(item, person("officer"), names=("要闻动态",), at=at)
    publish(other, person("officer"), names=("要闻动态",), at=at)
    assert scheduled.status == Publication.Status.SCHEDULED and scheduled.published_at is None
    assert services.publish_due(now=at - timedelta(minutes=1)) == 0
    edit_item(other, person("editor"), ItemInput(title=other.title, body=other.body + "。",
                                                  channels=list(other.channels.all())))
    assert services.publish_due(now=at) == 1
    assert refresh_publication(scheduled).status == Publication.Status.LIVE
    cancelled = other.publications.get()
    assert cancelled.status == Publication.Status.CANCELLED and "尚未审核通过" in cancelled.retraction_reason
    assert Notification.objects.filter(person=person("officer"), message__contains="定时发布已取消").exists()


def test_retraction_needs_a_reason_and_withdraws_from_the_chosen_channels(office_hours, approved, person):
    item = approved()
    publish(item, person("officer"))
    with pytest.raises(ContentError, match="请填写撤回原因"):
        services.retract(item, person("officer"), reason=" ")
    with pytest.raises(ContentError, match="只有信息专管员"):
        services.retract(item, person("editor"), reason="数据有误")
    services.retract(item, person("officer"), reason="数据有误", channels=channels("江城工信"))
    states = dict(item.publications.values_list("channel__name", "status"))
    assert states == {"要闻动态": "live", "江城工信": "retracted"}
    services.retract(item, person("officer"), reason="全部撤回")
    assert set(item.publications.values_list("status", flat=True)) == {"retracted"}
    assert AuditEntry.objects.filter(action="publishing.retracted", object_id=str(item.pk)).count() == 2


def test_publishing_asks_the_submitting_department_for_a_follow_up(office_hours, approved, person):
    item = approved()
    publish(item, person("officer"))
    follow_up = FollowUp.objects.get(item=item)
    assert follow_up.department == item.department and follow_up.due_on == datetime(2026, 11, 30).date()
    assert Notification.objects.filter(person=person("head"), message__contains="回头看").exists()
    with pytest.raises(ContentError, match="报送部门"):
        services.answer_follow_up(follow_up, person("editor2"), result="fine")  # 市场运行科, not the author's department
    with pytest.raises(ContentError, match="请说明"):
        services.answer_follow_up(follow_up, person("head"), result="retract")
    services.answer_follow_up(follow_up, person("head"), result="retract", note="数据已过期")
    assert Notification.objects.filter(person=person("officer"), message__contains="需要撤回").exists()
    with pytest.raises(ContentError, match="已于"):
        services.answer_follow_up(follow_up, person("editor"), result="fine")
