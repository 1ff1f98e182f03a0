"""The findings panel (筛查结果): each finding of a report with where it is, what was decided about it and what
can be done with it — the item page and the decision form both show these rows."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sanshen.lexicons.models import CATEGORY_LABELS

from .fixes import fix_kinds
from .highlight import finding_title, in_context
from .models import FindingDismissal, FindingOverride, Item, ScreeningReport

FIXABLE_PARTS = ("title", "body")


def finding_key(finding: dict) -> str:
    """A finding's name within one report: part, rule and span."""
    return f"{finding['part']}:{finding['rule']}:{finding['start']}:{finding['end']}"


def latest_report(item: Item) -> ScreeningReport | None:
    """The latest screening of the item's current revision, or None before its first."""
    revision = item.current_revision
    return revision.screenings.first() if revision is not None else None


def report_texts(report: ScreeningReport) -> tuple[dict[str, str], dict[str, str]]:
    """Every part of the screened revision by its name, and the display name of each attachment part."""
    revision = report.revision
    attachments = list(revision.attachments.all())
    texts = {"title": revision.title, "body": revision.body} | {f"attachment:{a.pk}": a.text for a in attachments}
    return texts, {f"attachment:{a.pk}": a.filename for a in attachments}


def with_ordinals(findings: list[dict]) -> list[tuple[dict, int]]:
    """Each finding with how many findings of the same rule on the same text came before it in its part."""
    seen: Counter = Counter()
    out = []
    for finding in findings:
        name = (finding["part"], finding["rule"], finding["text"])
        out.append((finding, seen[name]))
        seen[name] += 1
    return out


@dataclass
class FindingRow:
    """One finding as the panel shows it."""

    finding: dict
    index: int
    key: str
    where: str
    context: object
    override: FindingOverride | None = None
    dismissal: FindingDismissal | None = None
    fixes: list[str] = field(default_factory=list)
    chosen: object = None  # the Fix chosen for it, not yet saved
    typed: str = ""  # a reason typed but refused, shown again

    def __getattr__(self, name):  # the finding's own fields: text, rule, severity, message, suggestion…
        try:
            return self.__dict__["finding"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def anchor(self) -> str:
        return f"f-{self.index}"

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.finding["category"], self.finding["category"])

    @property
    def title_text(self) -> str:
        return finding_title(self.finding)

    @property
    def open_block(self) -> bool:
        return self.finding["severity"] == "block" and self.override is None

    @property
    def dismissable(self) -> bool:
        return self.finding["severity"] != "block" and self.dismissal is None

    @property
    def settled(self) -> bool:
        """Overridden by a reviewer or dismissed by the editor: shown, but out of the way."""
        return self.override is not None or self.dismissal is not None


def overrides_of(item: Item, report: ScreeningReport) -> dict[str, FindingOverride]:
    """The reviewers' 确认保留 of blocking findings in the screened version, by finding key."""
    return {o.finding_key: o for o in FindingOverride.objects.filter(
        item=item, content_hash=report.revision.content_hash).select_related("by")}


def finding_rows(item: Item, report: ScreeningReport | None, may_edit: bool = False) -> list[FindingRow]:
    """Every finding of `report` in text order, with its override, dismissal and the fixes `may_edit` allows."""
    if report is None:
        return []
    texts, names = report_texts(report)
    overrides = overrides_of(item, report)
    dismissals = list(item.dismissals.select_related("by"))
    rows = []
    for index, (finding, ordinal) in enumerate(with_ordinals(report.findings)):
        part, key = finding["part"], finding_key(finding)
        rows.append(FindingRow(
            finding=finding, index=index, key=key,
            where=_("标题") if part == "title" else _("正文") if part == "body" else names.get(part, part),
            context=in_context(texts.get(part, ""), finding["start"], finding["end"]),
            override=overrides.get(key) if finding["severity"] == "block" else None,
            dismissal=next((d for d in dismissals if d.matches(finding, ordinal)), None),
            fixes=fix_kinds(finding) if may_edit and part in FIXABLE_PARTS else []))
    return rows
