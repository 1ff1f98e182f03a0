"""Screening findings shown in place (筛查结果标注): the text with each finding marked by severity."""

from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SEVERITY_CLASSES = {"block": "block", "warn": "warn", "info": "info"}


def finding_title(finding: dict) -> str:
    """What hovering a marked span says: the message and, when there is one, the suggestion."""
    if finding.get("suggestion"):
        return _("%(message)s（建议：%(suggestion)s）") % {"message": finding["message"],
                                                       "suggestion": finding["suggestion"]}
    return finding["message"]


def marked(text: str, findings: list[dict]) -> SafeString:
    """`text` escaped, each finding's span wrapped in <mark>; a finding overlapping an earlier one is not marked.

    The panel's findings also carry "anchor" (the mark's id), "settled" (dismissed or overridden: shown faintly)
    and "fix" (the chosen replacement, shown as the old words struck through and the new ones inserted)."""
    out, position = [], 0
    for finding in sorted(findings, key=lambda f: (f["start"], -f["end"])):
        start, end = finding["start"], finding["end"]
        if start < position or end > len(text) or start >= end:
            continue
        out.append(conditional_escape(text[position:start]))
        shown = (format_html('<del>{}</del><ins>{}</ins>', text[start:end], finding["fix"])
                 if finding.get("fix") is not None else text[start:end])
        out.append(format_html('<mark class="finding {}{}"{} title="{}" data-rule="{}">{}</mark>',
                               SEVERITY_CLASSES.get(finding["severity"], "info"),
                               " settled" if finding.get("settled") else "",
                               format_html(' id="{}"', finding["anchor"]) if finding.get("anchor") else "",
                               finding_title(finding), finding["rule"], shown))
        position = end
    out.append(conditional_escape(text[position:]))
    return mark_safe("".join(out))


@dataclass(frozen=True)
class InContext:
    """A finding quoted with a few characters either side (上下文), for parts not shown in full."""

    before: str
    text: str
    after: str


def in_context(text: str, start: int, end: int, width: int = 20) -> InContext:
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return InContext(("…" if start > width else "") + before, text[start:end],
                     after + ("…" if end + width < len(text) else ""))
