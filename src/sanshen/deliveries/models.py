"""The delivery record (推送记录): each publication or retraction handed to an outside channel. P4."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """Handing a publication or retraction to an outside channel (推送记录): webhook or export package. P4."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("发布")
        RETRACT = "retract", _("撤回")

    class Status(models.TextChoices):
        PENDING = "pending", _("待推送")
        DELIVERED = "delivered", _("已送达")
        FAILED = "failed", _("失败")

    publication = models.ForeignKey("publishing.Publication", on_delete=models.CASCADE, related_name="deliveries")
    action = models.CharField(_("动作"), max_length=10, choices=Action.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(_("响应码"), null=True, blank=True)
    last_error = models.CharField(_("错误"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        db_table = "publishing_delivery"  # made by publishing before deliveries was an app of its own
        ordering = ["-created_at", "-id"]
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
