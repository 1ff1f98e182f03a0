"""Channels and new-media accounts (栏目和账号): opening, naming, filing, closing, rarely-used. P1, P2.

001 newmedia§5: an account opened is filed (备案登记) within 10 working days; §6: its name relates
clearly to the body's duties and contains nothing forbidden; §7: closing needs the main leader's
approval and a notice, de-registration is reported within 10 working days, and accounts little used
are merged or closed. Every change is made here, audited in the same transaction; pages call these.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.models import Person, Role
from sanshen.org.permissions import reason_to_prevent
from sanshen.org.services import _changes
from sanshen.org.workdays import add_working_days
from sanshen.oversight.audit import record
from sanshen.publishing.queries import last_published
from sanshen.screening import RuleSet, Screener
from sanshen.web.notify import notify

from .models import Account, Channel, NamingKeyword

FILING_WORKING_DAYS = 10  # 001 newmedia§5 and §7
REFUSING_CATEGORIES = {"sensitive", "prohibited"}  # in a name even a warning is too much
SECRET_CHANGED = "(changed)"


class ChannelError(Exception):
    """A change refused: the message is shown to the person as is, beside `field` when it names one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


# ---- naming (账号命名, newmedia§6) --------------------------------------------------------------------------------

def duty_keywords() -> list[str]:
    return list(NamingKeyword.objects.values_list("word", flat=True))


def naming_refusal(name: str, kind: str) -> str | None:
    """Why `name` may not be used for a channel of `kind`, or None.

    Every channel name is screened: a blocking finding, or any sensitive or prohibited word, refuses it.
    A new-media account's name must also contain one of the duty keywords (命名关键词) the office keeps.
    """
    for finding in Screener(RuleSet.default()).screen(name):
        if finding.severity == "block" or finding.category in REFUSING_CATEGORIES:
            return _("名称含有不得使用的词语“%(word)s”：%(message)s") % {"word": finding.text, "message": finding.message}
    if kind in Channel.NEW_MEDIA:
        keywords = duty_keywords()
        if keywords and not any(word in name for word in keywords):
            return _("政务新媒体账号名称应与本单位工作职责明确关联，须包含下列关键词之一：%(words)s。") % {
                "words": "、".join(keywords)}
    return None


def save_keywords(words: list[str], *, acting_user: Person, request=None) -> list[str]:
    """Replace the duty keywords (命名关键词) with `words`."""
    words = sorted({w.strip() for w in words if w.strip()})
    with transaction.atomic():
        old = duty_keywords()
        NamingKeyword.objects.exclude(word__in=words).delete()
        for word in words:
            NamingKeyword.objects.get_or_create(word=word)
        record("publishing.naming_keywords_saved", actor=acting_user, request=request,
               details={"old": old, "new": words})
    return words


# ---- opening and editing (开设) ----------------------------------------------------------------------------------

def filing_deadline(day: date):
    return add_working_days(day, FILING_WORKING_DAYS)


def save_channel(form, account_form=None, *, acting_user: Person, request=None) -> Channel:
    """Save a validated channel form and, for a new-media account, its filing record (备案登记表).

    Opening an account starts its 10-working-day filing period from `opened_on`.
    """
    channel = form.instance
    creating = channel.pk is None
    if creating or "name" in form.changed_data:
        refusal = naming_refusal(form.cleaned_data["name"], channel.kind)
        if refusal:
            raise ChannelError(refusal, field="name")
    with transaction.atomic():
        account = None if creating else Account.objects.filter(channel_id=channel.pk).first()
        if account is not None and account.is_closed and form.cleaned_data.get("is_active"):
            raise ChannelError(_("账号已于 %(day)s 注销，不能重新启用。") % {"day": account.closed_on}, field="is_active")
        channel = form.save()
        details = {"created": creating, "changes": _changes(form)}
        if details["changes"].pop("webhook_secret", None) and form.initial.get("webhook_secret") != channel.webhook_secret:
            details["changes"]["webhook_secret"] = SECRET_CHANGED  # the audit log never holds the secret
        if account_form is not None:
            account = account_form.save(commit=False)
            account.channel = channel
            if account.pk is None or "opened_on" in account_form.changed_data:
                deadline = filing_deadline(account.opened_on)
                account.filing_due, account.filing_due_warning = deadline.due, deadline.warning
            account.save()
            details["account"] = {"changes": _changes(account_form), "filing_due": account.filing_due}
        record("publishing.channel_saved", actor=acting_user, obj=channel, request=request, details=details)
    return channel


# ---- filing (备案) ----------------------------------------------------------------------------------------------

def _locked(account: Account) -> Account:
    return Account.objects.select_for_update(of=("self",)).select_related("channel").get(pk=account.pk)


def _not_in_future(day: date, label: str) -> None:
    if day > timezone.localdate():
        raise ChannelError(_("%(label)s不能晚于今天。") % {"label": label})


def record_filing(account: Account, *, filed_on: date, reference: str, acting_user: Person, request=None) -> Account:
    """The office records that the account was filed with the cyberspace authority (备案)."""
    with transaction.atomic():
        account = _locked(account)
        _not_in_future(filed_on, _("备案日期"))
        if filed_on < account.opened_on:
            raise ChannelError(_("备案日期不能早于开设日期（%(day)s）。") % {"day": account.opened_on})
        old = {"filed_on": account.filed_on, "reference": account.filing_reference}
        account.filed_on, account.filing_reference = filed_on, reference
        account.save(update_fields=["filed_on", "filing_reference"])
        record("publishing.account_filed", actor=acting_user, obj=account.channel, request=request,
               details={"old": old, "filed_on": filed_on, "reference": reference, "due": account.filing_due,
                        "late": filed_on > account.filing_due})
    return account


# ---- closing (关停, newmedia§7) ---------------------------------------------------------------------------------

def request_closing(account: Account, *, reason: str, notice: str, acting_user: Person, request=None) -> Account:
    """The office asks the main leader to approve closing, with the notice to publish (关停公告)."""
    with transaction.atomic():
        account = _locked(account)
        if account.is_closed:
            raise ChannelError(_("账号已注销。"))
        account.closing_reason, account.closing_notice = reason, notice
        account.closing_requested_by, account.closing_requested_at = acting_user, timezone.now()
        account.closing_approved_by, account.closing_approved_at = None, None
        account.save(update_fields=["closing_reason", "closing_notice", "closing_requested_by",
                                    "closing_requested_at", "closing_approved_by", "closing_approved_at"])
        record("publishing.account_closing_requested", actor=acting_user, obj=account.channel, request=request,
               details={"reason": reason, "notice": notice})
        leaders = Person.holding(Role.MAIN_LEADER)
        notify(leaders, _("请审批关停政务新媒体账号“%(name)s”。") % {"name": account.channel.name},
               reverse("channels:approve_closing", args=[account.channel_id]))
    return account


def approve_closing(account: Account, *, acting_user: Person, request=None) -> Account:
    """The main leader approves closing (经单位主要领导批准)."""
    refusal = reason_to_prevent("publishing.approve_account_closing", acting_user)
    if refusal:
        raise ChannelError(refusal)
    with transaction.atomic():
        account = _locked(account)
        if account.closing_requested_at is None:
            raise ChannelError(_("办公室尚未提出关停申请。"))
        if account.closing_approved_at is not None:
            raise ChannelError(_("关停申请已经批准。"))
        account.closing_approved_by, account.closing_approved_at = acting_user, timezone.now()
        account.save(update_fields=["closing_approved_by", "closing_approved_at"])
        record("publishing.account_closing_approved", actor=acting_user, obj=account.channel, request=request,
               details={"notice": account.closing_notice})
        notify([account.closing_requested_by], _("关停账号“%(name)s”已获批准，请发布关停公告并注销账号。")
               % {"name": account.channel.name}, reverse("channels:account", args=[account.channel_id]))
    return account


def record_closed(account: Account, *, closed_on: date, acting_user: Person, request=None) -> Account:
    """The account was de-registered on its platform (注销): the channel stops, de-registration filing is due."""
    with transaction.atomic():
        account = _locked(account)
        if account.closing_approved_at is None:
            raise ChannelError(_("关停须先经单位主要领导批准。"))
        if account.is_closed:
            raise ChannelError(_("账号已注销。"))
        _not_in_future(closed_on, _("注销日期"))
        if closed_on < timezone.localtime(account.closing_approved_at).date():
            raise ChannelError(_("注销日期不能早于批准日期。"))
        deadline = filing_deadline(closed_on)
        account.closed_on = closed_on
        account.deregistration_due, account.deregistration_due_warning = deadline.due, deadline.warning
        account.save(update_fields=["closed_on", "deregistration_due", "deregistration_due_warning"])
        channel = account.channel
        channel.is_active = False
        channel.save(update_fields=["is_active"])
        record("publishing.account_closed", actor=acting_user, obj=channel, request=request,
               details={"closed_on": closed_on, "deregistration_due": deadline.due})
    return account


def record_deregistration(account: Account, *, filed_on: date, reference: str, acting_user: Person,
                          request=None) -> Account:
    """The office reports the de-registration to the cyberspace authority (注销备案)."""
    with transaction.atomic():
        account = _locked(account)
        if not account.is_closed:
            raise ChannelError(_("账号尚未注销，不能登记注销备案。"))
        _not_in_future(filed_on, _("注销备案日期"))
        if filed_on < account.closed_on:
            raise ChannelError(_("注销备案日期不能早于注销日期（%(day)s）。") % {"day": account.closed_on})
        account.deregistration_filed_on, account.deregistration_reference = filed_on, reference
        account.save(update_fields=["deregistration_filed_on", "deregistration_reference"])
        record("publishing.account_deregistration_filed", actor=acting_user, obj=account.channel, request=request,
               details={"filed_on": filed_on, "reference": reference, "due": account.deregistration_due,
                        "late": filed_on > account.deregistration_due})
    return account


# ---- what the office must look at (超期、建议整合或关停) ----------------------------------------------------------

def overdue_accounts():
    """Accounts whose filing or de-registration filing is past its due date, oldest first."""
    today = timezone.localdate()
    return (Account.objects.select_related("channel")
            .filter(Q(filed_on__isnull=True, filing_due__lt=today)
                    | Q(closed_on__isnull=False, deregistration_filed_on__isnull=True, deregistration_due__lt=today))
            .order_by("filing_due"))


def rarely_used(accounts) -> set[int]:
    """Channel ids of open accounts with no live publication within their update threshold (建议整合或关停).

    An account younger than its threshold is not judged yet.
    """
    today, now = timezone.localdate(), timezone.now()
    open_accounts = [a for a in accounts if not a.is_closed]
    last = last_published(a.channel_id for a in open_accounts)
    flagged = set()
    for account in open_accounts:
        window = timedelta(days=account.channel.update_threshold_days)
        if account.opened_on > today - window:
            continue
        if last.get(account.channel_id) is None or last[account.channel_id] < now - window:
            flagged.add(account.channel_id)
    return flagged


@dataclass(frozen=True)
class FilingState:
    """Where an account stands with its filings, in words and as a code the API returns."""

    code: str  # due | filed | overdue | closed | deregistration_due | deregistration_overdue | deregistered
    label: str
    due: date | None


def filing_state(account: Account) -> FilingState:
    if account.is_closed:
        if account.deregistration_filed_on:
            return FilingState("deregistered", _("已注销备案"), account.deregistration_due)
        if account.deregistration_overdue:
            return FilingState("deregistration_overdue", _("注销备案已超期"), account.deregistration_due)
        return FilingState("deregistration_due", _("待注销备案"), account.deregistration_due)
    if account.filed_on:
        return FilingState("filed", _("已备案"), account.filing_due)
    if account.filing_overdue:
        return FilingState("overdue", _("备案已超期"), account.filing_due)
    return FilingState("due", _("待备案"), account.filing_due)


def pending_closings():
    """Closing requests waiting for the main leader's approval."""
    return (Account.objects.select_related("channel", "closing_requested_by")
            .filter(closing_requested_at__isnull=False, closing_approved_at__isnull=True, closed_on__isnull=True))


def dashboard_panels(person) -> dict:
    """The office's overdue filings; the main leader's closing requests to approve."""
    panels = {}
    if reason_to_prevent("publishing.manage_channels", person) is None:
        panels["overdue_accounts"] = [{"account": a, "state": filing_state(a)} for a in overdue_accounts()]
    if reason_to_prevent("publishing.approve_account_closing", person) is None:
        panels["pending_closings"] = list(pending_closings())
    return panels
