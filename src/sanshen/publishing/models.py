"""Channels (发布渠道): website columns, new-media accounts, submission to a higher portal. P1."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.WEBSITE_COLUMN)
    parent = models.ForeignKey("self", verbose_name=_("上级栏目"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    department = models.ForeignKey("org.Department", verbose_name=_("责任部门"), null=True, blank=True,
                                   on_delete=models.PROTECT)
    responsible = models.ForeignKey("org.Person", verbose_name=_("责任人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="channels_responsible")
    workflow = models.ForeignKey("review.Workflow", verbose_name=_("审核流程"), on_delete=models.PROTECT)
    is_classified = models.BooleanField(_("涉密渠道"), default=False,
                                        help_text=_("只有涉密渠道可以承载涉密稿件；互联网渠道一律不得勾选。"))
    requires_final_review = models.BooleanField(_("须主要领导终审"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("发布渠道")
        verbose_name_plural = _("发布渠道")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"
