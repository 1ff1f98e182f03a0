"""The interactive column (网上互动): messages from the public and their answers. O4, 001 website§18, §22.

A message (网上留言) is moderated by the office before anything of it appears (§22); a suitable one is
routed to a department with a due date in working days; the department drafts the answer, another person
of the department approves it, and the information officer publishes question and answer together.
The sender's name and contact details are private: no public page shows them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """A message left by a member of the public (网上留言), with its handling and answer (答复)."""

    class Status(models.TextChoices):
        NEW = "new", _("待审核")
        UNSUITABLE = "unsuitable", _("不予公开")
        ROUTED = "routed", _("办理中")
        ANSWERED = "answered", _("答复待审核")
        APPROVED = "approved", _("答复待发布")
        PUBLISHED = "published", _("已答复公开")

    class Topic(models.TextChoices):
        CONSULT = "consult", _("咨询")
        SUGGEST = "suggest", _("建议")
        COMPLAIN = "complain", _("投诉")
        OTHER = "other", _("其他")

    code = models.CharField(_("查询码"), max_length=16, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    contact = models.CharField(_("联系方式"), max_length=100)
    subject = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("留言内容"))
    topic = models.CharField(_("留言类型"), max_length=20, choices=Topic.choices, blank=True)
    department_hint = models.ForeignKey("org.Department", verbose_name=_("希望答复的部门"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    client_address = models.CharField(_("来源地址"), max_length=45, blank=True, db_index=True)
    captcha_nonce = models.CharField(max_length=32, unique=True)
    submitted_at = models.DateTimeField(_("留言时间"), default=timezone.now, db_index=True)
    findings = models.JSONField(_("筛查发现"), default=list)
    ruleset_version = models.CharField(_("规则版本"), max_length=64, blank=True)
    blocking = models.PositiveIntegerField(_("须修改项"), default=0)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    unsuitable_reason = models.TextField(_("不予公开的理由"), blank=True)

    department = models.ForeignKey("org.Department", verbose_name=_("承办部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="messages")
    due_on = models.DateField(_("办理期限"), null=True, blank=True)
    due_warning = models.CharField(max_length=200, blank=True)

    answer = models.TextField(_("答复内容"), blank=True)
    answer_findings = models.JSONField(_("答复筛查发现"), default=list)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复起草人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("起草时间"), null=True, blank=True)
    returned_reason = models.TextField(_("退回理由"), blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复审核人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)

    OPEN = (Status.ROUTED, Status.ANSWERED, Status.APPROVED)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("网上留言")
        verbose_name_plural = _("网上留言")
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return self.subject

    def is_overdue(self, today=None) -> bool:
        """Routed and not yet answered in public after its due date (超期)."""
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.due_on is not None and self.due_on < today


class ClientAddress(models.Model):
    """An address messages came from; its row is locked while a new message from it is counted and saved,
    so parallel submissions from one address cannot slip past the limit (限流)."""

    address = models.CharField(max_length=45, primary_key=True)
