"""Allow-list proposals (白名单建议): an editor who sees a false positive on an item proposes the phrase
with a reason; an administrator accepts it in one step — the phrase is added as any allow-list
phrase is (a new rule-set version, announced, followed by re-screening) — or declines it with a
reason. The proposer hears back either way, and every step is audited.

Who may propose or decide is the permission module's answer (`lexicons.propose_allow`,
`lexicons.decide_allow`); callers ask it first.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.models import Person, Role
from sanshen.oversight.audit import record
from sanshen.web.notify import notify

from .models import AllowPhrase, AllowProposal
from .services import LexiconError, add_allow, set_enabled

FINDING_FIELDS = ("text", "rule", "category", "key")


def _refuse_duplicate(phrase: str) -> None:
    pending = AllowProposal.objects.filter(phrase=phrase, status=AllowProposal.Status.PENDING).select_related(
        "proposed_by").first()
    if pending is not None:
        raise LexiconError(_("“%(phrase)s”已有待处理的白名单建议（%(person)s提出），请等待管理员处理。") % {
            "phrase": phrase, "person": pending.proposed_by.display_name})
    if AllowPhrase.objects.filter(phrase=phrase, enabled=True).exists():
        raise LexiconError(_("白名单中已有“%(phrase)s”，无需再建议。") % {"phrase": phrase})


def propose_allow(person: Person, item, phrase: str, reason: str, finding: dict | None = None, *,
                  request=None) -> AllowProposal:
    """Propose `phrase`, seen in a finding on `item`, for the allow-list (建议加入白名单)."""
    phrase, reason = phrase.strip(), reason.strip()
    if not phrase:
        raise LexiconError(_("请填写建议加入白名单的短语。"))
    if not reason:
        raise LexiconError(_("请写明理由（为什么这是误报）。"))
    finding = {k: str((finding or {}).get(k, ""))[:200] for k in FINDING_FIELDS}
    try:
        with transaction.atomic():
            _refuse_duplicate(phrase)
            proposal = AllowProposal.objects.create(phrase=phrase, reason=reason, item=item, finding=finding,
                                                    proposed_by=person)
            record("lexicons.allow_proposed", actor=person, obj=proposal, request=request, details={
                "phrase": phrase, "reason": reason, "title": item.title, "category": finding["category"],
                "text": finding["text"]})
            notify([p for p in Person.holding(Role.ADMIN) if p.pk != person.pk],
                   _("白名单建议：%(person)s建议将“%(phrase)s”加入白名单，请处理。") % {
                       "person": person.display_name, "phrase": phrase}, reverse("lexicons:allow_proposals"))
    except IntegrityError:  # another proposal of the phrase was saved at the same moment
        _refuse_duplicate(phrase)
        raise
    return proposal


def _decided(proposal: AllowProposal, person: Person, status: str) -> AllowProposal:
    """The proposal, locked, after checking it is still pending; marked `status` by `person`."""
    proposal = AllowProposal.objects.select_for_update().select_related("item", "proposed_by").get(pk=proposal.pk)
    if not proposal.is_pending:
        raise LexiconError(_("该建议已处理（%(status)s）。") % {"status": proposal.get_status_display()})
    proposal.status, proposal.decided_by, proposal.decided_at = status, person, timezone.now()
    return proposal


def accept_proposal(proposal: AllowProposal, person: Person, *, request=None) -> AllowProposal:
    """采纳: add the phrase to the allow-list (or enable it again) as a manual entry would be."""
    with transaction.atomic():
        proposal = _decided(proposal, person, AllowProposal.Status.ACCEPTED)
        existing = AllowPhrase.objects.filter(phrase=proposal.phrase).first()
        if existing is None:
            note = _("%(person)s建议：%(reason)s") % {"person": proposal.proposed_by.display_name,
                                                   "reason": proposal.reason}
            proposal.allow = add_allow(person, proposal.phrase, note[:200], request=request)
        else:
            set_enabled(existing, person, True, request=request)
            proposal.allow = existing
        proposal.save()
        record("lexicons.allow_accepted", actor=person, obj=proposal, request=request,
               details={"phrase": proposal.phrase, "reason": proposal.reason})
        notify([proposal.proposed_by], _("白名单建议已采纳：“%(phrase)s”已加入白名单，筛查不再就该短语提示。") % {
            "phrase": proposal.phrase}, reverse("content:item", args=[proposal.item_id]))
    return proposal


def decline_proposal(proposal: AllowProposal, person: Person, reason: str, *, request=None) -> AllowProposal:
    """不采纳, with the reason the proposer is told."""
    reason = reason.strip()
    if not reason:
        raise LexiconError(_("请写明不采纳的理由。"))
    with transaction.atomic():
        proposal = _decided(proposal, person, AllowProposal.Status.DECLINED)
        proposal.decline_reason = reason
        proposal.save()
        record("lexicons.allow_declined", actor=person, obj=proposal, request=request,
               details={"phrase": proposal.phrase, "reason": reason})
        notify([proposal.proposed_by], _("白名单建议未采纳：“%(phrase)s”，理由：%(reason)s") % {
            "phrase": proposal.phrase, "reason": reason}, reverse("content:item", args=[proposal.item_id]))
    return proposal
