"""Standard formulations (规范提法): miswritten fixed phrases and fixed lists out of order.

The pack (``packs/formulations.tsv``) holds phrases (不忘初心, 供给侧结构性改革...) and fixed lists
(四个自信：道路自信、理论自信、制度自信、文化自信).  One automaton pass over the compact text finds
three kinds of patterns at once: every formulation as written (an exact occurrence is correct and
silences what it covers), anchors (the two-character pieces of each phrase) and the items of the
lists.  Around each anchor hit a bounded check compares the window where the phrase would stand:

* one character (two in a phrase of seven or more) replaced by one of the same or a similar sound
  (``typo_pinyin.tsv``, with the fuzzy initials and finals of the pack) or of a similar shape
  (``typo_shape.tsv``): 不忘出心 → 不忘初心, 乡村振新 → 乡村振兴;
* two neighbouring characters swapped; one character extra, or missing from a phrase of six or
  more, with two or more characters on each side (these two only where the text is not ordinary
  words at that point: 中国现代化, 高质量的发展).

A window that is a dictionary word (the typo detector's), whose changed characters lie inside a
correct formulation, or — in a phrase of up to six characters — whose replaced character forms a
word with its neighbour (两个确有, 美术字中国) is left alone.  A phrase of five or more characters is
checked only where enough of its pieces are found at one alignment (``_anchors_needed``).  The
pieces of a four-character phrase are common words (意识, 自信, 中国): instead, its miswritten forms
themselves (one character replaced by a similar one, two swapped: ``_variants``) are patterns of the
automaton, and a character extra is looked for only where both its halves are found, one character
apart.  Items of a list written one after
another, separated only by 、，和与及, are reported when all of them are there in another order
(``expression.formulation_order``).
"""

from __future__ import annotations

import hashlib
import marshal
import threading
from collections import Counter
from operator import ne
from dataclasses import dataclass
from typing import Callable

from . import cache
from .automaton import build_automaton
from .findings import Finding
from .normalize import Normalized, normalize_term
from .packs import PACK_DIR, Pack

RULE = "expression.formulation"
ORDER_RULE = "expression.formulation_order"
MIN_FUZZY = 4  # shorter phrases are matched only as written
MIN_TWO_REPLACED = 7  # phrases this long may have two characters replaced, shorter ones one
MIN_MISSING = 6  # phrases this long may have a character missing (five or more are left)
MAX_GAP = 2  # separator characters between two items of a list
SHORT = 6  # in phrases this short, a replaced character may not form a word with its neighbour

IsWord = Callable[[str], bool]


@dataclass(frozen=True)
class _List:
    name: str
    items: tuple[str, ...]  # as printed
    norms: tuple[str, ...]  # compact forms


@dataclass(frozen=True)
class _Patterns:
    """What each pattern of the automaton stands for, by pattern id."""

    exact: list[bool]  # a formulation as written
    votes: list[tuple[int, ...]]  # a piece of phrases of five or more: for a hit at s, each (s - k) * F + fid - s * F
    variants: list[tuple[int, ...]]  # a four-character phrase miswritten (one replaced, two swapped): its fids
    halves: list[tuple[int, ...]]  # a half of four-character phrases, votes as above (k = 0, or 3 past an extra one)
    item: list[bool]  # an item of a fixed list
    votes_and_halves: list[tuple[int, ...]]  # both kinds of votes, counted in one pass (their phrases differ)
    rare: list[bool]  # exact, variant or item: the few patterns whose hits are looked at one by one


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    suggestion: str
    kind: str  # "replace", "swap", "missing", "extra"
    length: int  # of the formulation, to prefer the longest


def _sound_key(reading: str, initials: dict[str, str], finals: dict[str, str]) -> str:
    """The fuzzy sound key (模糊音) of a toneless reading: zh=z, ing=in..."""
    for a, b in initials.items():
        if reading.startswith(a):
            reading = b + reading[len(a):]
            break
    for a, b in finals.items():
        if reading.endswith(a):
            return reading[: -len(a)] + b
    return reading


def _similar_table(chars: str, initials: dict[str, str], finals: dict[str, str]) -> dict[str, str]:
    """For each character of the formulations: the characters of the same or a similar sound or
    shape (音近形近字), from the typo detector's packs."""
    from .typos import _read_rows  # the typo detector's pack reader: the same files, read the same way

    keys: dict[str, str] = {}
    by_key: dict[str, set[str]] = {}
    for row in _read_rows("typo_pinyin.tsv"):  # the first reading, as the typo detector matches sounds
        k = keys[row[0]] = _sound_key(row[1].split(" ", 1)[0], initials, finals)
        by_key.setdefault(k, set()).add(row[0])
    shape: dict[str, set[str]] = {}
    for row in _read_rows("typo_shape.tsv"):
        group = {c for c in row if len(c) == 1}
        for c in group:
            shape.setdefault(c, set()).update(group)
    out = {}
    for c in set(chars):
        sim = set(shape.get(c, ()))
        if c in keys:
            sim |= by_key[keys[c]]
        sim.discard(c)
        out[c] = "".join(sorted(sim))
    return out


def _pair_map(pack: Pack, key: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in pack.words(key) if "=" in part)


class FormulationRules:
    """The formulations of a pack and their matcher (规范提法检查)."""

    def __init__(self, phrases: list[str], lists: list[_List], separators: str, insert_ok: str, no_replace: str,
                 initials: dict[str, str], finals: dict[str, str], raw: bytes):
        self.phrases = phrases
        self.norms = [normalize_term(p) for p in phrases]
        self.lists = lists
        self.separators = frozenset(separators)
        self.insert_ok = frozenset(insert_ok)
        self.no_replace = frozenset(no_replace)
        self._initials, self._finals, self._raw = initials, finals, raw
        self._need = [_anchors_needed(len(nm)) for nm in self.norms]
        self._built = None
        self._similar: dict[str, str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def empty(cls) -> "FormulationRules":
        return cls([], [], "", "", "", {}, {}, b"")

    @classmethod
    def from_pack(cls, pack: Pack) -> "FormulationRules":
        phrases, lists = [], []
        for row in pack.rows:
            name, items = row.get("formulation", ""), row.get("items", "")
            if items:
                its = tuple(i.strip() for i in items.split("|") if i.strip())
                lists.append(_List(name, its, tuple(normalize_term(i) for i in its)))
            elif name:
                phrases.append(name)
        d = pack.directives
        return cls(phrases, lists, d.get("separators", ""), d.get("insert-ok", ""), d.get("no-replace", ""),
                   _pair_map(pack, "fuzzy-initials"), _pair_map(pack, "fuzzy-finals"), pack.raw)

    # -- building (once, on first use) ------------------------------------------------------
    def _build(self) -> tuple[object, _Patterns]:
        """The automaton and what each of its patterns stands for (exact phrase, anchor, list item)."""

        index: dict[str, int] = {}
        pats = _Patterns([], [], [], [], [], [], [])

        def role(pattern: str) -> int:
            i = index.get(pattern)
            if i is None:
                i = index[pattern] = len(pats.exact)
                pats.exact.append(False)
                for roles in (pats.votes, pats.variants, pats.halves):
                    roles.append([])
                pats.item.append(False)
            return i

        F = len(self.norms)
        similar = self.similar()
        for fid, nm in enumerate(self.norms):
            pats.exact[role(nm)] = True
            if len(nm) == MIN_FUZZY:
                for variant in _variants(nm, similar, self.no_replace):
                    pats.variants[role(variant)].append(fid)
                pats.halves[role(nm[:2])].append(fid)
                pats.halves[role(nm[2:])].append(fid - 3 * F)
            elif len(nm) > MIN_FUZZY:
                for k in range(len(nm) - 1):  # each piece, and each piece swapped (字序颠倒)
                    # a hit at s votes for the phrase starting at s - k: key (s - k) * F + fid
                    pats.votes[role(nm[k:k + 2])].append(fid - k * F)
                    pats.votes[role(nm[k + 1] + nm[k])].append(fid - k * F)
        for lst in self.lists:
            for nm in lst.norms:
                pats.item[role(nm)] = True
        for roles in (pats.votes, pats.variants, pats.halves):
            roles[:] = map(tuple, roles)
        pats.votes_and_halves[:] = map(tuple.__add__, pats.votes, pats.halves)
        pats.rare[:] = (x or bool(v) or i for x, v, i in zip(pats.exact, pats.variants, pats.item))
        return build_automaton(list(index)), pats

    def _tables(self):
        if self._built is None:
            with self._lock:
                if self._built is None:
                    self._built = self._build()
        return self._built

    def similar(self) -> dict[str, str]:
        """The similar-character table, kept in the on-disk cache (``cache``)."""
        if self._similar is None:  # the typo packs are in PACK_DIR too; importing typos would cost more
            files = b"".join((PACK_DIR / n).read_bytes() for n in ("typo_pinyin.tsv", "typo_shape.tsv"))
            chars = "".join(self.norms)
            self._similar = cache.cached(
                "formulations", cache.key("formulations", self._raw, hashlib.sha256(files).digest()),
                lambda: _similar_table(chars, self._initials, self._finals), marshal.dumps, marshal.loads)
        return self._similar

    # -- use ---------------------------------------------------------------------------------
    def find(self, norm: Normalized, is_word: IsWord | None = None) -> list[Finding]:
        """Miswritten formulations and lists out of order in one text (``is_word``: a dictionary
        look-up; without it only replaced and swapped characters are reported)."""
        if not self.norms and not self.lists:
            return []
        automaton, pats = self._tables()
        text = norm.compact
        matches = automaton.find_matches_as_indexes(text, overlapping=True)
        rare = [m for m in matches if pats.rare[m[0]]]
        exact = [(s, e) for pid, s, e in rare if pats.exact[pid]]
        # a character extra between the halves of a four-character phrase: only with a dictionary
        cands = self._candidates(matches, pats.votes if is_word is None else pats.votes_and_halves)
        long = [c for c in cands if len(self.norms[c[0]]) > MIN_FUZZY]
        hits = self._verify(text, long, exact, lambda st, f: self._edits(text, st, f, is_word))
        miswritten = [(fid, s) for pid, s, _ in rare for fid in pats.variants[pid]]
        hits += self._verify(text, miswritten, exact, lambda st, f: [self._same_length(text, st, f, is_word)])
        if is_word is not None:
            extra = [c for c in cands if len(self.norms[c[0]]) == MIN_FUZZY]
            hits += self._verify(text, extra, exact, lambda st, f: [self._extra(text, st, f, is_word)])
        out = [self._finding(norm, h) for h in _longest(hits)]
        items = [(s, e) for pid, s, e in rare if pats.item[pid]]
        if len(items) > 1:
            out += self._order_findings(norm, items)
        return out

    def _candidates(self, matches: list[tuple[int, int, int]], votes_of: list[tuple[int, ...]]) -> list[tuple[int, int]]:
        """(phrase, start) wherever two or more and ``_need[phrase]`` of its pieces (or halves) are found
        at one alignment, in the order first seen."""
        F, need = len(self.norms), self._need
        votes = Counter([base + c for pid, s, _ in matches for base in (s * F,) for c in votes_of[pid]])
        # every phrase voted for needs two votes or more: the many keys with one are passed over first
        return [divmod(key, F)[::-1] for key, v in votes.items() if v > 1 and v >= need[key % F]]

    def _verify(self, text: str, cands: list[tuple[int, int]], exact: list[tuple[int, int]],
                edits: Callable[[int, str], list[tuple | None]]) -> list[_Hit]:
        """The hit of each candidate (phrase, start): the first of its ``edits`` whose changed
        characters lie outside every correct formulation in the text."""
        norms = self.norms
        hits = []
        for fid, st in cands:
            f = norms[fid]
            if st < 0 or text.startswith(f, st):
                continue
            for edit in edits(st, f):
                if edit is not None and not any(a <= p < b for a, b in exact for p in edit[1]):
                    hits.append(_Hit(edit[0][0], edit[0][1], self.phrases[fid], edit[2], len(f)))
                    break
        return hits

    def _edits(self, text: str, st: int, f: str, is_word: IsWord | None) -> list[tuple | None]:
        """The edits that turn the text at ``st`` into ``f``: ((start, end), changed positions, kind),
        or None where one does not; each checked only where its first and last characters (or enough
        of them) agree."""
        L = len(f)
        out = []
        w = text[st:st + L]
        if len(w) == L:
            m = sum(map(ne, w, f))
            if m == 1 or (m == 2 and (L >= MIN_TWO_REPLACED or set(w) == set(f))):  # replaced, or swapped
                out.append(self._same_length(text, st, f, is_word))
        if is_word is not None:
            first, last = f[0], f[-1]
            for a in (st - 1, st):
                if a >= 0 and text[a:a + 1] == first and text[a + L:a + L + 1] == last:
                    out.append(self._extra(text, a, f, is_word))
            if L >= MIN_MISSING:
                for a in (st, st + 1):
                    if text[a:a + 1] == first and text[a + L - 2:a + L - 1] == last:
                        out.append(self._missing(text, a, f, is_word))
        return out

    def _same_length(self, text: str, st: int, f: str, is_word: IsWord | None) -> tuple | None:
        """Characters replaced by similar ones (音近形近), or two neighbours swapped (字序颠倒)."""
        L = len(f)
        w = text[st:st + L]
        diff = [i for i in range(L) if w[i] != f[i]]
        if is_word is not None and is_word(w):  # the window is itself an ordinary word
            return None
        if len(diff) == 2 and diff[1] == diff[0] + 1 and w[diff[0]] == f[diff[1]] and w[diff[1]] == f[diff[0]]:
            if is_word is not None and is_word(w[diff[0]:diff[1] + 1]):  # 安平: a word, not 平安 swapped
                return None
            return (st, st + L), [st + d for d in diff], "swap"
        if len(diff) > _max_replaced(L) or any(f[i] in self.no_replace for i in diff):
            return None
        if L <= SHORT and is_word is not None and any(_forms_word(text, st + i, is_word) for i in diff):
            return None
        sim = self.similar()
        if all(w[i] in sim.get(f[i], "") for i in diff):
            return (st, st + L), [st + d for d in diff], "replace"
        return None

    def _extra(self, text: str, a: int, f: str, is_word: IsWord) -> tuple | None:
        """One Chinese character too many inside the phrase at ``a`` (多字; not punctuation, not 的)."""
        L = len(f)
        w = text[a:a + L + 1]
        for i in range(2, L - 1):  # two characters or more on each side
            if (w[:i] + w[i + 1:] == f and "\u4e00" <= w[i] <= "\u9fff" and w[i] not in self.insert_ok
                    and not _at_word_edge(text, a + i, a + i + 1, is_word)):
                return (a, a + L + 1), [a + i], "extra"
        return None

    def _missing(self, text: str, a: int, f: str, is_word: IsWord) -> tuple | None:
        """One character missing inside the phrase at ``a`` (缺字)."""
        L = len(f)
        w = text[a:a + L - 1]
        for j in range(2, L - 2):  # two characters or more on each side (not 浙江人|当家作主)
            if (f[:j] + f[j + 1:] == w and not is_word(text[a + j - 1:a + j + 1])
                    and not _at_word_edge(text, a + j, a + j, is_word)):
                return (a, a + L - 1), [a + j - 1, a + j], "missing"
        return None

    def _finding(self, norm: Normalized, h: _Hit) -> Finding:
        s, e = norm.to_original_span(h.start, h.end)
        wrong = norm.original[s:e]
        how = {"replace": "用字有误", "swap": "字序颠倒", "missing": "缺字", "extra": "多字"}[h.kind]
        return Finding("expression", RULE, "block", s, e, wrong, h.suggestion,
                       f"规范提法“{h.suggestion}”{how}：“{wrong}”")

    def _order_findings(self, norm: Normalized, items: list[tuple[int, int]]) -> list[Finding]:
        """Lists whose items are all written one after another, in another order (固定排序)."""
        out = []
        for chain in self._chains(norm.compact, items):
            for lid, lst in enumerate(self.lists):
                n = len(lst.norms)
                for i in range(len(chain) - n + 1):
                    window = chain[i:i + n]
                    got = [norm.compact[s:e] for s, e in window]
                    if got != list(lst.norms) and sorted(got) == sorted(lst.norms):
                        out.append(self._order_finding(norm, lst, window))
        return out

    def _chains(self, text: str, items: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """Runs of list items separated by at most ``MAX_GAP`` separators (longest item first)."""
        items.sort(key=lambda x: (x[0], -x[1]))
        chains: list[list[tuple[int, int]]] = []
        last_end = -1
        for s, e in items:
            if s < last_end:
                continue
            gap = text[last_end:s] if last_end >= 0 else None
            if gap is not None and len(gap) <= MAX_GAP and all(c in self.separators for c in gap):
                chains[-1].append((s, e))
            else:
                chains.append([(s, e)])
            last_end = e
        return [c for c in chains if len(c) > 1]

    def _order_finding(self, norm: Normalized, lst: _List, window: list[tuple[int, int]]) -> Finding:
        spans = [norm.to_original_span(s, e) for s, e in window]
        original = norm.original
        right = lst.items[0]
        for k in range(1, len(spans)):
            right += original[spans[k - 1][1]:spans[k][0]] + lst.items[k]
        s, e = spans[0][0], spans[-1][1]
        wrong = original[s:e]
        return Finding("expression", ORDER_RULE, "block", s, e, wrong, right,
                       f"“{lst.name}”的固定顺序为“{'、'.join(lst.items)}”")


def _max_replaced(n: int) -> int:
    return 2 if n >= MIN_TWO_REPLACED else 1


def _anchors_needed(n: int) -> int:
    """How many of a phrase's pieces (and swapped pieces) at one alignment survive every edit checked
    here: each replaced character breaks two, a swap three (and makes one swapped piece), a missing
    or extra character (two or more on each side) splits them between two alignments."""
    if n <= MIN_FUZZY:
        return 1
    fewest = [n - 1 - 2 * _max_replaced(n), n - 3, (n - 1) // 2]
    if n >= MIN_MISSING:
        fewest.append((n - 2) // 2)
    return max(1, min(fewest))


def _at_word_edge(text: str, i: int, j: int, is_word: IsWord) -> bool:
    """True when a word of two or more characters ends at ``i`` and another starts at ``j`` (词边界):
    the text there reads as ordinary words (中国|现代化, 高质量|的|发展, 热爱|统一战线)."""
    return (any(is_word(text[a:i]) for a in range(max(0, i - 4), i - 1))
            and any(is_word(text[j:b]) for b in range(j + 2, min(len(text), j + 4) + 1)))


def _forms_word(text: str, p: int, is_word: IsWord) -> bool:
    """True when the replaced character at ``p`` forms a word with a neighbour (数值|中国, 美术|字中国)."""
    return (p > 0 and is_word(text[p - 1:p + 1])) or is_word(text[p:p + 2])


def _variants(f: str, similar: dict[str, str], no_replace: frozenset[str]) -> list[str]:
    """``f`` with one character replaced by a similar one (音近形近), or two neighbours swapped (字序颠倒)."""
    out = [f[:i] + c + f[i + 1:] for i, ch in enumerate(f) if ch not in no_replace for c in similar.get(ch, "")]
    return out + [f[:i] + f[i + 1] + f[i] + f[i + 2:] for i in range(len(f) - 1) if f[i] != f[i + 1]]


_KIND_RANK = {"replace": 0, "swap": 0, "extra": 1, "missing": 2}  # as ``_edits`` tries them


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping hits, the one of the longest formulation (the first, then as ``_edits`` tries them)."""
    kept: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (-h.length, h.start, _KIND_RANK[h.kind])):
        if not any(h.start < k.end and k.start < h.end for k in kept):
            kept.append(h)
    return kept
