"""Administrators' lexicons as data (管理员词库), their versions and announcements, and re-screening. S4.

- `LexiconEntry` (词条) and `AllowPhrase` (白名单短语) are what administrators maintain; they are never
  deleted, only disabled, so every version can still be explained.
- `RuleSetVersion` (规则集版本) is one change set: who changed what, with a note; it is also the
  announcement to staff (关键词提醒, 002§18). Its id is the cheap stamp every process compares.
- `RescreenRun` (复查任务), `RescreenTarget` and `RescreenFlag` (复查发现) re-screen what is live after a change.
- `AllowProposal` (白名单建议): an editor's request to allow-list a phrase, accepted or declined by an administrator.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshen.core.severity import SEVERITY_LABELS
from sanshen.screening.findings import CATEGORIES, SEVERITIES

CATEGORY_LABELS = {
    "sensitive": _("敏感词"), "secrecy": _("涉密标识"), "privacy": _("个人信息"), "expression": _("严重错误表述"),
    "typo": _("错别字"), "prohibited": _("不得发布的信息"), "format": _("格式"), "source": _("稿源"),
}
CATEGORY_CHOICES = [(c, CATEGORY_LABELS[c]) for c in CATEGORIES]
SEVERITY_CHOICES = [(s, SEVERITY_LABELS[s]) for s in SEVERITIES]


class LexiconEntry(models.Model):
    """One administrator's lexicon entry (词条): a word, what it is and how serious."""

    word = models.CharField(_("词语"), max_length=100)
    category = models.CharField(_("类别"), max_length=20, choices=CATEGORY_CHOICES, default="sensitive")
    severity = models.CharField(_("级别"), max_length=10, choices=SEVERITY_CHOICES, default="block")
    suggestion = models.CharField(_("建议改为"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    enabled = models.BooleanField(_("启用"), default=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("添加人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["word", "category"]
        unique_together = [("word", "category")]
        verbose_name = _("词条")
        verbose_name_plural = _("词条")

    def __str__(self):
        return f"{self.word}（{self.get_category_display()}·{self.get_severity_display()}）"

    def snapshot(self) -> dict:
        return {"word": self.word, "category": self.category, "severity": self.severity,
                "suggestion": self.suggestion, "note": self.note, "enabled": self.enabled}


class AllowPhrase(models.Model):
    """An allow-list phrase (白名单短语): findings overlapping it are silenced (false positives)."""

    phrase = models.CharField(_("短语"), max_length=100, unique=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    enabled = models.BooleanField(_("启用"), default=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("添加人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("白名单短语")
        verbose_name_plural = _("白名单短语")

    def __str__(self):
        return self.phrase

    def snapshot(self) -> dict:
        return {"phrase": self.phrase, "note": self.note, "enabled": self.enabled}


class RuleSetVersion(models.Model):
    """One change set of the rules (规则集版本) and its announcement to staff (关键词提醒)."""

    ruleset_hash = models.CharField(_("规则版本"), max_length=32)
    note = models.CharField(_("提醒说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    added = models.PositiveIntegerField(_("新增"), default=0)
    changed = models.PositiveIntegerField(_("修改"), default=0)
    disabled = models.PositiveIntegerField(_("停用"), default=0)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("规则集版本")
        verbose_name_plural = _("规则集版本")

    def __str__(self):
        return _("第%(n)d版") % {"n": self.pk}


class LexiconChange(models.Model):
    """What one version changed in one entry or allow-list phrase (变更记录), with the values before and after."""

    class Kind(models.TextChoices):
        ADDED = "added", _("新增")
        CHANGED = "changed", _("修改")
        ENABLED = "enabled", _("启用")
        DISABLED = "disabled", _("停用")

    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("变更"), max_length=10, choices=Kind.choices)
    entry = models.ForeignKey(LexiconEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="changes")
    allow = models.ForeignKey(AllowPhrase, null=True, blank=True, on_delete=models.PROTECT, related_name="changes")
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("变更记录")
        verbose_name_plural = _("变更记录")

    @property
    def values(self) -> dict:
        """The entry or phrase as this change left it (as it was, for a change that only disabled it)."""
        return self.after or self.before

    @property
    def text(self) -> str:
        return self.values.get("word") or self.values.get("phrase", "")


class RescreenRun(models.Model):
    """Re-screening every live published revision with the current rules (已发布信息复查). S4."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        SUPERSEDED = "superseded", _("已被新任务取代")

    version = models.ForeignKey(RuleSetVersion, verbose_name=_("规则集版本"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="rescreens")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    ruleset_hash = models.CharField(_("规则版本"), max_length=32, blank=True)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已复查"), default=0)
    flagged = models.PositiveIntegerField(_("发现新问题"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    progressed_at = models.DateTimeField(_("最近进展"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("复查任务")
        verbose_name_plural = _("复查任务")

    def __str__(self):
        return _("复查任务 #%(n)d") % {"n": self.pk}

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return 100 * self.done // self.total

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class RescreenTarget(models.Model):
    """One revision a run must re-screen; claimed by a worker with a compare-and-set update (复查对象)."""

    class State(models.IntegerChoices):
        PENDING = 0, _("待复查")
        CLAIMED = 1, _("复查中")
        DONE = 2, _("已复查")

    run = models.ForeignKey(RescreenRun, on_delete=models.CASCADE, related_name="targets")
    revision = models.ForeignKey("content.Revision", on_delete=models.CASCADE, related_name="+")
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.PENDING)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("run", "revision")]
        indexes = [models.Index(fields=["run", "state", "id"])]


class RescreenFlag(models.Model):
    """New blocking findings in something already published (复查发现): owners check and resolve it."""

    run = models.ForeignKey(RescreenRun, on_delete=models.CASCADE, related_name="flags")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="rescreen_flags")
    revision = models.ForeignKey("content.Revision", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey("content.ScreeningReport", on_delete=models.CASCADE, related_name="+")
    findings = models.JSONField(_("新发现"), default=list)
    created_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    resolution = models.CharField(_("处理说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("复查发现")
        verbose_name_plural = _("复查发现")

    def __str__(self):
        return f"{self.item} · {len(self.findings)}"


class AllowProposal(models.Model):
    """An editor's proposal to allow-list a phrase (白名单建议) seen as a false positive on an item."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        ACCEPTED = "accepted", _("已采纳")
        DECLINED = "declined", _("未采纳")

    phrase = models.CharField(_("短语"), max_length=100)
    reason = models.CharField(_("理由"), max_length=200)
    item = models.ForeignKey("content.Item", verbose_name=_("稿件"), on_delete=models.CASCADE,
                             related_name="allow_proposals")
    finding = models.JSONField(_("筛查发现"), default=dict, blank=True)  # text, rule, category, key
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("建议人"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("建议时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decline_reason = models.CharField(_("不采纳理由"), max_length=200, blank=True)
    allow = models.ForeignKey(AllowPhrase, verbose_name=_("白名单短语"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="proposals")

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["phrase"], condition=Q(status="pending"),
                                               name="one_pending_proposal_per_phrase")]
        verbose_name = _("白名单建议")
        verbose_name_plural = _("白名单建议")

    def __str__(self):
        return self.phrase

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
