"""The demo's events and self-media inventory (演示活动与自媒体台账)."""

from datetime import timedelta

from django.utils import timezone

from sanshen.org.models import Person

from .models import Event, SelfMediaAccount, Speaker

SELF_MEDIA = [
    ("江城市软件行业协会", SelfMediaAccount.Platform.WECHAT, "江城软件", 12800, 30),
    ("江城市机械工业协会", SelfMediaAccount.Platform.DOUYIN, "江城机械人", 45300, 40),
    ("江城电子信息产业联盟", SelfMediaAccount.Platform.WEIBO, "江城电子信息", 8700, 220),
]


def load_demo_events(people: dict[str, Person]) -> None:
    """One event waiting for the main leader, one approved but not yet filed, one held properly; three accounts."""
    if Event.objects.exists():
        return
    head, officer = people["head"], people["officer"]
    now = timezone.now().replace(second=0, microsecond=0)
    plan = "出现敏感言论时由主持人当即中止发言，活动负责人报告分管领导。"
    waiting = Event.objects.create(
        title="工业互联网与数字化转型研讨会", kind=Event.Kind.SEMINAR, organiser=head.department,
        starts_at=now + timedelta(days=6), venue="市工信局三楼会议室", purpose="交流企业数字化转型经验，属协会业务范围。",
        contingency_plan=plan, status=Event.Status.SUBMITTED, proposed_by=head, submitted_at=now)
    Speaker.objects.create(event=waiting, name="张教授", affiliation="江城大学信息学院", topic="工业互联网平台建设")
    Speaker.objects.create(event=waiting, name="某评论员", affiliation="自由撰稿人", topic="数字经济观察", is_sensitive=True,
                           request_note="其近期文章有争议观点；拟请其只讲数字经济数据，讲稿事先审阅。")
    unfiled = Event.objects.create(
        title="中小企业融资政策解读讲座", kind=Event.Kind.LECTURE, organiser=head.department,
        starts_at=now + timedelta(days=2), venue="市民服务中心报告厅", purpose="解读中小企业融资支持政策。",
        contingency_plan=plan, status=Event.Status.APPROVED, proposed_by=head, submitted_at=now - timedelta(days=3),
        decided_by=people["leader"], decided_at=now - timedelta(days=2), opinion="同意。")
    Speaker.objects.create(event=unfiled, name="李处长", affiliation="市地方金融管理局", topic="融资支持政策解读")
    held = Event.objects.create(
        title="2026年工业经济形势报告会", kind=Event.Kind.REPORT, organiser=officer.department,
        starts_at=now - timedelta(days=20), venue="市工信局报告厅", purpose="通报全市工业经济运行形势。",
        contingency_plan=plan, status=Event.Status.APPROVED, proposed_by=officer,
        submitted_at=now - timedelta(days=40), decided_by=people["leader"], decided_at=now - timedelta(days=35),
        opinion="同意。", filed_on=(now - timedelta(days=33)).date(), filing_reference="江工信备〔2026〕12号",
        filed_by=officer)
    Speaker.objects.create(event=held, name="王局长", affiliation="江城市工业和信息化局", topic="全市工业经济形势")
    today = timezone.localdate()
    for owner, platform, name, followers, days_ago in SELF_MEDIA:
        SelfMediaAccount.objects.create(owner=owner, platform=platform, name=name, followers=followers,
                                        last_checked_on=today - timedelta(days=days_ago), checked_by=officer)
