"""Screening findings shown in place (筛查结果标注): the text with each finding marked by severity."""

from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SEVERITY_CLASSES = {"block": "block", "warn": "warn", "info": "info"}
# A finding's suggestion is either replacement text (贯彻落实) or advice (改为办公电话或脱敏，如…); findings
# carry no flag for it, so only word-level categories with a suggestion free of sentence punctuation count.
REPLACEABLE_CATEGORIES = {"typo", "expression"}
ADVICE_MARKS = set("，；。：（(")


def finding_title(finding: dict) -> str:
    """What hovering a marked span says: the message and, when there is one, the suggestion."""
    if finding.get("suggestion"):
        return _("%(message)s（建议：%(suggestion)s）") % {"message": finding["message"],
                                                       "suggestion": finding["suggestion"]}
    return finding["message"]


def marked(text: str, findings: list[dict]) -> SafeString:
    """`text` escaped, each finding's span wrapped in <mark>; a finding overlapping an earlier one is not marked."""
    out, position = [], 0
    for finding in sorted(findings, key=lambda f: (f["start"], -f["end"])):
        start, end = finding["start"], finding["end"]
        if start < position or end > len(text) or start >= end:
            continue
        out.append(conditional_escape(text[position:start]))
        out.append(format_html('<mark class="finding {}" title="{}" data-rule="{}">{}</mark>',
                               SEVERITY_CLASSES.get(finding["severity"], "info"), finding_title(finding),
                               finding["rule"], text[start:end]))
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


def is_replacement(finding: dict) -> bool:
    suggestion = finding.get("suggestion") or ""
    return bool(suggestion) and finding["category"] in REPLACEABLE_CATEGORIES and not ADVICE_MARKS & set(suggestion)


def apply_suggestion(text: str, finding: dict) -> str | None:
    """`text` with the finding's span replaced by its suggestion (采用建议), or None when the suggestion is advice
    rather than replacement text, or the span no longer reads the same."""
    start, end, suggestion = finding["start"], finding["end"], finding.get("suggestion") or ""
    if not is_replacement(finding) or text[start:end] != finding["text"]:
        return None
    return text[:start] + suggestion + text[end:]
