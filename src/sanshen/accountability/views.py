"""Pages of accountability (问责): suspensions of rights and notices of criticism, for the main leader and admins."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.services import OrgError
from sanshen.web.mixins import action_required, say_form_kept

from . import services as accountability
from .forms import CorrectionForm, CriticismForm, LiftForm, SuspensionForm
from .models import Criticism, Suspension

ACTION = "org.manage_accountability"
PAST_SHOWN = 100


@action_required(ACTION)
def overview(request):
    """问责: suspensions in force or to come, past ones, and notices of criticism with overdue corrections first."""
    now, today = timezone.now(), timezone.localdate()
    suspensions = list(Suspension.objects.select_related("person", "created_by", "lifted_by")[:PAST_SHOWN * 2])
    for suspension in suspensions:
        suspension.state_now = suspension.state(now)
    criticisms = list(Criticism.objects.select_related("person", "department", "recorded_by"))
    for criticism in criticisms:
        criticism.is_overdue = criticism.overdue(today)
    return render(request, "accountability/overview.html", {
        "open_suspensions": [s for s in suspensions if s.state_now in ("current", "upcoming")],
        "past_suspensions": [s for s in suspensions if s.state_now in ("ended", "lifted")][:PAST_SHOWN],
        "criticisms": sorted(criticisms, key=lambda c: not c.is_overdue),
        "overdue_count": sum(c.is_overdue for c in criticisms),
    })


def _form_page(request, form, act, *, title: str, submit: str, about=None):
    """Show `form`; on a valid POST run `act(cleaned_data)` (a service call returning the success message).

    A form error or a service refusal shows the form again with what was typed and what is wrong.
    """
    if request.method == "POST":
        if form.is_valid():
            try:
                messages.success(request, act(form.cleaned_data))
                return redirect("accountability:overview")
            except OrgError as error:
                form.add_error(None, str(error))
        say_form_kept(request)
    return render(request, "accountability/form.html",
                  {"form": form, "title": title, "submit": submit, "about": about})


@action_required(ACTION)
def suspension_create(request):
    def act(data):
        suspension = accountability.suspend(
            data["person"], scope=data["scope"], reason=data["reason"], starts_at=data["starts_at"],
            ends_at=data["ends_at"], acting_user=request.user, request=request)
        return _("已暂停%(name)s的%(scope)s权限。") % {
            "name": suspension.person.display_name, "scope": suspension.get_scope_display()}

    return _form_page(request, SuspensionForm(request.POST or None), act, title=_("暂停权限"), submit=_("暂停权限"))


@action_required(ACTION)
def suspension_lift(request, pk):
    suspension = get_object_or_404(Suspension.objects.select_related("person"), pk=pk)

    def act(data):
        accountability.lift(suspension, reason=data["reason"], acting_user=request.user, request=request)
        return _("已恢复%(name)s的%(scope)s权限。") % {
            "name": suspension.person.display_name, "scope": suspension.get_scope_display()}

    return _form_page(request, LiftForm(request.POST or None), act, title=_("提前恢复权限"), submit=_("恢复权限"),
                      about=suspension)


@action_required(ACTION)
def criticism_create(request):
    form = CriticismForm(request.POST or None)

    def act(data):
        accountability.record_criticism(form.save(commit=False), acting_user=request.user, request=request)
        return _("通报批评已登记。")

    return _form_page(request, form, act, title=_("登记通报批评"), submit=_("登记"))


@action_required(ACTION)
def criticism_correct(request, pk):
    criticism = get_object_or_404(Criticism.objects.select_related("person", "department"), pk=pk)

    def act(data):
        accountability.record_correction(criticism, done_on=data["done_on"], note=data["note"],
                                         acting_user=request.user, request=request)
        return _("整改完成情况已登记。")

    return _form_page(request, CorrectionForm(request.POST or None), act, title=_("登记整改完成"), submit=_("登记"),
                      about=criticism)
