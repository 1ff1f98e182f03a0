"""Kinds of documents that may not be published (不得公开的文种): 请示, 报告, 函, 会议纪要.

The kind is read from the document's title line — the first line that is not a secrecy marker, an
issuing-office banner (…文件), a document number (〔2024〕3号), an urgency or copy mark — and, when
no title rule matches, from closing formulas (当否，请批示 / 特此报告 / 盼复).  Mentions of 请示 or
报告 in prose are not titles and are not findings.  Patterns come from packs/doc_kinds.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import Finding
from .packs import Pack

_SKIP_LINE = re.compile(
    r"^(?:.{0,30}文件|.{0,30}〔\d{4}〕.{0,6}号|.{0,30}\[\d{4}\].{0,6}号|.{0,20}\d{4}.{0,3}第?\d+号|"
    r"(?:特急|加急|紧急|平急|特提)|签发人.*|份号.*|.*第\s*\d+\s*期.{0,3}|[★☆].*|密级.*|保密期限.*)$"
)
_SPACES = re.compile(r"[\s\u3000\u200b-\u200f\ufeff]+")


@dataclass(frozen=True)
class DocKindRule:
    kind: str
    where: str
    regex: re.Pattern[str]
    severity: str
    message: str


@dataclass(frozen=True)
class DocKindRules:
    rules: tuple[DocKindRule, ...]

    @classmethod
    def empty(cls) -> "DocKindRules":
        return cls(())

    @classmethod
    def from_pack(cls, pack: Pack) -> "DocKindRules":
        rules = []
        for row in pack.rows:
            flags = re.M if row["where"] == "closing" else 0
            rules.append(DocKindRule(row["kind"], row["where"], re.compile(row["regex"], flags),
                                     row["severity"], row["message"]))
        return cls(tuple(rules))

    def find(self, folded: str, original: str, marker_spans=()) -> list[Finding]:
        if not self.rules:
            return []
        for s, e, compact in _title_lines(folded, marker_spans):
            for r in self.rules:
                if r.where == "title" and r.regex.fullmatch(compact):
                    return [Finding("prohibited", f"prohibited.{r.kind}", r.severity, s, e, original[s:e],
                                    "不得公开发布；如需公开，应改写为可公开的信息（如工作动态、通知、公告）", r.message)]
        tail = max(0, len(folded) - 2000)
        for r in self.rules:
            if r.where != "closing":
                continue
            m = r.regex.search(folded, tail)
            if m:
                s, e = m.span()
                while s < e and folded[s] in "。\n\r \t\u3000":
                    s += 1
                while e > s and folded[e - 1] in "\n\r \t\u3000":
                    e -= 1
                if e > s:
                    return [Finding("prohibited", f"prohibited.{r.kind}", r.severity, s, e, original[s:e],
                                    "不得公开发布；如需公开，应改写为可公开的信息", r.message)]
        return []


def _title_lines(folded: str, marker_spans):
    """(start, end, compact text) of the lines that may be the title: the first few non-empty
    lines that are not markers, banners or numbers, up to the addressee line (…：) or the first
    long line."""
    pos = 0
    seen = 0
    n = len(folded)
    while pos < n and seen < 5:
        nl = folded.find("\n", pos)
        end = n if nl < 0 else nl
        line = folded[pos:end]
        stripped = line.strip(" \t\r\u3000\ufeff\u200b\xa0")
        if stripped:
            s = pos + line.index(stripped)
            e = s + len(stripped)
            compact = _SPACES.sub("", stripped)
            is_marker = any(ms < e and s < me for ms, me in marker_spans)
            if not is_marker and not _SKIP_LINE.match(compact):
                if len(compact) > 90 or compact.endswith(("：", ":")):
                    return
                seen += 1
                yield s, e, compact
        pos = end + 1
