"""Accountability records (问责): suspensions of a person's rights and notices of criticism, 000§8, O3."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanshen.org.models import Department, Person


class SuspensionQuerySet(models.QuerySet):
    def current(self, moment=None):
        """Suspensions in force at `moment` (now by default): started, not ended, not lifted."""
        moment = moment or timezone.now()
        return self.filter(starts_at__lte=moment).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=moment)).filter(
            models.Q(lifted_at__isnull=True) | models.Q(lifted_at__gt=moment))


class Suspension(models.Model):
    """A suspension of a person's rights (暂停权限), 000§8, O3: refused everywhere while in force."""

    class Scope(models.TextChoices):
        COMPOSE = "compose", _("撰写提交")
        REVIEW = "review", _("审核")
        PUBLISH = "publish", _("发布")
        ALL = "all", _("全部")

    person = models.ForeignKey(Person, verbose_name=_("被暂停人员"), on_delete=models.PROTECT,
                               related_name="suspensions")
    scope = models.CharField(_("暂停范围"), max_length=10, choices=Scope.choices)
    reason = models.CharField(_("暂停理由"), max_length=300)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True, help_text=_("不填则直到提前恢复为止"))
    created_by = models.ForeignKey(Person, verbose_name=_("决定人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("提前恢复时间"), null=True, blank=True)
    lifted_by = models.ForeignKey(Person, verbose_name=_("恢复决定人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    lift_reason = models.CharField(_("恢复理由"), max_length=300, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        db_table = "org_suspension"  # made by org before accountability was an app of its own
        ordering = ["-starts_at", "-id"]
        verbose_name = _("权限暂停")
        verbose_name_plural = _("权限暂停")

    def __str__(self):
        return f"{self.person} · {self.get_scope_display()} · {self.starts_at:%Y-%m-%d}"

    def covers(self, scope: str) -> bool:
        return self.scope in (scope, self.Scope.ALL)

    def state(self, moment=None) -> str:
        """未开始 / 生效中 / 已提前恢复 / 已到期, as a key: upcoming, current, lifted, ended."""
        moment = moment or timezone.now()
        if self.lifted_at is not None and self.lifted_at <= moment:
            return "lifted"
        if self.ends_at is not None and self.ends_at <= moment:
            return "ended"
        return "upcoming" if self.starts_at > moment else "current"


class Criticism(models.Model):
    """A notice of criticism (通报批评) of a person or a department, with its corrective deadline (整改期限)."""

    person = models.ForeignKey(Person, verbose_name=_("被通报人员"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="criticisms")
    department = models.ForeignKey(Department, verbose_name=_("被通报部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="criticisms")
    issued_on = models.DateField(_("通报日期"))
    text = models.TextField(_("通报内容"))
    requirement = models.TextField(_("整改要求"), blank=True)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)
    done_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    done_note = models.CharField(_("整改情况"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(Person, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        db_table = "org_criticism"
        ordering = ["-issued_on", "-id"]
        verbose_name = _("通报批评")
        verbose_name_plural = _("通报批评")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, department__isnull=True)
                | models.Q(person__isnull=True, department__isnull=False),
                name="criticism_names_person_or_department"),
        ]

    def __str__(self):
        return f"{self.subject} · {self.issued_on:%Y-%m-%d}"

    @property
    def subject(self):
        return self.person or self.department

    def overdue(self, today=None) -> bool:
        """整改超期: a deadline passed without the correction being recorded as done."""
        today = today or timezone.localdate()
        return self.done_on is None and self.deadline is not None and self.deadline < today
