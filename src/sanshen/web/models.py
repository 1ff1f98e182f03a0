"""Notifications in the app (站内提醒); e-mail goes out too when SMTP is configured."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(_("内容"), max_length=300)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")


class Edition(models.Model):
    """The data's edition (数据版本): a random token replaced in the same transaction as every change to what
    the cache keeps things for (`web.editions`). Random rather than a counter, so a rolled-back change or a
    restored backup never meets what was kept for a later state."""

    name = models.CharField(max_length=30, unique=True)
    token = models.CharField(max_length=32)


class DailyJobRun(models.Model):
    """A daily job enqueued for a day (每日任务记录): the unique row is the claim, so with several workers
    looking at once each job is enqueued once a day."""

    job = models.CharField(max_length=200)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="web_daily_job_once_a_day")]
