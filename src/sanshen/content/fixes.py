"""One-click fixes (一键修改): a finding's span replaced by its suggestion (采用建议) or masked (脱敏), several at once.

Pure text work: the callers check permissions and save the result as one revision.
"""

from dataclasses import dataclass

from sanshen.screening.validators import MASK_KEEP, MOBILE_DIGITS

# A finding's suggestion is either replacement text (贯彻落实) or advice (改为办公电话或脱敏，如…); findings
# carry no flag for it, so only word-level categories with a suggestion free of sentence punctuation count.
REPLACEABLE_CATEGORIES = {"typo", "expression"}
ADVICE_MARKS = set("，；。：（(")

SUGGEST, MASK = "suggest", "mask"


def is_replacement(finding: dict) -> bool:
    suggestion = finding.get("suggestion") or ""
    return bool(suggestion) and finding["category"] in REPLACEABLE_CATEGORIES and not ADVICE_MARKS & set(suggestion)


def masked(span: str, rule: str) -> str:
    """`span` with its digits starred but for the first and last few (138 1234 5678 → 138 **** 5678); a mobile
    number's country code (+86, 0086) stays as written and is not counted, as in the screening's advice."""
    head, tail = MASK_KEEP[rule]
    digits = sum(c.isdigit() or c in "Xx" for c in span)
    country_code = digits - MOBILE_DIGITS if rule == "privacy.mobile" and digits > MOBILE_DIGITS else 0
    out, seen = [], -country_code
    for c in span:
        if c.isdigit() or c in "Xx":
            out.append(c if seen < head or seen >= digits - country_code - tail else "*")
            seen += 1
        else:
            out.append(c)
    return "".join(out)


def replacement(finding: dict, kind: str) -> str | None:
    """What the span becomes under fix `kind`, or None when that fix does not apply to this finding."""
    if kind == SUGGEST and is_replacement(finding):
        return finding["suggestion"]
    if kind == MASK and finding["rule"] in MASK_KEEP:
        return masked(finding["text"], finding["rule"])
    return None


def fix_kinds(finding: dict) -> list[str]:
    return [kind for kind in (SUGGEST, MASK) if replacement(finding, kind) is not None]


@dataclass(frozen=True)
class Fix:
    """One chosen fix: the finding (by key), what its span read and what it becomes."""

    key: str
    finding: dict
    kind: str
    new: str

    @property
    def old(self) -> str:
        return self.finding["text"]


def chosen_fixes(findings: dict[str, dict], choices: list[tuple[str, str]]) -> list[Fix]:
    """The fixes named by (finding key, kind) pairs that apply; unknown keys and overlapping spans are left out."""
    fixes, taken = [], []
    for key, kind in dict.fromkeys(choices):
        finding = findings.get(key)
        new = replacement(finding, kind) if finding else None
        span = (finding["part"], finding["start"], finding["end"]) if finding else None
        if new is None or any(p == span[0] and s < span[2] and span[1] < e for p, s, e in taken):
            continue
        taken.append(span)
        fixes.append(Fix(key, finding, kind, new))
    return fixes


def fixed_text(text: str, part: str, fixes: list[Fix]) -> str | None:
    """`text` with every fix in `part` applied (right to left, so offsets hold), or None if a span has changed."""
    for fix in sorted((f for f in fixes if f.finding["part"] == part), key=lambda f: -f.finding["start"]):
        start, end = fix.finding["start"], fix.finding["end"]
        if text[start:end] != fix.old:
            return None
        text = text[:start] + fix.new + text[end:]
    return text
