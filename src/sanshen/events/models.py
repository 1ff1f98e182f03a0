"""Events (报告会、研讨会、座谈会、讲座、论坛) approved and filed before they happen, and the sector's
self-media inventory (自媒体底数). O5, 003 二(一)6 and 三(二)3."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """An event with speakers (活动): proposed, approved by a leader, filed (备案), before it is held."""

    class Kind(models.TextChoices):
        REPORT = "report", _("报告会")
        SEMINAR = "seminar", _("研讨会")
        SYMPOSIUM = "symposium", _("座谈会")
        LECTURE = "lecture", _("讲座")
        FORUM = "forum", _("论坛")
        EXCHANGE = "exchange", _("交流会")
        SPEECH = "speech", _("演讲会")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待审批")
        APPROVED = "approved", _("已审批")
        REJECTED = "rejected", _("不予同意")
        CANCELLED = "cancelled", _("已取消")

    title = models.CharField(_("活动名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    organiser = models.ForeignKey("org.Department", verbose_name=_("主办部门"), on_delete=models.PROTECT)
    starts_at = models.DateTimeField(_("开始时间"))
    venue = models.CharField(_("地点"), max_length=200)
    purpose = models.TextField(_("主题与宗旨"), help_text=_("说明活动符合章程规定的宗旨和业务范围。"))
    publicity_line = models.TextField(_("宣传报道口径"), blank=True)
    is_major = models.BooleanField(_("重大活动"), default=False, help_text=_("重大活动须报主要领导审批。"))
    contingency_plan = models.TextField(_("应急熔断预案"),
                                        help_text=_("出现敏感言论或突发情况时如何中止活动、由谁负责。"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申报人"), on_delete=models.PROTECT,
                                    related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    opinion = models.TextField(_("审批意见"), blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filing_reference = models.CharField(_("备案编号"), max_length=100, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("备案登记人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("活动")
        verbose_name_plural = _("活动")

    def __str__(self):
        return self.title

    @property
    def needs_main_leader(self) -> bool:
        """Major events and events inviting a sensitive speaker go to the main leader (请示)."""
        return self.is_major or any(s.is_sensitive for s in self.speakers.all())


class Speaker(models.Model):
    """A speaker at an event (主讲人); one who may touch sensitive subjects needs a written request (请示)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("姓名"), max_length=50)
    affiliation = models.CharField(_("工作单位及职务"), max_length=200)
    topic = models.CharField(_("讲题"), max_length=200)
    is_sensitive = models.BooleanField(_("可能涉及意识形态敏感内容"), default=False)
    request_note = models.TextField(_("请示说明"), blank=True,
                                    help_text=_("确需邀请敏感人员的，写明理由和把关措施。"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("主讲人")
        verbose_name_plural = _("主讲人")

    def __str__(self):
        return self.name


class SelfMediaAccount(models.Model):
    """One self-media account in the sector's inventory (自媒体底数): whose, where, how big, when checked."""

    class Platform(models.TextChoices):
        WECHAT = "wechat", _("微信公众号")
        WEIBO = "weibo", _("微博")
        DOUYIN = "douyin", _("抖音")
        KUAISHOU = "kuaishou", _("快手")
        VIDEO = "video", _("视频号")
        TOUTIAO = "toutiao", _("头条号")
        BILIBILI = "bilibili", _("哔哩哔哩")
        XIAOHONGSHU = "xiaohongshu", _("小红书")
        OTHER = "other", _("其他")

    owner = models.CharField(_("主体"), max_length=200, help_text=_("单位或个人名称。"))
    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    account_id = models.CharField(_("账号ID"), max_length=100, blank=True)
    followers = models.PositiveIntegerField(_("粉丝数"), default=0)
    last_checked_on = models.DateField(_("最近核查日期"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核查人"), on_delete=models.PROTECT,
                                   related_name="+")
    note = models.CharField(_("备注"), max_length=300, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["owner", "platform", "name"]
        unique_together = [("platform", "name")]
        verbose_name = _("自媒体账号")
        verbose_name_plural = _("自媒体账号")

    def __str__(self):
        return f"{self.get_platform_display()} · {self.name}"
