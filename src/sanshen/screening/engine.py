"""The screening pipeline (筛查流程): one text in, findings at exact offsets out.

``screen_text(text, *, ruleset=None, existing_titles=(), html_runs=None, title=None)`` runs, in
order: normalisation (``normalize.Normalized``), one automaton scan for every lexicon-like rule
(sensitive words, old agency names, press terms, leaders, exception and allow-list phrases),
context rules, pattern rules, personal-data validators, secrecy markers, document kinds, typos,
standard formulations (``formulations``), format checks; then the allow-list silences what overlaps
an allowed phrase.  Every finding satisfies ``finding.text == text[finding.start:finding.end]``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Sequence

from .findings import Finding
from .normalize import Normalized
from .ruleset import EXCEPTION, TERM, Entry, RuleSet

_SEVERITY_RANK = {"block": 0, "warn": 1, "info": 2}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """Lone surrogates (unpaired UTF-16 halves) cannot be scanned: U+FFFD in their place, same
    offsets.  A text without any encodes to UTF-8 (found faster than by a regex search)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _sentence(text: str, start: int, end: int) -> str:
    a = start
    while a > 0 and not _SENTENCE_END.match(text[a - 1]):
        a -= 1
    m = _SENTENCE_END.search(text, end)
    b = m.start() if m else len(text)
    return text[a:b]


def _main_name(suggestion: str) -> str:
    name = re.split(r"[（(／/、，,]", suggestion, maxsplit=1)[0].strip()
    return name if len(name) >= 3 else ""


def _agency_ok(entry: Entry, norm: Normalized, cs: int, ce: int, s: int, e: int) -> bool:
    """True when an old agency name is used correctly: after 原, in a dated or historical sentence,
    or in a sentence that also names the successor."""
    ctx = entry.context
    compact = norm.compact
    if cs > 0 and compact[cs - 1] in ctx.ok_after:
        return True
    sent = _sentence(norm.folded, s, e).replace(norm.folded[s:e], "")
    if entry.year:
        for m in _YEAR.finditer(sent):
            if int(m.group(1)) <= entry.year:
                return True
    if any(cue in sent for cue in ctx.history_cues):
        return True
    succ = _main_name(entry.suggestion)
    if succ and succ in sent:
        return True
    return False


def _lexicon_findings(ruleset: RuleSet, norm: Normalized) -> tuple[list[Finding], list[tuple[int, int]]]:
    automaton = ruleset.automaton
    if automaton is None:
        return [], []
    compact = norm.compact
    matches = automaton.find_matches_as_indexes(compact, overlapping=True)
    if not matches:
        return [], []
    entries = ruleset.entries
    pattern_entries = ruleset.pattern_entries
    cands: list[tuple[int, int, Entry]] = []
    exceptions: list[tuple[int, int, str]] = []
    allowed: list[tuple[int, int]] = []
    n = len(compact)
    for pid, cs, ce in matches:
        for ei in pattern_entries[pid]:
            entry = entries[ei]
            if entry.kind == TERM:
                if entry.follow_block and ce < n and compact[ce] in entry.follow_block:
                    continue
                if entry.precede_block and cs > 0 and compact[cs - 1] in entry.precede_block:
                    continue
                nm = entry.norm
                if nm[0] in _ASCII_ALNUM and cs > 0 and compact[cs - 1] in _ASCII_ALNUM:
                    continue
                if nm[-1] in _ASCII_ALNUM and ce < n and compact[ce] in _ASCII_ALNUM:
                    continue
                cands.append((cs, ce, entry))
            elif entry.kind == EXCEPTION:
                exceptions.append((cs, ce, entry.rule))
            else:
                allowed.append(norm.to_original_span(cs, ce))
    if exceptions:
        cands = [c for c in cands
                 if not any(xs <= c[0] and c[1] <= xe and c[2].rule.startswith(xr) and (xs, xe) != (c[0], c[1])
                            for xs, xe, xr in exceptions)]
    out: list[Finding] = []
    original = norm.original
    for cs, ce, entry in _longest_per_category(cands):
        s, e = norm.to_original_span(cs, ce)
        if entry.context.kind == "agency" and _agency_ok(entry, norm, cs, ce, s, e):
            continue
        text = original[s:e]
        msg = entry.message.format(text=entry.term if entry.category == "sensitive" else text,
                                   suggestion=entry.suggestion)
        out.append(Finding(entry.category, entry.rule, entry.severity, s, e, text, entry.suggestion, msg))
    return out, allowed


def _longest_per_category(cands: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Within a category, the longest match wins over what it overlaps (the more severe on a tie)."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], _SEVERITY_RANK.get(c[2].severity, 3)))
    taken: dict[str, set[int]] = {}  # compact positions covered by a kept match, per category
    kept = []
    for c in cands:
        covered = taken.setdefault(c[2].category, set())
        span = range(c[0], c[1])
        if covered.isdisjoint(span):
            kept.append(c)
            covered.update(span)
    return kept


@lru_cache(maxsize=8)
def _needed_words(needs: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One regex for the words the pattern rules need (``needs``), the longest first, and the words."""
    words = tuple(sorted({w for n in needs for w in n.split("|")}, key=len, reverse=True))
    return re.compile("|".join(map(re.escape, words))), words


def _words_present(needs: tuple[str, ...], folded: str) -> frozenset[str]:
    """The words of ``needs`` in ``folded``, in one regex pass (a substring test per word reads the
    whole text each time): at each position the longest word starting there is found, and the
    shorter ones starting there are its beginnings."""
    if not needs:
        return frozenset()
    rx, words = _needed_words(needs)
    longest = set()
    m = rx.search(folded)
    while m is not None:
        longest.add(m.group())
        m = rx.search(folded, m.start() + 1)
    return frozenset(w for w in words if any(x.startswith(w) for x in longest))


def _pattern_findings(ruleset: RuleSet, norm: Normalized) -> list[Finding]:
    out = []
    folded, original = norm.folded, norm.original
    present = _words_present(tuple(p.needs for p in ruleset.patterns if p.needs), folded)
    for p in ruleset.patterns:
        if p.needs and present.isdisjoint(p.needs.split("|")):
            continue
        for m in p.regex.finditer(folded):
            if "x" in p.regex.groupindex and m.group("x") is not None:
                s, e = m.span("x")
            else:
                s, e = m.span()
            if e <= s:
                continue
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            try:
                suggestion = p.suggestion.format(**groups)
            except (KeyError, IndexError, ValueError):
                suggestion = p.suggestion
            out.append(Finding(p.category, p.rule, p.severity, s, e, original[s:e], suggestion, p.message))
    return out


def _formulation_findings(rs: RuleSet, norm: Normalized, typo_found: list[Finding], typos: bool) -> list[Finding]:
    """Miswritten standard formulations (规范提法); a typo finding they overlap adds nothing.
    The typo detector's dictionary tells ordinary words apart (not consulted with ``typos=False``)."""
    found = rs.formulations.find(norm, rs.typos.is_word if typos and rs.typos is not None else None)
    if found:
        typo_found = [t for t in typo_found if not any(f.start < t.end and t.start < f.end for f in found)]
    return found + typo_found


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    best: dict[tuple[str, int, int], Finding] = {}
    for f in findings:
        key = (f.category, f.start, f.end)
        old = best.get(key)
        if old is None or _SEVERITY_RANK[f.severity] < _SEVERITY_RANK[old.severity]:
            best[key] = f
    # a finding inside a longer finding of the same category adds nothing
    items = sorted(best.values(), key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Finding] = []
    for f in items:
        if any(o.category == f.category and o.start <= f.start and f.end <= o.end and (o.start, o.end) != (f.start, f.end)
               and _SEVERITY_RANK[o.severity] <= _SEVERITY_RANK[f.severity] for o in out[-8:]):
            continue
        out.append(f)
    out.sort(key=lambda f: (f.start, f.end, f.category, f.rule))
    return out


def screen_text(text: str, *, ruleset: RuleSet | None = None, existing_titles: Sequence[str] = (),
                html_runs: Sequence | None = None, typos: bool = True) -> list[Finding]:
    """Screen one text (筛查): every finding, sorted by position.

    ``existing_titles``: titles already published — the first non-empty line of ``text`` is taken
    as the title and compared (format.duplicate_title).  ``html_runs``: the styled runs from
    ``extract`` of an HTML body, for the format checks.  ``typos=False`` skips the typo detector.
    """
    if not isinstance(text, str):
        raise TypeError("screen_text needs a str")
    rs = ruleset or RuleSet.default()
    norm = Normalized(_without_surrogates(text))
    findings, allowed = _lexicon_findings(rs, norm)
    findings += _pattern_findings(rs, norm)
    findings += rs.privacy.find(norm.folded, text)
    secrecy = rs.secrecy.find(norm.folded, text)
    findings += secrecy
    findings += rs.doc_kinds.find(norm.folded, text, [(f.start, f.end) for f in secrecy])
    typo_found = rs.typos.find(text) if typos and rs.typos is not None else []
    findings += _formulation_findings(rs, norm, typo_found, typos)
    if existing_titles:
        from .formatting import check_title

        m = re.search(r"[^\s\ufeff]", text)
        if m:
            line_end = text.find("\n", m.start())
            line_end = len(text) if line_end < 0 else line_end
            for f in check_title(text[m.start():line_end], existing_titles):
                s, e = f.start + m.start(), f.end + m.start()
                findings.append(Finding(f.category, f.rule, f.severity, s, e, text[s:e], f.suggestion, f.message))
    if html_runs:
        from .formatting import check_html_runs

        findings += check_html_runs(text, html_runs)
    if allowed:
        findings = [f for f in findings if not any(a < f.end and f.start < b for a, b in allowed)]
    if norm.original is not text:
        findings = [replace(f, text=text[f.start:f.end]) for f in findings]
    return _dedupe(findings)


class Screener:
    """A reusable screener bound to one rule set (筛查器)."""

    def __init__(self, ruleset: RuleSet | None = None):
        self.ruleset = ruleset or RuleSet.default()

    def screen(self, text: str, **kw) -> list[Finding]:
        return screen_text(text, ruleset=self.ruleset, **kw)

    def screen_extracted(self, extracted, **kw) -> list[Finding]:
        return screen_text(extracted.text, ruleset=self.ruleset, html_runs=extracted.html_runs or None, **kw)


def has_blocking(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "block" for f in findings)
