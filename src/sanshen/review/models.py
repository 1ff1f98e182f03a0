"""Workflows (审核流程), stages, signed decisions (审核签字), emergency approvals and secrecy requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sanshen.org.models import Role

CHECKLISTS = {
    # 000§6 初审: source legality, ideology, secrecy, truth and logic
    "initial": [
        ("source_legal", _("信息来源合法")),
        ("ideology", _("意识形态与政治方向正确")),
        ("no_secret", _("不含国家秘密、工作秘密和商业秘密")),
        ("truth_logic", _("内容真实、数据准确、逻辑严谨")),
    ],
    "standard": [
        ("political", _("政治方向、提法表述正确")),
        ("no_secret", _("不涉及秘密事项")),
        ("accuracy", _("事实、数据、人名职务准确")),
    ],
    # 000§6 终审: political direction, spokesperson rules, secrecy with declassification, opinion risk
    "final": [
        ("political", _("把握政治方向")),
        ("spokesperson", _("符合新闻发言人制度要求")),
        ("declassified", _("保密审查已确认（含脱密处理方式）")),
        ("opinion_risk", _("已评估舆情风险并有应对预案")),
    ],
}
CHECKLIST_LABELS = {
    "initial": _("初审要点"),
    "standard": _("通用要点"),
    "final": _("终审要点"),
}


class Workflow(models.Model):
    """An ordered list of review stages, configured per channel or column (审核流程). R1."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("审核流程")
        verbose_name_plural = _("审核流程")

    def __str__(self):
        return self.name


class Stage(models.Model):
    """One stage of a workflow: who acts (a role), in which department, and what they must confirm."""

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("名称"), max_length=30)
    role = models.CharField(_("审核角色"), max_length=20, choices=Role.choices)
    scoped_to_item_department = models.BooleanField(
        _("限稿件所属部门"), default=True, help_text=_("勾选时，审核人须在稿件所属部门担任该角色。"))
    escalation_only = models.BooleanField(_("仅在需要终审时"), default=False)
    checklist = models.CharField(_("审核要点"), max_length=20, default="standard",
                                 choices=[(k, k) for k in CHECKLISTS])

    class Meta:
        ordering = ["workflow", "order"]
        unique_together = [("workflow", "order")]
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")

    def __str__(self):
        return f"{self.workflow} · {self.name}"

    def checklist_items(self):
        return CHECKLISTS[self.checklist]


class Decision(models.Model):
    """A signed review decision (审核签字): who, in which role, on which exact revision. R3."""

    class Verdict(models.TextChoices):
        APPROVE = "approve", _("同意")
        REJECT = "reject", _("退回")

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="decisions")
    revision = models.ForeignKey("content.Revision", on_delete=models.PROTECT, related_name="decisions")
    content_hash = models.CharField(max_length=64)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="decisions")
    stage_name = models.CharField(_("环节"), max_length=30)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.PROTECT,
                               related_name="decisions")
    verdict = models.CharField(_("意见"), max_length=10, choices=Verdict.choices)
    opinion = models.TextField(_("审核意见"))
    checklist = models.JSONField(_("审核要点确认"), default=dict)
    proofread = models.BooleanField(_("已校对"), default=False)
    request_final_review = models.BooleanField(_("提请终审"), default=False)
    emergency = models.BooleanField(_("应急审核补签"), default=False)
    signed_at = models.DateTimeField(_("签署时间"), auto_now_add=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name = _("审核签字")
        verbose_name_plural = _("审核签字")

    def __str__(self):
        return f"{self.item} {self.stage_name} {self.person} {self.get_verdict_display()}"


class EmergencyApprovalQuerySet(models.QuerySet):
    def open(self):
        """Approvals whose follow-up signatures are still owed: not completed, and still bound to the item's
        current revision (an edit supersedes them; the item goes through review again)."""
        return self.filter(completed_at__isnull=True, content_hash=models.F("item__current_revision__content_hash"))


class EmergencyApproval(models.Model):
    """An emergency approval (应急审核) given after consulting the main leader; stages still owed. R6."""

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="emergency_approvals")
    revision = models.ForeignKey("content.Revision", on_delete=models.PROTECT, related_name="+")
    content_hash = models.CharField(max_length=64)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批准人"), on_delete=models.PROTECT,
                                    related_name="+")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    consultation = models.TextField(_("请示主要领导情况"))
    reason = models.TextField(_("应急理由"))
    approved_at = models.DateTimeField(_("批准时间"), auto_now_add=True)
    completed_at = models.DateTimeField(_("补签完成时间"), null=True, blank=True)

    objects = EmergencyApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = _("应急审核")
        verbose_name_plural = _("应急审核")


class SecrecyRequest(models.Model):
    """A request for secrecy determination (保密审查), answered within 7 working days. R7, 002§10."""

    class Answer(models.TextChoices):
        NOT_SECRET = "not_secret", _("不涉密，可以公开")
        DECLASSIFY = "declassify", _("经脱密处理后可以公开")
        SECRET = "secret", _("涉密，不得公开")

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="secrecy_requests")
    revision = models.ForeignKey("content.Revision", on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("需确定的问题"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("提请时间"), auto_now_add=True)
    due_on = models.DateField(_("答复期限"))
    due_warning = models.CharField(max_length=200, blank=True)
    answer = models.CharField(_("结论"), max_length=20, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("审查意见"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    resume_status = models.CharField(max_length=20)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("保密审查")
        verbose_name_plural = _("保密审查")

    @property
    def is_open(self) -> bool:
        return not self.answer


class ReviewerSeen(models.Model):
    """Which revision a reviewer last looked at on the decision form (审核人已阅版本), to show what changed since."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("content.Revision", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("查看时间"))

    class Meta:
        unique_together = [("person", "revision")]
        verbose_name = _("审核人已阅版本")
        verbose_name_plural = _("审核人已阅版本")


class PassageComment(models.Model):
    """A comment on a passage of one revision (批注), or a reply to one (parent); the thread is resolved once."""

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="passage_comments")
    revision = models.ForeignKey("content.Revision", on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    quote = models.TextField(_("原文"), blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    body = models.TextField(_("批注"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批注人"), on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    resolved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("批注")
        verbose_name_plural = _("批注")

    def __str__(self):
        return f"{self.item} “{self.quote[:20]}”"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
