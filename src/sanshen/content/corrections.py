"""Proofreading use cases (校对): apply chosen fixes as one revision, dismiss a warning with a reason (忽略)."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshen.org.models import Person
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record

from .findings import FIXABLE_PARTS, finding_key, latest_report, with_ordinals
from .fixes import Fix, chosen_fixes, fixed_text
from .forms import item_input
from .models import FindingDismissal, Item
from .services import ContentError, edit_item, refuse_if


def current_findings(item: Item) -> dict[str, dict]:
    """The findings of the current revision's latest screening, by key."""
    report = latest_report(item)
    return {finding_key(f): f for f in (report.findings if report else [])}


def apply_fixes(item: Item, person: Person, choices: list[tuple[str, str]], *, request=None) -> tuple[Item, list[Fix]]:
    """采用建议 / 脱敏 for every chosen (finding key, kind) at once: one new revision, one audit entry more."""
    refuse_if(reason_to_prevent("content.edit_item", person, item))
    fixes = [f for f in chosen_fixes(current_findings(item), choices) if f.finding["part"] in FIXABLE_PARTS]
    if not fixes:
        raise ContentError(_("没有可采用的修改：稿件可能已修改，请查看最新的筛查结果。"))
    if len(fixes) < len(dict.fromkeys(choices)):
        raise ContentError(_("有 %(n)s 项修改不适用（已修改、互相重叠或该项没有这种修改），请查看最新的筛查结果。")
                           % {"n": len(dict.fromkeys(choices)) - len(fixes)})
    texts = {part: fixed_text(getattr(item, part), part, fixes) for part in FIXABLE_PARTS}
    if None in texts.values():
        raise ContentError(_("有的修改处文字已变化，建议不再适用，请查看最新的筛查结果。"))
    with transaction.atomic():
        saved = edit_item(item, person, item_input(item, **texts), request=request)
        record("content.fixes_applied", actor=person, obj=saved, request=request,
               details={"revision": saved.current_revision.number,
                        "fixes": [{"old": f.old, "new": f.new} for f in fixes]})
    return saved, fixes


def dismiss_finding(item: Item, person: Person, key: str, reason: str,
                    scope: str = FindingDismissal.Scope.ONE, *, request=None) -> FindingDismissal:
    """忽略 (one place) or 忽略同类 (the same rule on the same words anywhere in the item), with a written reason."""
    refuse_if(reason_to_prevent("content.dismiss_finding", person, item))
    if not reason.strip():
        raise ContentError(_("请写明忽略的理由，审核人会看到。"))
    if scope not in FindingDismissal.Scope.values:
        raise ContentError(_("忽略范围只能是此处或同类。"))
    report = latest_report(item)
    found = next(((f, n) for f, n in with_ordinals(report.findings if report else []) if finding_key(f) == key), None)
    if found is None:
        raise ContentError(_("没有找到这项筛查结果，可能稿件已修改。"))
    finding, ordinal = found
    if finding["severity"] == "block":
        raise ContentError(_("须修改项不能忽略：请修改，或由审核人写明理由确认保留。"))
    if any(d.matches(finding, ordinal) for d in item.dismissals.all()):
        raise ContentError(_("这项筛查结果已经忽略。"))
    with transaction.atomic():
        dismissal = FindingDismissal.objects.create(
            item=item, scope=scope, part=finding["part"], rule=finding["rule"], text=finding["text"][:200],
            ordinal=ordinal, reason=reason.strip(), by=person)
        record("content.finding_dismissed", actor=person, obj=item, request=request,
               details={"text": finding["text"], "message": finding["message"], "scope": dismissal.get_scope_display(),
                        "reason": dismissal.reason})
    return dismissal
