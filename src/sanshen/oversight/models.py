"""The audit log (操作日志): append-only, each entry hash-chained to the one before. O1."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One recorded action: who, what, on which object, when, from where, with details."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )
    actor_username = models.CharField(_("操作人账号"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=60, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=60, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_entry_object")]  # entries about one
        verbose_name = _("操作日志")
        verbose_name_plural = _("操作日志")

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditHead(models.Model):
    """The chain's head: the last sequence number and hash, locked while appending."""

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)


class AuditCheckpoint(models.Model):
    """The chain's checkpoint (校验点): the entry up to which it was last verified, and what the last full check found.

    `seq`/`entry_hash` advance with every verification that passes; `broken_seq`/`broken_kind` hold the first bad
    entry the last full check found (empty once a full check passes again); `full_checked_at`: the last full pass.
    """

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
    verified_at = models.DateTimeField(null=True, blank=True)
    full_checked_at = models.DateTimeField(null=True, blank=True)
    broken_seq = models.PositiveBigIntegerField(null=True, blank=True)
    broken_kind = models.CharField(max_length=20, blank=True)


class Digest(models.Model):
    """The daily digest of breaches (超期未更新日报): sent at most once a day."""

    day = models.DateField(_("日期"), unique=True)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    breaches = models.PositiveIntegerField(_("超期事项"), default=0)
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("每日超期提醒")
        verbose_name_plural = _("每日超期提醒")

    def __str__(self):
        return f"{self.day:%Y-%m-%d}"
