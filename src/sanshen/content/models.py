"""Items (稿件), revisions (修订版本), attachments, approved sources and screening reports. C1–C6, S5."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableError(Exception):
    """Raised when code tries to change a record that must never change once written."""


class Source(models.Model):
    """An approved news source (稿源单位) from which items may be reposted. C3."""

    name = models.CharField(_("稿源单位"), max_length=100, unique=True)
    is_approved = models.BooleanField(_("列入稿源白名单"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("稿源单位")
        verbose_name_plural = _("稿源单位")

    def __str__(self):
        return self.name


class Item(models.Model):
    """A piece of public information on its way to publication (稿件). C1."""

    class Category(models.TextChoices):
        POLICY = "policy", _("政策法规与标准")
        ECONOMIC = "economic", _("经济数据与市场动态")
        MEMBER_DATA = "member_data", _("会员单位经营与创新")
        DOCUMENT = "document", _("公文")
        WORK_NEWS = "work_news", _("工作动态")
        MAJOR_MATTER = "major_matter", _("重大事项")
        MEETING = "meeting", _("会议活动")
        PUBLIC_SERVICE = "public_service", _("公共服务")
        SPEECH = "speech", _("领导讲话")

    class Sensitivity(models.TextChoices):
        PUBLIC = "public", _("公开")
        INTERNAL = "internal", _("内部")
        SENSITIVE = "sensitive", _("敏感")
        CLASSIFIED = "classified", _("涉密")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("审核中")
        REJECTED = "rejected", _("已退回")
        AWAITING_SECRECY = "awaiting_secrecy", _("待保密审查")
        APPROVED = "approved", _("审核通过")
        REFUSED = "refused", _("不予发布")

    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"), blank=True)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices, default=Category.WORK_NEWS)
    department = models.ForeignKey("org.Department", verbose_name=_("部门"), on_delete=models.PROTECT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作者"), on_delete=models.PROTECT,
                               related_name="items")
    channels = models.ManyToManyField("channels.Channel", verbose_name=_("发布渠道"), blank=True)
    event_date = models.DateField(_("事件日期"), null=True, blank=True)
    sensitivity = models.CharField(_("敏感程度"), max_length=20, choices=Sensitivity.choices,
                                   default=Sensitivity.PUBLIC)
    is_repost = models.BooleanField(_("转载"), default=False)
    source = models.ForeignKey(Source, verbose_name=_("原稿源单位"), null=True, blank=True, on_delete=models.PROTECT)
    source_author = models.CharField(_("原作者"), max_length=100, blank=True)
    member_commitment_at = models.DateTimeField(_("会员单位承诺时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    current_revision = models.ForeignKey("Revision", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+")
    escalation_reasons = models.JSONField(_("终审原因"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")

    def __str__(self):
        return self.title

    @property
    def needs_pledge(self) -> bool:
        return self.sensitivity in (self.Sensitivity.SENSITIVE, self.Sensitivity.CLASSIFIED)


class Attachment(models.Model):
    """A file attached to an item (附件); its text is extracted and screened like the body. C6."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    filename = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("提取的文本"), blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.filename


class Revision(models.Model):
    """One immutable version of an item's content (修订版本), identified by its content hash. C2."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版本号"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"), blank=True)
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="revisions")
    content_hash = models.CharField(_("内容哈希"), max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["item", "number"]
        unique_together = [("item", "number")]
        verbose_name = _("修订版本")
        verbose_name_plural = _("修订版本")

    def __str__(self):
        return f"{self.item} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("a revision never changes once written")
        super().save(*args, **kwargs)

    @staticmethod
    def hash_content(title: str, body: str, attachment_hashes: list[str]) -> str:
        digest = hashlib.sha256()
        for part in (title, body, *sorted(attachment_hashes)):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]


class ScreeningReport(models.Model):
    """The screening of exactly one revision (筛查报告): findings per part, with overrides. S1, S5."""

    class Trigger(models.TextChoices):
        SUBMIT = "submit", _("提交时")
        FINAL = "final", _("终审前")
        SAVE = "save", _("保存时")
        RESCREEN = "rescreen", _("词库更新后复查")

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="screenings")
    trigger = models.CharField(_("触发"), max_length=10, choices=Trigger.choices)
    ruleset_version = models.CharField(_("规则版本"), max_length=32)
    findings = models.JSONField(_("发现"), default=list)
    blocking = models.PositiveIntegerField(_("须修改项"), default=0)
    ran_at = models.DateTimeField(_("筛查时间"), auto_now_add=True)

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("筛查报告")
        verbose_name_plural = _("筛查报告")

    def __str__(self):
        return f"{self.revision} {self.get_trigger_display()}"

    def counts(self) -> dict[str, int]:
        out = {"block": 0, "warn": 0, "info": 0}
        for finding in self.findings:
            out[finding["severity"]] += 1
        return out


class FindingOverride(models.Model):
    """A reviewer's written reason to let a blocking finding stand (筛查结果人工确认). S5."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="overrides")
    content_hash = models.CharField(max_length=64)
    finding_key = models.CharField(max_length=200)
    reason = models.TextField(_("理由"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("item", "content_hash", "finding_key")]


class FindingDismissal(models.Model):
    """The editor's written reason to leave a warning as it is (忽略, 忽略同类). Shown to every reviewer.

    A finding is named by what it says, not where it sits, so a dismissal outlives edits elsewhere in the text:
    ONE matches the `ordinal`-th finding of `rule` on `text` in `part`; SAME_KIND matches every finding of
    `rule` on `text` anywhere in the item. Blocking findings are never dismissed: a reviewer overrides them (S5).
    """

    class Scope(models.TextChoices):
        ONE = "one", _("忽略此处")
        SAME_KIND = "same", _("忽略同类")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="dismissals")
    scope = models.CharField(_("范围"), max_length=4, choices=Scope.choices, default=Scope.ONE)
    part = models.CharField(max_length=40)
    rule = models.CharField(max_length=120)
    text = models.CharField(max_length=200)
    ordinal = models.PositiveIntegerField(default=0)
    reason = models.TextField(_("理由"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("忽略的筛查结果")
        verbose_name_plural = _("忽略的筛查结果")

    def __str__(self):
        return f"{self.item_id} {self.rule} “{self.text}”"

    def matches(self, finding: dict, ordinal: int) -> bool:
        if finding["rule"] != self.rule or finding["text"] != self.text:
            return False
        return self.scope == self.Scope.SAME_KIND or (finding["part"] == self.part and ordinal == self.ordinal)
