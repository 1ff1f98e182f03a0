"""Pages: login, password change, second factor, and the organisation's administration pages."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, UpdateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanshen.web.mixins import ActionRequiredMixin, AuditedFormMixin, action_required, say_form_kept

from . import services
from .forms import (
    CalendarDayForm,
    DepartmentForm,
    PersonForm,
    PledgeForm,
    TokenForm,
    WorkingPolicyForm,
)
from .models import (
    CalendarDay,
    Department,
    Person,
    Pledge,
    WorkingPolicy,
)
from .workdays import add_working_days

# ---- signing in -------------------------------------------------------------------------------

class LoginView(auth_views.LoginView):
    template_name = "org/login.html"
    redirect_authenticated_user = True


def locked_out(request, credentials=None, *args, **kwargs):
    """Shown by django-axes instead of the login form once an account is locked (账号锁定)."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "org/login.html", {
        "form": LoginView.form_class(request),
        "lockout": _("登录失败次数过多，账号已被锁定 %(minutes)s 分钟。请稍后再试，或联系系统管理员解锁。")
        % {"minutes": minutes},
    }, status=429)


@login_required
def password_change(request):
    """Change one's password; the only page open while a password has expired."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(request.user, form.cleaned_data["new_password1"], request=request)
        update_session_auth_hash(request, request.user)
        messages.success(request, _("密码已修改。"))
        return redirect("dashboard")
    return render(request, "org/password_change.html", {"form": form})


@login_required
def otp_setup(request):
    """Set up a TOTP authenticator (动态口令); required for administrators."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="default", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            services.record_otp_enabled(request.user, request=request)
            messages.success(request, _("动态口令已启用。"))
            return redirect("dashboard")
        form.add_error("token", _("验证码不正确，请核对手机上的时间后重试。"))
    secret = base64.b32encode(device.bin_key).decode()
    svg = BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(svg)
    return render(request, "org/otp_setup.html", {"form": form, "secret": secret, "qr_svg": svg.getvalue().decode()})


@login_required
def otp_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(request.GET.get("next") or "dashboard")
        form.add_error("token", _("验证码不正确。"))
    return render(request, "org/otp_verify.html", {"form": form})


# ---- departments ------------------------------------------------------------------------------

class DepartmentList(ActionRequiredMixin, ListView):
    action = "org.manage_departments"
    model = Department
    template_name = "org/department_list.html"


class DepartmentEdit(ActionRequiredMixin, AuditedFormMixin, UpdateView):
    action = "org.manage_departments"
    audit_action = "org.department_saved"
    model = Department
    form_class = DepartmentForm
    template_name = "org/form.html"
    success_url = reverse_lazy("org:departments")
    extra_context = {"title": gettext_lazy("部门")}


class DepartmentCreate(DepartmentEdit, CreateView):
    def get_object(self, queryset=None):
        return None


# ---- people and roles -------------------------------------------------------------------------

class PersonList(ActionRequiredMixin, ListView):
    action = "org.manage_people"
    template_name = "org/person_list.html"

    def get_queryset(self):
        return Person.objects.select_related("department").prefetch_related(
            "role_assignments__departments", "pledges")


class PersonEdit(ActionRequiredMixin, UpdateView):
    action = "org.manage_people"
    model = Person
    form_class = PersonForm
    template_name = "org/person_form.html"
    success_url = reverse_lazy("org:people")

    def form_valid(self, form):
        services.save_person(form, roles=form.roles(), acting_user=self.request.user, request=self.request,
                             initial_password=form.cleaned_data.get("initial_password"))
        messages.success(self.request, _("已保存“%(name)s”。") % {"name": form.instance})
        return redirect(self.success_url)

    def form_invalid(self, form):
        say_form_kept(self.request)
        return super().form_invalid(form)


class PersonCreate(PersonEdit, CreateView):
    def get_object(self, queryset=None):
        return None


@require_POST
@action_required("org.manage_people")
def person_set_active(request, pk):
    person = get_object_or_404(Person, pk=pk)
    try:
        services.set_active(person, request.POST.get("active") == "1", acting_user=request.user, request=request)
    except services.OrgError as error:
        messages.error(request, str(error))
    return redirect("org:people")


# ---- pledges ---------------------------------------------------------------------------------

class PledgeList(ActionRequiredMixin, CreateView):
    """The pledge register, with the form to record a new one on the same page."""

    action = "org.record_pledge"
    form_class = PledgeForm
    template_name = "org/pledge_list.html"
    success_url = reverse_lazy("org:pledges")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pledges=Pledge.objects.select_related("person", "recorded_by"),
            without_pledge=Person.objects.filter(is_active=True, pledges__isnull=True).order_by("username"),
            **kwargs)

    def form_valid(self, form):
        services.record_pledge(form.save(commit=False), acting_user=self.request.user, request=self.request)
        messages.success(self.request, _("保密承诺书已登记。"))
        return redirect(self.success_url)


# ---- working time -----------------------------------------------------------------------------

class WorkingPolicyEdit(ActionRequiredMixin, AuditedFormMixin, UpdateView):
    action = "org.manage_worktime"
    audit_action = "org.worktime_saved"
    form_class = WorkingPolicyForm
    template_name = "org/worktime.html"
    success_url = reverse_lazy("org:worktime")

    def get_object(self, queryset=None):
        return WorkingPolicy.current()

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            calendar_days=CalendarDay.objects.filter(date__gte=today.replace(month=1, day=1)),
            day_form=CalendarDayForm(),
            example=add_working_days(today, 7),
            **kwargs)


class CalendarDayCreate(ActionRequiredMixin, AuditedFormMixin, CreateView):
    action = "org.manage_worktime"
    audit_action = "org.calendar_day_saved"
    form_class = CalendarDayForm
    template_name = "org/form.html"
    success_url = reverse_lazy("org:worktime")
    extra_context = {"title": gettext_lazy("节假日调整")}

