"""The rule set (规则集): every enabled rule, with a version hash, and its cached automaton.

A ``RuleSet`` gathers the default packs, administrators' lexicons (``--lexicon``) and allow-list
phrases.  All lexicon-like entries of every category — sensitive words, old agency names, press
terms, leaders' names, exception phrases and allow-list phrases — go into ONE Aho-Corasick
automaton over their normalised forms (``ahocorasick_rs``; ``pyahocorasick`` as a fallback).  The
automaton is built once per ``version`` (a SHA-256 over the rule data) and cached in the process;
the normalised entries are kept per version in the on-disk cache (``cache``), for the next process.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from . import cache
from .automaton import build_automaton
from .normalize import normalize_term
from .packs import LexiconLine, Pack, PackError, default_packs, read_allow_file, read_lexicon_file

TERM, EXCEPTION, ALLOW = 0, 1, 2


@dataclass(frozen=True)
class PackContext:
    """Context settings shared by the entries of one pack (上下文规则)."""

    kind: str = ""  # "agency" or ""
    ok_after: frozenset[str] = frozenset()
    history_cues: tuple[str, ...] = ()
    not_followed_by: tuple[tuple[str, str], ...] = ()  # (last char of entry, chars)
    not_preceded_by: tuple[tuple[str, str], ...] = ()  # (first char of entry, chars)


@dataclass(frozen=True)
class Entry:
    """One lexicon entry, exception phrase or allow-list phrase."""

    kind: int
    term: str
    norm: str
    category: str = ""
    rule: str = ""
    severity: str = ""
    suggestion: str = ""
    message: str = ""
    year: int | None = None
    context: PackContext = PackContext()
    follow_block: str = ""  # chars that may not follow the match
    precede_block: str = ""  # chars that may not precede the match


@dataclass(frozen=True)
class PatternRule:
    """A regular-expression rule from packs/patterns.tsv (结构规则)."""

    rule: str
    category: str
    severity: str
    regex: re.Pattern[str]
    suggestion: str
    message: str
    needs: str = ""


_AUTOMATA: dict[str, object] = {}
_AUTOMATA_LOCK = threading.Lock()


def _cached_automaton(version: str, patterns: Sequence[str]):
    with _AUTOMATA_LOCK:
        a = _AUTOMATA.get(version)
        if a is None:
            a = build_automaton(patterns)
            if len(_AUTOMATA) >= 8:
                _AUTOMATA.pop(next(iter(_AUTOMATA)))
            _AUTOMATA[version] = a
        return a


def _lexicon_pack_entries(pack: Pack) -> list[Entry]:
    """The terms of a lexicon pack (词库包), each with the pack's context settings."""
    d = pack.directives
    ctx = PackContext(
        kind=d.get("context", ""),
        ok_after=frozenset("".join(pack.words("ok-after"))),
        history_cues=tuple(pack.words("history-cues")),
        not_followed_by=tuple(pack.char_map("not-followed-by").items()),
        not_preceded_by=tuple(pack.char_map("not-preceded-by").items()),
    )
    fmap = dict(ctx.not_followed_by)
    pmap = dict(ctx.not_preceded_by)
    category = d.get("category", "sensitive")
    out = []
    for row in pack.rows:
        term = row.get("term", "")
        if not term:
            continue
        year = row.get("year") or ""
        out.append(Entry(
            TERM, term, normalize_term(term), category,
            d.get("rule", f"{category}.{pack.name.removesuffix('.tsv')}"),
            row.get("severity") or d.get("severity", "warn"),
            row.get("suggestion", ""),
            d.get("message", "“{text}”"),
            int(year) if year.isdigit() else None,
            ctx,
            fmap.get(term[-1], ""),
            pmap.get(term[0], ""),
        ))
    return out


def _entries(packs: list[Pack], lexicons: list[tuple[str, list[LexiconLine], bytes]], allow: list[str]) -> list[Entry]:
    """Every entry, exception and allow-list phrase of the packs, then the lexicons, then the allow-list."""
    out: list[Entry] = []
    for pack in packs:
        if pack.kind == "lexicon":
            out += _lexicon_pack_entries(pack)
        elif pack.kind == "exceptions":
            out += [Entry(EXCEPTION, row["phrase"], normalize_term(row["phrase"]), rule=row.get("rule", ""))
                    for row in pack.rows]
        elif pack.kind == "allow":
            out += [Entry(ALLOW, row["phrase"], normalize_term(row["phrase"])) for row in pack.rows]
    for _, lines, _ in lexicons:
        for ln in lines:
            msg = "敏感词“{text}”，不得发布" if ln.category == "sensitive" else "“{text}”为管理员词表所列词语"
            if ln.suggestion:
                msg += "，建议改为“{suggestion}”"
            out.append(Entry(TERM, ln.word, normalize_term(ln.word), ln.category,
                             f"{ln.category}.lexicon", ln.severity, ln.suggestion, msg))
    out += [Entry(ALLOW, phrase, normalize_term(phrase)) for phrase in allow]
    return [e for e in out if e.norm]


def _indexed(entries: list[Entry]) -> tuple[list[Entry], list[list[int]], list[str]]:
    """The entries, and for one automaton over their distinct normalised strings: its patterns and the
    entries of each pattern."""
    index: dict[str, int] = {}
    pattern_entries: list[list[int]] = []
    for i, e in enumerate(entries):
        j = index.get(e.norm)
        if j is None:
            j = index[e.norm] = len(pattern_entries)
            pattern_entries.append([])
        pattern_entries[j].append(i)
    return entries, pattern_entries, list(index)


class RuleSet:
    """Every enabled rule and its version (规则集及版本号).

    Build with ``RuleSet.default()`` (cached) or ``RuleSet.build(lexicons=[...], allow=[...])``.
    """

    def __init__(self, packs: Iterable[Pack], lexicons: Iterable[tuple[str, list[LexiconLine], bytes]] = (),
                 allow: Iterable[str] = ()):
        from .doc_kinds import DocKindRules
        from .formulations import FormulationRules
        from .secrecy import SecrecyRules
        from .validators import PrivacyRules

        packs = list(packs)
        lexicons = list(lexicons)
        allow = [a for a in allow if a.strip()]
        h = hashlib.sha256()
        self.patterns: list[PatternRule] = []
        self.secrecy = SecrecyRules.empty()
        self.privacy = PrivacyRules.empty()
        self.doc_kinds = DocKindRules.empty()
        self.formulations = FormulationRules.empty()
        for pack in packs:
            h.update(pack.name.encode() + b"\0" + pack.raw + b"\0")
            kind = pack.kind
            if kind in ("lexicon", "exceptions", "allow"):
                continue  # entries, below
            elif kind == "patterns":
                self._add_patterns(pack)
            elif kind == "secrecy":
                self.secrecy = SecrecyRules.from_pack(pack)
            elif kind == "privacy":
                self.privacy = PrivacyRules.from_pack(pack)
            elif kind == "doc_kinds":
                self.doc_kinds = DocKindRules.from_pack(pack)
            elif kind == "formulations":
                self.formulations = FormulationRules.from_pack(pack)
            else:
                raise PackError(f"{pack.name}: unknown kind {kind!r}")
        for name, _, raw in lexicons:
            h.update(b"lexicon\0" + name.encode() + b"\0" + raw + b"\0")
        for phrase in allow:
            h.update(b"allow\0" + phrase.encode() + b"\0")
        self.version = h.hexdigest()[:16]
        # Normalising a large lexicon takes seconds: the entries are kept in the on-disk cache per version.
        self.entries, self.pattern_entries, self.automaton_patterns = cache.cached(
            "ruleset", cache.key("ruleset", self.version), lambda: _indexed(_entries(packs, lexicons, allow)),
            pickle.dumps, pickle.loads)
        self._typos = None

    # -- building -------------------------------------------------------------------------------
    def _add_patterns(self, pack: Pack) -> None:
        for row in pack.rows:
            try:
                rx = re.compile(row["regex"], re.M)
            except re.error as exc:
                raise PackError(f"{pack.name}:{row['_line']}: bad regex ({exc})") from None
            self.patterns.append(PatternRule(row["rule"], row["category"], row["severity"], rx,
                                             row.get("suggestion", ""), row.get("message", ""),
                                             row.get("needs", "")))

    # -- use -----------------------------------------------------------------------------------
    @property
    def automaton(self):
        return _cached_automaton(self.version, self.automaton_patterns)

    @property
    def typos(self):
        """The typo detector (错别字), one per process (``typo_tables.detector()``)."""
        if self._typos is None:
            self._typos = _typo_detector() or False
        return self._typos or None

    @classmethod
    def build(cls, lexicons: Iterable[str | Path] = (), allow: Iterable[str] = (),
              allow_files: Iterable[str | Path] = ()) -> "RuleSet":
        """Default packs plus administrators' lexicon files and allow-list phrases."""
        lex = []
        for path in lexicons:
            lines, raw = read_lexicon_file(path)
            lex.append((str(Path(path).name), lines, raw))
        allow = list(allow)
        for path in allow_files:
            phrases, _ = read_allow_file(path)
            allow.extend(phrases)
        if not lex and not allow:
            return cls.default()
        return cls(_default_packs_cached(), lex, allow)

    @classmethod
    def default(cls) -> "RuleSet":
        return _default_ruleset()


@lru_cache(maxsize=1)
def _default_packs_cached() -> tuple[Pack, ...]:
    return tuple(default_packs())


@lru_cache(maxsize=1)
def _default_ruleset() -> RuleSet:
    return RuleSet(_default_packs_cached())


def _typo_detector():
    from .typo_tables import detector  # the typo detector (错别字), its own modules and packs

    return detector()
