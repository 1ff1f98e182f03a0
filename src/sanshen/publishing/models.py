"""What was published where (发布记录), channels taken offline (熔断) and 回头看. P3, P5, P6."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """One item published to one channel (发布记录): the exact revision, when, by whom. P3, S5."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("定时待发")
        LIVE = "live", _("已发布")
        SUPERSEDED = "superseded", _("已被新版本替换")
        RETRACTED = "retracted", _("已撤回")
        CANCELLED = "cancelled", _("已取消")

    item = models.ForeignKey("content.Item", on_delete=models.PROTECT, related_name="publications")
    revision = models.ForeignKey("content.Revision", on_delete=models.PROTECT, related_name="publications")
    content_hash = models.CharField(_("内容指纹"), max_length=64)
    channel = models.ForeignKey("channels.Channel", verbose_name=_("渠道"), on_delete=models.PROTECT, related_name="publications")
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, db_index=True)
    scheduled_for = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT,
                                     related_name="+")
    retracted_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    retracted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撤回人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    retraction_reason = models.CharField(_("撤回原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("发布记录")
        verbose_name_plural = _("发布记录")
        indexes = [models.Index(fields=["channel", "status", "-published_at"])]

    def __str__(self):
        return f"{self.item} → {self.channel}"


class Outage(models.Model):
    """A channel taken offline at once (熔断) and, later, restored. P6, 003 三(二)3."""

    channel = models.ForeignKey("channels.Channel", verbose_name=_("渠道"), on_delete=models.PROTECT, related_name="outages")
    reason = models.CharField(_("熔断原因"), max_length=300)
    started_at = models.DateTimeField(_("熔断时间"), auto_now_add=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT,
                                   related_name="+")
    restored_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    restored_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("恢复人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    restore_note = models.CharField(_("恢复说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("熔断记录")
        verbose_name_plural = _("熔断记录")


class FollowUp(models.Model):
    """The submitting department's check after publishing (回头看), and its result. P6, 002§16."""

    class Result(models.TextChoices):
        FINE = "fine", _("无问题")
        NEEDS_CORRECTION = "needs_correction", _("需要更正")
        RETRACT = "retract", _("需要撤回")

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="follow_ups")
    revision = models.ForeignKey("content.Revision", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey("org.Department", verbose_name=_("报送部门"), on_delete=models.PROTECT)
    due_on = models.DateField(_("完成期限"))
    result = models.CharField(_("结果"), max_length=20, choices=Result.choices, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("检查人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("回头看")
        verbose_name_plural = _("回头看")
