"""People, departments and roles (机构、人员、角色)."""

from datetime import time, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A department (科室/处室) of the body, or an external member unit (会员单位)."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("内设机构")
        MEMBER_UNIT = "member_unit", _("会员单位")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.INTERNAL)
    parent = models.ForeignKey("self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    """The roles of the 三审三校 process."""

    EDITOR = "editor", _("采编员")
    SECTION_HEAD = "section_head", _("科室负责人")
    LEADER = "leader", _("分管领导")
    MAIN_LEADER = "main_leader", _("主要领导")
    OFFICER = "officer", _("信息专管员")
    SPOKESPERSON = "spokesperson", _("新闻发言人")
    SECRECY = "secrecy", _("保密审查员")
    ADMIN = "admin", _("系统管理员")
    MEMBER = "member", _("会员单位")


class Person(AbstractUser):
    """A user account: a member of staff or a member unit's submitter (人员)."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("所在部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    @classmethod
    def holding(cls, *roles: str, department=None) -> models.QuerySet:
        """Active people holding any of `roles` (持有角色的人员); with `department`, only where that role covers it."""
        found = {"role_assignments__role__in": roles}
        if department is not None:
            found["role_assignments__departments"] = department
        return cls.objects.filter(is_active=True, **found).distinct()

    @property
    def display_name(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()
        self.must_change_password = False
        self._password_history_pending = self.password

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        pending = getattr(self, "_password_history_pending", None)
        if pending:
            PasswordHistory.objects.create(person=self, password_hash=pending)
            self._password_history_pending = None

    def password_expired(self, now=None) -> bool:
        if self.must_change_password:
            return True
        if self.password_changed_at is None:
            return False
        max_age = timedelta(days=settings.SANSHEN_PASSWORD_MAX_AGE_DAYS)
        return (now or timezone.now()) - self.password_changed_at > max_age

    def roles(self) -> set[str]:
        if not hasattr(self, "_role_cache"):
            self._role_cache = set(self.role_assignments.values_list("role", flat=True))
        return self._role_cache

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles() & set(roles))

    def departments_for(self, role: str) -> set[int]:
        """Department ids in which this person holds `role` (read once per instance, like `roles`)."""
        if not hasattr(self, "_role_departments_cache"):
            self._role_departments_cache = {}
            for held, department in RoleAssignment.departments.through.objects.filter(
                    roleassignment__person=self).values_list("roleassignment__role", "department_id"):
                self._role_departments_cache.setdefault(held, set()).add(department)
        return self._role_departments_cache.get(role, set())

    def forget_roles(self) -> None:
        """Drop the roles read so far, after they changed."""
        for cache in ("_role_cache", "_role_departments_cache"):
            self.__dict__.pop(cache, None)

    def has_current_pledge(self) -> bool:
        return self.pledges.exists()


class RoleAssignment(models.Model):
    """One role held by a person, scoped to departments (角色授权)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    departments = models.ManyToManyField(Department, verbose_name=_("适用部门"), blank=True)

    class Meta:
        unique_together = [("person", "role")]
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")

    def __str__(self):
        return f"{self.person} · {self.get_role_display()}"


class PasswordHistory(models.Model):
    """Hashes of a person's earlier passwords, so the last few are not reused."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="password_history")
    password_hash = models.CharField(max_length=256)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Pledge(models.Model):
    """A confidentiality pledge (保密承诺书) signed by a person. 000§4."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="pledges")
    signed_on = models.DateField(_("签署日期"))
    document = models.FileField(_("承诺书文件"), upload_to="pledges/%Y/", blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        Person, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="pledges_recorded"
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("保密承诺书")
        verbose_name_plural = _("保密承诺书")

    def __str__(self):
        return f"{self.person} {self.signed_on}"


class WorkingPolicy(models.Model):
    """When and from where publishing may happen (工作时间与办公网络), P3. A single row."""

    workday_start = models.TimeField(_("上班时间"), default=time(8, 30))
    workday_end = models.TimeField(_("下班时间"), default=time(17, 30))
    office_networks = models.TextField(
        _("办公网络地址段"),
        default="127.0.0.0/8\n::1/128\n10.0.0.0/8\n172.16.0.0/12\n192.168.0.0/16",
        help_text=_("每行一个 IP 地址段（CIDR），如 10.1.0.0/16"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("工作时间策略")
        verbose_name_plural = _("工作时间策略")

    def __str__(self):
        return f"{self.workday_start:%H:%M}–{self.workday_end:%H:%M}"

    @classmethod
    def current(cls) -> "WorkingPolicy":
        policy = cls.objects.order_by("pk").first()
        return policy or cls.objects.create()


class CalendarDay(models.Model):
    """An administrator's entry in the holiday table (节假日调整): a holiday or a make-up workday.

    It extends and overrides the chinese-calendar package, which knows years up to 2026 only.
    """

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是工作日"))
    name = models.CharField(_("说明"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self):
        return f"{self.date} {self.name}"


class TemporaryGrant(models.Model):
    """A temporary permission to operate outside working hours or the office network (临时授权)."""

    person = models.ForeignKey(Person, verbose_name=_("授权对象"), on_delete=models.CASCADE, related_name="grants")
    granted_by = models.ForeignKey(
        Person, verbose_name=_("授权人"), on_delete=models.PROTECT, related_name="grants_given"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    reason = models.CharField(_("事由"), max_length=200)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("临时授权")
        verbose_name_plural = _("临时授权")

    def __str__(self):
        return f"{self.person} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"

    def covers(self, moment) -> bool:
        return self.starts_at <= moment < self.ends_at


class GrantRequest(models.Model):
    """An officer's request for a temporary grant (临时授权申请), approved or declined by someone who may grant."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        DECLINED = "declined", _("未批准")

    requested_by = models.ForeignKey(Person, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                     related_name="grant_requests")
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    reason = models.CharField(_("事由"), max_length=200)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(Person, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decline_reason = models.CharField(_("不批准理由"), max_length=300, blank=True)
    grant = models.OneToOneField(TemporaryGrant, verbose_name=_("临时授权"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="request")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("临时授权申请")
        verbose_name_plural = _("临时授权申请")

    def __str__(self):
        return f"{self.requested_by} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A bearer token for the API (接口令牌); only its hash is stored."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
