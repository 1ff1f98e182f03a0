"""Channel administration pages (栏目和账号管理): the tree, the forms, an account's filing and closing. P1, P2."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshen.web.mixins import action_required, say_form_kept

from . import services as accounts
from .forms import (
    AccountForm,
    ChannelForm,
    ClosedForm,
    ClosingRequestForm,
    DeregistrationForm,
    FilingForm,
    KeywordsForm,
)
from .models import Account, Channel

MANAGE = "publishing.manage_channels"
APPROVE = "publishing.approve_account_closing"


def _tree(columns: list[Channel]) -> list[dict]:
    """Website columns in tree order, each with its depth (栏目树)."""
    children: dict[int | None, list[Channel]] = {}
    for column in columns:
        children.setdefault(column.parent_id, []).append(column)
    rows = []

    def walk(parent_id, depth):
        for column in children.get(parent_id, []):
            rows.append({"channel": column, "depth": depth, "indent": depth * 2})
            walk(column.pk, depth + 1)

    walk(None, 0)
    return rows


@action_required(MANAGE)
def channel_list(request):
    """Website columns as a tree, new-media accounts with their filing state, higher-portal submission."""
    channels = list(Channel.objects.select_related("department", "responsible", "publisher", "workflow",
                                                   "account").order_by("name"))
    media = [c for c in channels if c.is_new_media]
    media_accounts = [c.account for c in media if hasattr(c, "account")]
    flagged = accounts.rarely_used(media_accounts)
    return render(request, "channels/list.html", {
        "columns": _tree([c for c in channels if c.is_website]),
        "media": [{"channel": c, "account": getattr(c, "account", None),
                   "state": accounts.filing_state(c.account) if hasattr(c, "account") else None,
                   "rarely_used": c.pk in flagged} for c in media],
        "portals": [c for c in channels if c.kind == Channel.Kind.HIGHER_PORTAL],
        "keywords": accounts.duty_keywords(),
    })


def _channel_page(request, channel: Channel):
    creating = channel.pk is None
    account = None if creating else Account.objects.filter(channel=channel).first()
    data = request.POST or None
    form = ChannelForm(data, instance=channel)
    account_form = AccountForm(data, instance=account or Account(), prefix="account")
    if request.method == "POST":
        new_media = form.is_valid() and form.instance.is_new_media
        if form.is_valid() and (not new_media or account_form.is_valid()):
            try:
                saved = accounts.save_channel(form, account_form if new_media else None,
                                              acting_user=request.user, request=request)
            except accounts.ChannelError as error:
                form.add_error(error.field, str(error))
            else:
                messages.success(request, _("渠道“%(name)s”已保存。") % {"name": saved.name})
                if new_media and account is None:
                    due = {"due": saved.account.filing_due.isoformat()}
                    if saved.account.filing_overdue:
                        messages.warning(request, _("备案期限（%(due)s）已过，请尽快向网信部门备案。") % due)
                    else:
                        messages.info(request, _("请在 %(due)s 前向网信部门备案（开设后10个工作日内）。") % due)
                if new_media:
                    return redirect("channels:account", saved.pk)
                return redirect("channels:list")
        say_form_kept(request)
    return render(request, "channels/form.html", {
        "channel": channel, "creating": creating, "form": form, "account_form": account_form,
        "show_account": creating or channel.is_new_media, "account": account,
        "new_media_kinds": [str(kind) for kind in Channel.NEW_MEDIA],
    })


@action_required(MANAGE)
def channel_create(request):
    return _channel_page(request, Channel())


@action_required(MANAGE)
def channel_edit(request, pk):
    return _channel_page(request, get_object_or_404(Channel, pk=pk))


STEPS = {
    "filing": (FilingForm, accounts.record_filing, gettext_lazy("备案已登记。")),
    "closing": (ClosingRequestForm, accounts.request_closing, gettext_lazy("关停申请已报单位主要领导审批。")),
    "closed": (ClosedForm, accounts.record_closed,
               gettext_lazy("账号已注销，渠道已停用；请在10个工作日内报网信部门备案。")),
    "deregistration": (DeregistrationForm, accounts.record_deregistration, gettext_lazy("注销备案已登记。")),
}


@action_required(MANAGE)
def account_page(request, pk):
    """One account's filing record, state and next step (备案、关停、注销、注销备案)."""
    account = get_object_or_404(Account.objects.select_related("channel", "operator"), channel_id=pk)
    forms = {step: form_class(prefix=step) for step, (form_class, _service, _done) in STEPS.items()}
    step = request.POST.get("step")
    if request.method == "POST" and step in STEPS:
        form_class, service, done = STEPS[step]
        form = forms[step] = form_class(request.POST, prefix=step)
        if not form.is_valid():
            say_form_kept(request)
        else:
            try:
                service(account, **form.cleaned_data, acting_user=request.user, request=request)
            except accounts.ChannelError as error:
                messages.error(request, str(error))  # the step's form may not be the one on show now
            else:
                messages.success(request, done)
                return redirect("channels:account", pk)
    return render(request, "channels/account.html", {
        "account": account, "channel": account.channel, "state": accounts.filing_state(account),
        "rarely_used": account.channel_id in accounts.rarely_used([account]), "forms": forms,
    })


@action_required(APPROVE)
def approve_closing(request, pk):
    """The main leader reads the closing request and its notice, and approves it (主要领导批准关停)."""
    account = get_object_or_404(Account.objects.select_related("channel", "closing_requested_by"), channel_id=pk)
    if request.method == "POST":
        try:
            accounts.approve_closing(account, acting_user=request.user, request=request)
        except accounts.ChannelError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已批准关停账号“%(name)s”。") % {"name": account.channel.name})
        return redirect("channels:approve_closing", pk)
    return render(request, "channels/approve_closing.html", {
        "account": account, "channel": account.channel, "state": accounts.filing_state(account)})


@action_required(MANAGE)
def registration_sheet(request, pk):
    """《政务新媒体备案登记表》 as a page to print."""
    account = get_object_or_404(Account.objects.select_related("channel__department", "channel__responsible",
                                                               "operator"), channel_id=pk)
    return render(request, "channels/registration_sheet.html", {
        "account": account, "channel": account.channel, "state": accounts.filing_state(account)})


@action_required(MANAGE)
def naming_keywords(request):
    """The duty keywords an account name must contain (命名关键词)."""
    form = KeywordsForm(request.POST or None, initial={"words": "\n".join(accounts.duty_keywords())})
    if request.method == "POST":
        if form.is_valid():
            accounts.save_keywords(form.cleaned_data["words"], acting_user=request.user, request=request)
            messages.success(request, _("命名关键词已保存。"))
            return redirect("channels:list")
        say_form_kept(request)
    return render(request, "channels/keywords.html", {"form": form})

