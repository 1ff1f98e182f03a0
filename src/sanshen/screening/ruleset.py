"""The rule set (规则集): every enabled rule, with a version hash, and its cached automaton.

A ``RuleSet`` gathers the default packs, administrators' lexicons (``--lexicon``) and allow-list
phrases.  All lexicon-like entries of every category — sensitive words, old agency names, press
terms, leaders' names, exception phrases and allow-list phrases — go into ONE Aho-Corasick
automaton over their normalised forms (``ahocorasick_rs``; ``pyahocorasick`` as a fallback).  The
automaton is built once per ``version`` (a SHA-256 over the rule data) and cached.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

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


class _PyAhoAdapter:
    """pyahocorasick behind the ahocorasick_rs call we use (fallback)."""

    def __init__(self, patterns: Sequence[str]):
        import ahocorasick

        self._a = ahocorasick.Automaton()
        for i, p in enumerate(patterns):
            self._a.add_word(p, (i, len(p)))
        self._a.make_automaton()

    def find_matches_as_indexes(self, text: str, overlapping: bool = True):
        return [(i, end + 1 - n, end + 1) for end, (i, n) in self._a.iter(text)]


def build_automaton(patterns: Sequence[str]):
    """An overlapping-capable automaton over ``patterns`` (ahocorasick_rs preferred)."""
    if not patterns:
        return None
    try:
        import ahocorasick_rs

        return ahocorasick_rs.AhoCorasick(list(patterns), matchkind=ahocorasick_rs.MatchKind.Standard)
    except ImportError:  # pragma: no cover - both are declared dependencies
        return _PyAhoAdapter(patterns)


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


class RuleSet:
    """Every enabled rule and its version (规则集及版本号).

    Build with ``RuleSet.default()`` (cached) or ``RuleSet.build(lexicons=[...], allow=[...])``.
    """

    def __init__(self, packs: Iterable[Pack], lexicons: Iterable[tuple[str, list[LexiconLine], bytes]] = (),
                 allow: Iterable[str] = ()):
        from .doc_kinds import DocKindRules
        from .secrecy import SecrecyRules
        from .validators import PrivacyRules

        packs = list(packs)
        lexicons = list(lexicons)
        allow = [a for a in allow if a.strip()]
        h = hashlib.sha256()
        self.entries: list[Entry] = []
        self.patterns: list[PatternRule] = []
        self.secrecy = SecrecyRules.empty()
        self.privacy = PrivacyRules.empty()
        self.doc_kinds = DocKindRules.empty()
        for pack in packs:
            h.update(pack.name.encode() + b"\0" + pack.raw + b"\0")
            kind = pack.kind
            if kind == "lexicon":
                self._add_lexicon_pack(pack)
            elif kind == "exceptions":
                for row in pack.rows:
                    self._add(Entry(EXCEPTION, row["phrase"], normalize_term(row["phrase"]), rule=row.get("rule", "")))
            elif kind == "allow":
                for row in pack.rows:
                    self._add(Entry(ALLOW, row["phrase"], normalize_term(row["phrase"])))
            elif kind == "patterns":
                self._add_patterns(pack)
            elif kind == "secrecy":
                self.secrecy = SecrecyRules.from_pack(pack)
            elif kind == "privacy":
                self.privacy = PrivacyRules.from_pack(pack)
            elif kind == "doc_kinds":
                self.doc_kinds = DocKindRules.from_pack(pack)
            else:
                raise PackError(f"{pack.name}: unknown kind {kind!r}")
        for name, lines, raw in lexicons:
            h.update(b"lexicon\0" + name.encode() + b"\0" + raw + b"\0")
            for ln in lines:
                msg = "敏感词“{text}”，不得发布" if ln.category == "sensitive" else "“{text}”为管理员词表所列词语"
                if ln.suggestion:
                    msg += "，建议改为“{suggestion}”"
                self._add(Entry(TERM, ln.word, normalize_term(ln.word), ln.category,
                                f"{ln.category}.lexicon", ln.severity, ln.suggestion, msg))
        for phrase in allow:
            h.update(b"allow\0" + phrase.encode() + b"\0")
            self._add(Entry(ALLOW, phrase, normalize_term(phrase)))
        self.version = h.hexdigest()[:16]
        # one automaton over all distinct normalised strings
        index: dict[str, int] = {}
        self.pattern_entries: list[list[int]] = []
        for i, e in enumerate(self.entries):
            j = index.get(e.norm)
            if j is None:
                j = index[e.norm] = len(self.pattern_entries)
                self.pattern_entries.append([])
            self.pattern_entries[j].append(i)
        self.automaton_patterns = list(index)
        self._typos = None

    # -- building -------------------------------------------------------------------------------
    def _add(self, entry: Entry) -> None:
        if entry.norm:
            self.entries.append(entry)

    def _add_lexicon_pack(self, pack: Pack) -> None:
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
        for row in pack.rows:
            term = row.get("term", "")
            if not term:
                continue
            year = row.get("year") or ""
            self._add(Entry(
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
        """The typo detector (错别字), built once (``TypoDetector.default()`` is cached)."""
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
    from .typos import TypoDetector  # the typo detector (错别字), its own module and packs

    return TypoDetector.default()
