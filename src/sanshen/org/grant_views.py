"""Pages of temporary grants (临时授权): grants recorded, requests asked for, approved in one click or declined."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.web.mixins import action_required, refuse, say_form_kept

from . import grant_requests
from .forms import DeclineForm, GrantRequestForm, TemporaryGrantForm
from .models import GrantRequest, TemporaryGrant
from .permissions import can, reason_to_prevent
from .services import OrgError, grant_temporary

LIST_LIMIT = 200


def _page(request, *, grant_form=None, declining: dict | None = None, status: int = 200):
    """临时授权: the grant form and pending requests for those who may grant; one's own requests and grants."""
    user, declining = request.user, declining or {}
    may_grant = can(user, "org.grant_temporary")
    pending = [{"request": r, "form": declining.get(r.pk) or DeclineForm(prefix=f"r{r.pk}")}
               for r in grant_requests.pending_for(user)] if can(user, "org.decide_grant_request") else []
    grants = TemporaryGrant.objects.select_related("person", "granted_by")
    return render(request, "org/grant_list.html", {
        "form": (grant_form or TemporaryGrantForm()) if may_grant else None,
        "pending": pending,
        "may_request": can(user, "org.request_grant"),
        "requests": grant_requests.visible_requests(user).exclude(
            pk__in=[row["request"].pk for row in pending])[:LIST_LIMIT],
        "grants": (grants if may_grant else grants.filter(person=user))[:LIST_LIMIT],
        "now": timezone.now(),
    }, status=status)


@action_required("org.view_grants")
def grants(request):
    """The grants page; a POST records a grant by hand (those who may grant only)."""
    if request.method != "POST":
        return _page(request)
    reason = reason_to_prevent("org.grant_temporary", request.user)
    if reason:
        return refuse(request, reason)
    form = TemporaryGrantForm(request.POST)
    if form.is_valid():
        try:
            grant_temporary(form.save(commit=False), acting_user=request.user, request=request)
        except OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("临时授权已登记。"))
            return redirect("org:grants")
    say_form_kept(request)
    return _page(request, grant_form=form)


@action_required("org.request_grant")
def request_create(request):
    """申请临时授权: for when and why; those who may grant are told. `?at=` (a refused 定时发布 time) prefills the
    period around it."""
    form = GrantRequestForm(request.POST or None, around=_time_asked(request))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                grant_requests.request_grant(request.user, starts_at=data["starts_at"], ends_at=data["ends_at"],
                                             reason=data["reason"], request=request)
            except OrgError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("临时授权申请已提交，批准后即可在申请的时段内操作。"))
                return redirect("org:grants")
        say_form_kept(request)
    return render(request, "org/grant_request_form.html", {"form": form})


def _time_asked(request):
    """The `?at=` moment of a link from a refused schedule; None when absent or not a date and time."""
    try:
        return parse_datetime(request.GET.get("at", ""))
    except ValueError:
        return None


@require_POST
@action_required("org.decide_grant_request")
def request_approve(request, pk):
    """批准 in one click: the temporary grant is recorded for the period asked."""
    grant_request = get_object_or_404(GrantRequest, pk=pk)
    try:
        grant_requests.approve(grant_request, request.user, request=request)
    except OrgError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已批准%(name)s的临时授权申请。") % {"name": grant_request.requested_by.display_name})
    return redirect("org:grants")


@require_POST
@action_required("org.decide_grant_request")
def request_decline(request, pk):
    """不批准, with the reason the requester is told; an empty reason keeps the page and says so."""
    grant_request = get_object_or_404(GrantRequest, pk=pk)
    form = DeclineForm(request.POST, prefix=f"r{pk}")
    if form.is_valid():
        try:
            grant_requests.decline(grant_request, request.user, reason=form.cleaned_data["reason"], request=request)
        except OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s的临时授权申请未予批准，已告知理由。") % {
                "name": grant_request.requested_by.display_name})
            return redirect("org:grants")
    say_form_kept(request)
    return _page(request, declining={grant_request.pk: form}, status=400)
