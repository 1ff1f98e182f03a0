"""Channels (发布渠道): website columns and new-media accounts, their filing records (备案) and naming words. P1, P2."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NEWS_THRESHOLD_DAYS = 14  # national website inspection indicators: news columns at least every 2 weeks
SLOW_THRESHOLD_DAYS = 183  # notices and policy columns: every 6 months


class Channel(models.Model):
    """A place items are published to, with the workflow that reviews them (栏目/账号)."""

    class Kind(models.TextChoices):
        WEBSITE_COLUMN = "website", _("网站栏目")
        WECHAT = "wechat", _("微信公众号")
        WEIBO = "weibo", _("微博")
        VIDEO = "video", _("视频号")
        APP = "app", _("客户端")
        MINI_PROGRAM = "mini_program", _("小程序")
        HIGHER_PORTAL = "higher_portal", _("上级门户报送")

    NEW_MEDIA = (Kind.WECHAT, Kind.WEIBO, Kind.VIDEO, Kind.APP, Kind.MINI_PROGRAM)

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.WEBSITE_COLUMN)
    parent = models.ForeignKey("self", verbose_name=_("上级栏目"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    department = models.ForeignKey("org.Department", verbose_name=_("责任部门"), null=True, blank=True,
                                   on_delete=models.PROTECT)
    responsible = models.ForeignKey("org.Person", verbose_name=_("责任人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="channels_responsible")
    publisher = models.ForeignKey("org.Person", verbose_name=_("发布人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="channels_published",
                                  help_text=_("留空时，任何信息专管员都可以发布到此渠道。"))
    workflow = models.ForeignKey("review.Workflow", verbose_name=_("审核流程"), on_delete=models.PROTECT)
    is_classified = models.BooleanField(_("涉密渠道"), default=False,
                                        help_text=_("只有涉密渠道可以承载涉密稿件；互联网渠道一律不得勾选。"))
    requires_final_review = models.BooleanField(_("须主要领导终审"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    update_threshold_days = models.PositiveIntegerField(
        _("更新期限（天）"), default=NEWS_THRESHOLD_DAYS,
        help_text=_("超过这么多天没有发布新内容即视为不更新（动态类栏目2周，通知公告、政策文件类6个月）。"))
    webhook_url = models.URLField(_("推送地址"), blank=True,
                                  help_text=_("发布、撤回时以签名请求推送到此地址（网站栏目之外的渠道）。"))
    webhook_secret = models.CharField(_("签名密钥"), max_length=100, blank=True)
    is_offline = models.BooleanField(_("已熔断"), default=False)

    class Meta:
        db_table = "publishing_channel"  # made by publishing before channels was an app of its own
        ordering = ["kind", "name"]
        verbose_name = _("发布渠道")
        verbose_name_plural = _("发布渠道")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"

    @property
    def is_website(self) -> bool:
        return self.kind == self.Kind.WEBSITE_COLUMN

    @property
    def is_new_media(self) -> bool:
        return self.kind in self.NEW_MEDIA


class Account(models.Model):
    """A new-media account's filing record (政务新媒体备案登记表), opening to de-registration. P2."""

    channel = models.OneToOneField(Channel, verbose_name=_("渠道"), on_delete=models.CASCADE, related_name="account")
    platform = models.CharField(_("平台"), max_length=50)
    account_id = models.CharField(_("账号ID"), max_length=100, blank=True)
    purpose = models.CharField(_("功能定位"), max_length=200, help_text=_("账号与本单位工作职责的关系。"))
    operator = models.ForeignKey("org.Person", verbose_name=_("运维人员"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    opened_on = models.DateField(_("开设日期"))
    filing_due = models.DateField(_("备案期限"))
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filing_reference = models.CharField(_("备案编号"), max_length=100, blank=True)
    closing_approved_by = models.ForeignKey("org.Person", verbose_name=_("关停批准人"), null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    closing_notice = models.TextField(_("关停公告"), blank=True)
    closed_on = models.DateField(_("注销日期"), null=True, blank=True)
    deregistration_due = models.DateField(_("注销备案期限"), null=True, blank=True)
    deregistration_filed_on = models.DateField(_("注销备案日期"), null=True, blank=True)
    filing_due_warning = models.CharField(_("备案期限说明"), max_length=200, blank=True)
    closing_reason = models.CharField(_("关停理由"), max_length=300, blank=True)
    closing_requested_by = models.ForeignKey("org.Person", verbose_name=_("关停申请人"), null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    closing_requested_at = models.DateTimeField(_("关停申请时间"), null=True, blank=True)
    closing_approved_at = models.DateTimeField(_("关停批准时间"), null=True, blank=True)
    deregistration_due_warning = models.CharField(_("注销备案期限说明"), max_length=200, blank=True)
    deregistration_reference = models.CharField(_("注销备案编号"), max_length=100, blank=True)

    class Meta:
        db_table = "publishing_account"  # made by publishing before channels was an app of its own
        ordering = ["opened_on"]
        verbose_name = _("新媒体账号")
        verbose_name_plural = _("新媒体账号")

    def __str__(self):
        return str(self.channel)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def filing_overdue(self) -> bool:
        """备案超期: not filed and the 10 working days have passed."""
        return self.filed_on is None and self.filing_due < timezone.localdate()

    @property
    def deregistration_overdue(self) -> bool:
        """注销备案超期: closed, not yet reported, and the 10 working days have passed."""
        return (self.closed_on is not None and self.deregistration_filed_on is None
                and self.deregistration_due is not None and self.deregistration_due < timezone.localdate())


class NamingKeyword(models.Model):
    """A word tying an account's name to the body's duties (命名关键词), e.g. 工信, 工业, the city name. 001 newmedia§6."""

    word = models.CharField(_("关键词"), max_length=30, unique=True)

    class Meta:
        db_table = "publishing_namingkeyword"  # made by publishing before channels was an app of its own
        ordering = ["word"]
        verbose_name = _("账号命名关键词")
        verbose_name_plural = _("账号命名关键词")

    def __str__(self):
        return self.word
