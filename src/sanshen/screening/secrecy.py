"""Secrecy markers (涉密标识 / 密级标志) told apart from prose.

A marker is a *structure*, not a word: 国家秘密 in a sentence is prose, while

* a line that consists only of marker words — a header such as ``机 密``, ``内部资料 请勿外传``;
* a level with a star and a period anywhere — ``秘密★1年``, ``机密★启用前`` (GB/T 9704 7.2.3);
* ``密级：机密`` anywhere;
* a standalone note about the document itself — ``（此件不公开）``, ``（本件不予公开）``,
  ``（此件为内部信息，严禁通过互联网…传播）`` — while ``（此件公开）`` or
  ``（公开方式：主动公开）`` are public-release notes and copyright lines are not markers

are markers.  All words come from packs/secrecy.tsv.  Work is per line, on the folded text
(traditional and full-width forms folded, offsets unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import Finding
from .packs import Pack

MAX_LINE = 90  # longer lines are prose: neither a marker line nor a note
_GAP = r"[ \t\u00a0\u3000\u200b-\u200f\u2060\ufeff·•・]*"  # spaces may stand between the characters of a marker
_OPEN = "（(〔【[「"
_CLOSE = "）)〕】]」"
_NOTE_OPEN = "（("  # what an inline note opens with


def _short_lines(text: str):
    """(start, line) for each line of 1 to ``MAX_LINE`` characters (split at newlines only)."""
    start = 0
    for line in text.split("\n"):
        if 0 < len(line) <= MAX_LINE:
            yield start, line
        start += len(line) + 1


def _bracketed(rx: re.Pattern[str], text: str):
    """``rx.finditer(text)`` for a pattern that opens with a bracket of ``_NOTE_OPEN``: tried only
    where one stands (found by ``str.find``, much faster than the regex's own scan)."""
    end = 0
    for i in sorted(i for c in _NOTE_OPEN for i in _positions(text, c)):
        if i >= end and (m := rx.match(text, i)) is not None:
            end = m.end()
            yield m


def _positions(text: str, c: str):
    i = text.find(c)
    while i >= 0:
        yield i
        i = text.find(c, i + 1)


def _spaced(word: str) -> str:
    return _GAP.join(re.escape(c) for c in word)


def _alt(words, spaced=True) -> str:
    words = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(_spaced(w) if spaced else re.escape(w) for w in words) + ")"


_MIJI_HINT = re.compile(_spaced("密级"))  # what every 密级：X holds


def _marker_starts(by: dict[str, list[str]]) -> frozenset[str] | None:
    """What a marker line can start with after its spaces and brackets: 密 (of 密级) or the first
    character of a level or header word; None (anything) when a list is empty or holds an empty word."""
    words = by.get("level", []) + by.get("header", [])
    if not by.get("level") or not by.get("header") or not all(words):
        return None
    return frozenset("密" + "".join(w[0] for w in words))


class _OnFirstUse:
    """A regular expression compiled when first used: the marker structures, with spaces allowed
    between all their characters, take a tenth of a second to compile and most texts never need them."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._rx: re.Pattern[str] | None = None

    def _compiled(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx

    def match(self, text: str):
        return self._compiled().match(text)

    def finditer(self, text: str):
        return self._compiled().finditer(text)


@dataclass(frozen=True)
class SecrecyRules:
    """Compiled marker structures from packs/secrecy.tsv."""

    header_line: _OnFirstUse | None
    star: _OnFirstUse | None
    miji: _OnFirstUse | None
    negation: re.Pattern[str] | None
    internal: re.Pattern[str] | None
    subject: re.Pattern[str] | None
    not_marker: tuple[str, ...]
    trigger: re.Pattern[str] | None
    inline_note: re.Pattern[str] | None = None
    header_starts: frozenset[str] | None = None  # what a marker line can start with (None: anything)

    @classmethod
    def empty(cls) -> "SecrecyRules":
        return cls(None, None, None, None, None, None, (), None)

    @classmethod
    def from_pack(cls, pack: Pack) -> "SecrecyRules":
        by: dict[str, list[str]] = {}
        for row in pack.rows:
            by.setdefault(row["kind"], []).append(row["value"])
        level = _alt(by.get("level", []))
        period = "(?:" + "|".join(by.get("period", [])) + ")"
        star = f"{level}{_GAP}[★☆✩✭✮*＊]{_GAP}(?:{period})?"
        header_tok = f"(?:{star}|{_alt(by.get('header', []))}(?:{_GAP}[★☆]{_GAP}(?:{period})?)?)"
        miji_prefix = f"(?:{_spaced('密级')}{_GAP}[:：]?{_GAP})"
        term_prefix = f"(?:{_spaced('保密期限')}{_GAP}[:：]?{_GAP}{period})"
        sep = r"[\s、，,;；/|·:：]*"
        header_line = (
            rf"^[\s{re.escape(_OPEN)}]*{miji_prefix}?{header_tok}"
            rf"(?:{sep}(?:{header_tok}|{term_prefix}))*[\s{re.escape(_CLOSE)}。.]*$"
        )
        neg = _alt(by.get("negation", []), spaced=False)
        proh = _alt(by.get("prohibition", []), spaced=False)
        verb = _alt(by.get("verb", []), spaced=False)
        negation = rf"(?:{neg}(?:通过互联网|在网上|向社会|对外)?{verb}|{proh}[^。；;\n]{{0,24}}?{verb})"
        trigger_chars = set("★☆")
        for k in ("level", "header", "internal", "negation", "prohibition"):
            for w in by.get(k, []):
                trigger_chars.add(w[0])
        trigger = "[" + "".join(re.escape(c) for c in sorted(trigger_chars)) + "]"
        return cls(
            header_line=_OnFirstUse(header_line),
            star=_OnFirstUse(star),
            miji=_OnFirstUse(f"{miji_prefix}(?:{header_tok})"),
            negation=re.compile(negation),
            internal=re.compile(_alt(by.get("internal", []), spaced=False)),
            subject=re.compile(r"^\s*" + _alt(by.get("subject", []), spaced=False)),
            not_marker=tuple(w.lower() for w in by.get("not_marker", [])),
            trigger=re.compile(trigger),
            inline_note=re.compile(f"[{_NOTE_OPEN}](" + _alt(by.get("subject", []), spaced=False) + r"[^（）()\n]{1,60})[）)]"),
            header_starts=_marker_starts(by),
        )

    # ------------------------------------------------------------------------------------------
    def find(self, folded: str, original: str) -> list[Finding]:
        if self.header_line is None:
            return []
        out: list[Finding] = []
        found: list[tuple[int, int]] = []
        # level★period and 密级：X anywhere in the text
        if any(c in folded for c in "★☆✩✭✮*＊"):
            self._anywhere(self.star, "secrecy.level_star", folded, original, out, found)
        if _MIJI_HINT.search(folded):
            self._anywhere(self.miji, "secrecy.level_field", folded, original, out, found)
        # lines short enough to be a marker line or a note
        for start, line in _short_lines(folded):
            if self.trigger.search(line):
                self._line(line, start, original, out, found)
        # bracketed notes about the document inside longer lines
        if self.inline_note is not None:
            for m in _bracketed(self.inline_note, folded):
                self._note(m.start(), m.end(), m.group(1), False, original, out, found)
        return out

    def _anywhere(self, rx, rule, folded, original, out, found):
        for m in rx.finditer(folded):
            s, e = m.span()
            if any(s < fe and fs < e for fs, fe in found):
                continue
            found.append((s, e))
            self._emit(out, s, e, original, rule, f"密级标志“{original[s:e]}”：涉密文件不得公开发布")

    def _emit(self, out, s, e, original, rule, message):
        out.append(Finding("secrecy", rule, "block", s, e, original[s:e],
                           "确认是否涉密；涉密或内部文件不得公开发布（涉密不上网、上网不涉密），须脱密处理并经保密审查", message))

    def _line(self, line: str, base: int, original: str, out: list[Finding], found) -> None:
        stripped = line.strip(" \t\r\u3000\ufeff\u200b")
        if not stripped:
            return
        ls = base + line.index(stripped)
        le = ls + len(stripped)
        if any(ls < fe and fs < le for fs, fe in found):
            # a star marker inside: widen it to the whole line when the line is a marker line
            if self._marker_line(stripped):
                for i in range(len(out) - 1, -1, -1):
                    f = out[i]
                    if ls <= f.start and f.end <= le and f.category == "secrecy":
                        del out[i]
                found.append((ls, le))
                self._emit(out, ls, le, original, "secrecy.marker_line",
                           f"文件标有密级或内部标识“{original[ls:le].strip()}”：涉密、内部文件不得公开发布")
            return
        # a line made of marker words only (header, or a marker line anywhere)
        if len(stripped) <= 60 and self._marker_line(stripped):
            found.append((ls, le))
            self._emit(out, ls, le, original, "secrecy.marker_line",
                       f"文件标有密级或内部标识“{original[ls:le].strip()}”：涉密、内部文件不得公开发布")
            return
        whole_bracketed = stripped[0] in _OPEN and stripped[-1] in _CLOSE
        if whole_bracketed:
            self._note(ls, le, stripped[1:-1], True, original, out, found)
        elif self.subject.match(stripped) and len(stripped) <= 60:
            self._note(ls, le, stripped, True, original, out, found)
        elif len(stripped) <= 30 and not stripped.endswith(("。", ".")) and self.internal.search(stripped) \
                and self.negation.search(stripped):
            self._note(ls, le, stripped, True, original, out, found)

    def _marker_line(self, line: str) -> bool:
        """``header_line`` matches: only possible where, after the spaces and brackets it may
        open with, the line starts with a character a marker starts with."""
        if self.header_starts is None:
            return self.header_line.match(line) is not None
        for c in line:
            if c in self.header_starts:
                return self.header_line.match(line) is not None
            if not (c.isspace() or c in _OPEN):  # what [\s（(〔【[「]* takes
                return False
        return False

    def _note(self, s, e, body, standalone, original, out, found) -> None:
        """A note about the document itself that says it is not public (or internal)."""
        if any(s < fe and fs < e for fs, fe in found):
            return
        low = body.lower()
        if any(w in low for w in self.not_marker):
            return
        about_doc = bool(self.subject.match(body))
        if self.negation.search(body) or (self.internal.search(body) and (standalone or about_doc)):
            found.append((s, e))
            self._emit(out, s, e, original, "secrecy.note",
                       f"文件附注“{original[s:e]}”表明不予公开：内部文件不得公开发布")
