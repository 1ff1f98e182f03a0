"""The proofreading panel (校对面板): the text with its findings marked, beside the list of findings.

The editor chooses fixes one by one; each choice only redraws the panel (htmx) with the change shown in place,
and 保存修改 applies them all as one revision. The chosen fixes travel in the panel's form, never in the session.
"""

from dataclasses import dataclass

from sanshen.org.permissions import reason_to_prevent

from .findings import FindingRow, finding_rows
from .fixes import SUGGEST, Fix, chosen_fixes
from .highlight import marked
from .models import Item, ScreeningReport


TAKE_ALL = "all"  # 全部采用: every replacement suggestion


def parse_choices(values: list[str]) -> list[tuple[str, str]]:
    """Form values "kind|finding key" as (key, kind) pairs; malformed ones are dropped."""
    pairs = (value.partition("|") for value in values)
    return [(key, kind) for kind, bar, key in pairs if bar and key]


def requested_choices(post) -> list[tuple[str, str]]:
    """The fixes chosen so far (fix), with the one just added (add; "all" for 全部采用) or withdrawn (drop)."""
    choices = parse_choices(post.getlist("fix")) + parse_choices([post.get("add", "")])
    if post.get("add") == TAKE_ALL:
        choices.append((TAKE_ALL, TAKE_ALL))
    dropped = parse_choices([post.get("drop", "")])
    return [c for c in choices if c not in dropped]


@dataclass
class Panel:
    rows: list[FindingRow]
    fixes: list[Fix]
    title_html: str
    body_html: str
    may_dismiss: bool
    may_override: bool
    may_propose_allow: bool

    @property
    def open_rows(self) -> list[FindingRow]:
        return [r for r in self.rows if not r.settled]

    @property
    def settled_rows(self) -> list[FindingRow]:
        return [r for r in self.rows if r.settled]

    @property
    def fixable_rows(self) -> list[FindingRow]:
        return [r for r in self.open_rows if r.fixes]

    @property
    def untaken_suggestions(self) -> list[FindingRow]:
        """What 全部采用 would still take: replacement suggestions not chosen yet (masking is asked for one by one)."""
        return [r for r in self.open_rows if SUGGEST in r.fixes and not r.chosen]

    @property
    def open_blocks(self) -> list[FindingRow]:
        return [r for r in self.rows if r.open_block]


def panel_context(item: Item, report: ScreeningReport | None, user, choices: list[tuple[str, str]] = ()) -> dict:
    """Everything `content/_panel.html` shows (the report, its counts, the panel), for `user`; `choices` are the
    fixes chosen but not yet saved."""
    may_edit = reason_to_prevent("content.edit_item", user, item) is None
    rows = finding_rows(item, report, may_edit)
    open_fixes = [r for r in rows if r.fixes and not r.settled]
    if (TAKE_ALL, TAKE_ALL) in choices:
        choices = [c for c in choices if c != (TAKE_ALL, TAKE_ALL)] + [
            (r.key, SUGGEST) for r in open_fixes if SUGGEST in r.fixes]
    fixes = chosen_fixes({r.key: r.finding for r in open_fixes}, list(choices))
    for fix in fixes:
        next(r for r in rows if r.key == fix.key).chosen = fix
    new_text = {f.key: f.new for f in fixes}
    shown = {part: [{**r.finding, "anchor": r.anchor, "settled": r.settled, "fix": new_text.get(r.key)}
                    for r in rows if r.finding["part"] == part] for part in ("title", "body")}
    revision = report.revision if report else item.current_revision
    return {"report": report, "counts": report.counts() if report else None, "panel": Panel(
        rows=rows, fixes=fixes,
        title_html=marked(revision.title, shown["title"]), body_html=marked(revision.body, shown["body"]),
        may_dismiss=reason_to_prevent("content.dismiss_finding", user, item) is None,
        may_override=reason_to_prevent("review.override_finding", user, item) is None,
        may_propose_allow=reason_to_prevent("lexicons.propose_allow", user, item) is None)}
