"""Typo (错别字) detection: a curated list plus a method that generalises beyond any list.

Three sources of candidates, each found with one Aho-Corasick scan:

1. Listed pairs (``packs/typos_common.tsv``, curated; ``packs/typo_attested.tsv``, mined) matched
   literally in the text.
2. Same-sound candidates: the text is mapped character by character to a "sound class" (the
   toneless pinyin of the character, one private-use code point per syllable) and scanned for the
   sound classes of known words and idioms (``packs/typo_vocab.tsv``, from jieba's dictionary).
   Where the sound matches a word but the characters do not (one character different in a word
   of two or three characters, up to two in an idiom of four or more), and the characters in the
   text are not themselves a common word, the word is a candidate correction: 部暑 → 部署,
   未雨筹谋 → 未雨绸缪.
3. Similar-shape candidates: variants of known words with one character replaced by a
   similar-shape character (``packs/typo_shape.tsv``, from pycorrector), matched literally.

Every candidate is then verified in a small window of context with a unigram language model over
the same word frequencies: the best segmentation of the window as written is compared with the
best segmentation after the correction.  Only a correction that makes the window clearly more
probable (by a margin that depends on how trustworthy the source is) is reported; a generated
candidate whose unchanged edge character makes a common word with the text outside it (委主要:
主要) needs a larger margin.  That keeps ordinary prose quiet: 以经济建设为中心 does not become
已经济, and 是实施 does not become 事实施.
No correction changes a character inside a known policy term (规范政策用语,
``packs/typo_known_terms.txt``), found with one more scan: 上云用数赋智 keeps its 赋智.

Nothing here downloads anything; the packs are plain files shipped with the package.  The engine
screens with ``typo_tables.detector()``: this detector's code over its tables as a cache file keeps
them, so that a new process need not build it.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import threading

from . import particles
from .findings import Finding

try:  # the Rust automaton (fast, bulk results); pyahocorasick is the fallback
    import ahocorasick_rs as _acrs
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _acrs = None

PACKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "packs")
TERMS_PACK = "typo_known_terms.txt"

CATEGORY = "typo"
_CJK_RE = re.compile(r"[\u4e00-\u9fff]+")
_PUA_BASE = 0xE000
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# Minimum log-probability gain (natural log) that a correction must bring to its window.
MARGIN_LISTED = 1.0  # curated pairs: trusted, the check only guards against word boundaries
MARGIN_ATTESTED = 4.0  # mined from the dictionary: an observed misspelling
MARGIN_SOUND = 6.0  # generated same-sound candidates
MARGIN_SHAPE = 8.5  # generated similar-shape candidates
MARGIN_KEPT_JOINS = 2.0  # extra margin when a kept edge character joins a word outside the span
MARGIN_IN_VOCAB = 3.0  # extra margin when the written form is itself a dictionary word
LOCAL_MIN_GAIN = 4.0  # generated candidates whose span alone gains less are dropped unchecked
MARGIN_PARTICLE = 1.0  # rank of a 的/地/得 rule's finding (``particles``) among overlapping ones
MARGIN_HINT_BELOW = 1.5  # same-sound candidates this close below the margin: an info hint

_GENERATED = ("sound", "shape")

WINDOW = 5  # characters of context on each side for the verification
MAX_WORD = 8

# Pattern words: which dictionary words are used as targets of a correction.
MIN_FREQ_BY_LEN = {2: 60, 3: 30}
MIN_FREQ_LONG = 10  # 4+ characters, not tagged as idiom
# A text span that is itself a word at least this frequent is never a typo candidate.
KNOWN_WORD_FREQ = 30
# A word at least this frequent that runs across the edge of a generated candidate vetoes it.
CROSS_FREQ = 20
# Characters at least this probable (unigram log-probability) are matched in pairs by the pair
# scan, rarer ones on their own (any value gives the same findings; lower builds a larger scan
# that reports fewer characters).
COMMON_CHAR_LOGP = -12.0


# For a two-character span text[s:s+2] with one character changed: the (start, end) offsets,
# relative to s, of every text[a:b] (2 to 4 characters) that holds the changed character and runs
# across an edge of the span -- exactly the slices _crosses looks at, most likely first.
_PAIR_CROSS = {
    0: ((-1, 1), (-3, 1), (-2, 1), (-2, 2), (-1, 2), (-1, 3), (0, 3), (0, 4)),
    1: ((1, 3), (-2, 2), (-1, 2), (-1, 3), (0, 3), (0, 4), (1, 4), (1, 5)),
}


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _non_overlapping(ranked: list, n: int) -> list:
    """The ranked (score, start, end, ...) candidates that overlap no better one before them
    (不重叠的候选), in rank order: each span's characters marked once, linear in the text."""
    used = bytearray(n)
    kept = []
    for c in ranked:
        s, e = c[1], c[2]
        if used.find(1, s, e) < 0:
            used[s:e] = b"\x01" * (e - s)
            kept.append(c)
    return kept


def _read_body(name: str) -> str:
    """A pack file without its leading comment lines."""
    with open(os.path.join(PACKS, name), encoding="utf-8") as fh:
        data = fh.read()
    i = 0
    while data.startswith("#", i):
        j = data.find("\n", i)
        i = len(data) if j < 0 else j + 1
    return data[i:]


def _read_rows(name: str):
    path = os.path.join(PACKS, name)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line or line[0] == "#":
                continue
            line = line.rstrip("\n")
            if line:
                yield line.split("\t")


class _Matcher:
    """Minimal wrapper: all (pattern index, start, end) matches, overlapping or not."""

    def __init__(self, patterns: list[str], overlapping: bool):
        self.overlapping = overlapping
        self.patterns = patterns
        if _acrs is not None:
            kind = _acrs.MatchKind.Standard if overlapping else _acrs.MatchKind.LeftmostLongest
            self._ac = _acrs.AhoCorasick(patterns, matchkind=kind) if patterns else None
            self._py = None
        else:  # pragma: no cover
            import ahocorasick

            self._ac = None
            self._py = ahocorasick.Automaton()
            for i, p in enumerate(patterns):
                self._py.add_word(p, (i, len(p)))
            if patterns:
                self._py.make_automaton()
            else:
                self._py = None

    def find(self, text: str):
        if self._ac is not None:
            return self._ac.find_matches_as_indexes(text, overlapping=self.overlapping)
        if self._py is None:
            return []
        out = [(i, end - n + 1, end + 1) for end, (i, n) in self._py.iter(text)]
        if self.overlapping:
            return out
        # leftmost-longest, non-overlapping
        out.sort(key=lambda m: (m[1], -(m[2] - m[1])))
        chosen, last = [], -1
        for m in out:
            if m[1] >= last:
                chosen.append(m)
                last = m[2]
        return chosen


class TypoDetector:
    """Finds 错别字 and suggests the corrected form.  Build once (``default()``), call ``find``."""

    _default: "TypoDetector | None" = None
    _lock = threading.Lock()

    @classmethod
    def default(cls) -> "TypoDetector":
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    def __init__(self, packs_dir: str | None = None):
        global PACKS
        if packs_dir:
            PACKS = packs_dir
        self._load_vocab()
        self._load_sound()
        self._load_literal()
        self._terms = _Matcher(self.known_terms(), overlapping=True)
        self._classes = particles.word_classes()

    def is_word(self, word: str) -> bool:
        """An ordinary word (常用词): in the dictionary at least ``KNOWN_WORD_FREQ`` times."""
        return self.freq.get(word, 0) >= KNOWN_WORD_FREQ

    def in_memory(self) -> "TypoDetector":
        """The detector with all its tables in memory: this one (``typo_tables`` has one that is not)."""
        return self

    # ------------------------------------------------------------------ loading

    def _load_vocab(self):
        toks = _read_body("typo_vocab.tsv").split()
        freq = dict(zip(toks[0::2], map(int, toks[1::2])))
        self.freq = freq
        self._logf = {w: math.log(f) for w, f in freq.items()}  # what _best adds up
        self.idioms = set(_read_body("typo_idioms.txt").split())
        self._logtotal = math.log(sum(freq.values()))
        # Spans that are words in their own right are never generated candidates.
        self._known = {w for w, f in freq.items() if f >= KNOWN_WORD_FREQ} | self.idioms
        self._cross_words = {w for w, f in freq.items() if f >= CROSS_FREQ and len(w) <= 4}
        self._maxlen = MAX_WORD
        lt = self._logtotal
        log = math.log
        # Unigram log-probabilities (log f - log total), as find's span pre-check computes them.
        self._clog = {w: log(f) - lt for w, f in freq.items() if len(w) == 1}
        # The first two characters of the longer words, and the longer proper prefixes of the
        # words of four to MAX_WORD characters: _best extends a word at a position only while
        # what it has read is the beginning of a longer word.
        prefixes = {w[:2] for w in freq if len(w) > 2}
        prefixes.update(w[:m] for w in freq if 3 < len(w) <= MAX_WORD for m in range(3, len(w)))
        self._prefixes = prefixes

    def _load_sound(self):
        syll_code: dict[str, str] = {}
        table: dict[int, str] = {}
        for row in _read_rows("typo_pinyin.tsv"):
            p = row[1].split(" ", 1)[0]
            code = syll_code.get(p)
            if code is None:
                code = syll_code[p] = chr(_PUA_BASE + len(syll_code))
            table[ord(row[0])] = code
        self._table = table
        # Target words grouped by their sound-class string.
        groups: dict[str, list[str]] = {}
        min2, min3 = MIN_FREQ_BY_LEN[2], MIN_FREQ_BY_LEN[3]
        for w, f in self.freq.items():
            n = len(w)
            if n == 2:
                if f < min2:
                    continue
            elif n == 3:
                if f < min3:
                    continue
            elif n < 2 or (f < MIN_FREQ_LONG and w not in self.idioms):
                continue
            groups.setdefault(w.translate(table), []).append(w)
        for row in _read_rows("typo_readings.tsv"):
            w = row[0]
            if w not in self.freq:
                continue
            sy = row[1].split()
            if len(sy) == len(w) and all(x in syll_code for x in sy):
                key = "".join(syll_code[x] for x in sy)
                lst = groups.setdefault(key, [])
                if w not in lst:
                    lst.append(w)
        keys = list(groups)
        self._sound_words = [groups[k] for k in keys]
        # For two-character words: index the group by first and by second character, so a span
        # finds its one-character-different words with two look-ups.  Per key, {char: (best
        # log-probability of the words, ((word, other character, log-probability), ...))};
        # None for keys of three or more characters.
        lt = self._logtotal
        log = math.log
        freq = self.freq
        fast = []
        append = fast.append
        for k in keys:
            if len(k) != 2:
                append(None)
                continue
            d0: dict[str, tuple] = {}
            d1: dict[str, tuple] = {}
            for w in groups[k]:
                wl = log(freq[w]) - lt
                a, b = w
                h = d0.get(a)
                d0[a] = (wl, ((w, b, wl),)) if h is None else (max(h[0], wl), h[1] + ((w, b, wl),))
                h = d1.get(b)
                d1[b] = (wl, ((w, a, wl),)) if h is None else (max(h[0], wl), h[1] + ((w, a, wl),))
            append((d0, d1))
        self._pair_fast = fast
        self._pair_memo: dict = {}
        # The same groups keyed by (text character + sound key) and (sound key + text
        # character): a two-character span finds them with two look-ups of strings made from
        # the text and its sound-class string, without the key index.
        p0: dict[str, tuple] = {}
        p1: dict[str, tuple] = {}
        for k, pf in zip(keys, fast):
            if pf is not None:
                for a, h in pf[0].items():
                    p0[a + k] = h
                for b, h in pf[1].items():
                    p1[k + b] = h
        self._pair_by_first = p0
        self._pair_by_second = p1
        # Per two-character sound key: the best log-probability of all its words, a bound that
        # rules out most spans before the look-ups above (as in _pair_words, (x - la) - lb is
        # monotonic in x).
        self._pair_key_best = {
            k: max(max(h[0] for h in pf[0].values()), max(h[0] for h in pf[1].values()))
            for k, pf in zip(keys, fast)
            if pf is not None
        }
        self._sound_keys = keys
        # Two-character sound classes are looked up directly (a dict, no automaton); the
        # automaton holds only the longer ones, with their index in ``keys``.
        self._key2 = {k: i for i, k in enumerate(keys) if len(k) == 2}
        self._long_idx = [i for i, k in enumerate(keys) if len(k) != 2]
        self._sound_long = _Matcher([keys[i] for i in self._long_idx], overlapping=True)
        self._long_words = [self._sound_words[i] for i in self._long_idx]  # per pattern of _sound_long
        # The sound-class table as a list indexed by code point (faster for str.translate; a
        # code point past its end raises IndexError, a LookupError: left unchanged).
        tl = [chr(c) for c in range(max(table) + 1)] if table else []
        for c, k in table.items():
            tl[c] = k
        self._tlist = tl
        self._pair_scan = _Matcher(self._pair_scan_patterns(), overlapping=True)

    def _pair_scan_patterns(self) -> list[str]:
        """What the pair scan looks for: every pair of common characters that may have
        same-sound candidates (``_pair_result`` not empty), and every rare character that may
        be one character of such a pair.  A two-character span the scan does not report has no
        same-sound candidates.

        Span (a, b) has candidates only if the sound group of a + the sound classes of (a, b)
        has a word whose log-probability, less those of a and b, reaches ``LOCAL_MIN_GAIN`` (or
        the same with the group of the sound classes + b): for a kept character and its group,
        that bounds the log-probability of the other character, so the pairs are read off the
        same-sound characters sorted by log-probability (with a little slack for rounding; the
        exact test stays ``_pair_result``'s)."""
        clog = self._clog
        neglt = -self._logtotal
        tl = self._tlist
        by_first, by_second = self._pair_by_first, self._pair_by_second
        kept_chars = {k[0] for k in by_first} | {k[2] for k in by_second}
        changed_sounds = {k[2] for k in by_first} | {k[0] for k in by_second}
        # A character outside the sound table is its own sound class, so every character that
        # can be in such a pair is in the table, in kept_chars or in changed_sounds.
        chars = kept_chars | changed_sounds | set(map(chr, self._table))
        common: dict[str, list[tuple[float, str]]] = {}  # sound class -> [(log p, character)]
        rare = []
        for c in chars:
            lp = clog.get(c, neglt)
            sound = c.translate(tl)
            if lp >= COMMON_CHAR_LOGP:
                common.setdefault(sound, []).append((lp, c))
            elif c in kept_chars or sound in changed_sounds:
                rare.append(c)
        for group in common.values():
            group.sort()
        logps = {sound: [lp for lp, _ in group] for sound, group in common.items()}

        def partners(kept: str, kept_sound: str, sound: str, best: float) -> list[str]:
            """The common characters of sound class `sound` that may make a span with the common
            character `kept` (of sound class `kept_sound`) pass the bound of a group whose best
            word has log-probability `best`."""
            lk = clog.get(kept, neglt)
            if lk < COMMON_CHAR_LOGP or kept.translate(tl) != kept_sound or sound not in common:
                return []
            n = bisect.bisect_right(logps[sound], best - lk - LOCAL_MIN_GAIN + 1e-9)
            return [c for _, c in common[sound][:n]]

        pairs: set[str] = set()
        for key, h in by_first.items():  # first character + the two sound classes
            pairs.update([key[0] + b for b in partners(key[0], key[1], key[2], h[0])])
        for key, h in by_second.items():  # the two sound classes + second character
            pairs.update([a + key[2] for a in partners(key[2], key[1], key[0], h[0])])
        pairs -= self._known
        return [*pairs, *rare]

    def _sound_matches(self, sc: str):
        """All (key index, start, end) of the sound keys in the sound-class string `sc`, in the
        order of an overlapping Aho-Corasick scan (by end, longest first)."""
        long_idx = self._long_idx
        items = [(e, s, long_idx[i]) for i, s, e in self._sound_long.find(sc)]
        key2 = self._key2
        for s in range(len(sc) - 1):
            k = key2.get(sc[s : s + 2])
            if k is not None:
                items.append((s + 2, s, k))
        items.sort()
        return [(i, s, e) for e, s, i in items]

    def _pair_words(self, span: str, k: int):
        """For a two-character span of sound key `k`, not a known word: (words with the second
        character replaced, words with the first replaced) that pass find's span-only
        pre-check, in candidate order; () if there are none."""
        a, b = span
        pf = self._pair_fast[k]
        clog = self._clog
        neglt = -self._logtotal
        la = clog.get(a, neglt)
        lb = clog.get(b, neglt)
        out = []
        for h, keep in ((pf[0].get(a), b), (pf[1].get(b), a)):
            ws = ()
            # (x - la) - lb is monotonic in x: if the best word fails, all do.
            if h is not None and h[0] - la - lb >= LOCAL_MIN_GAIN:
                ws = tuple(w for w, x, wl in h[1] if x != keep and wl - la - lb >= LOCAL_MIN_GAIN)
            out.append(ws)
        return tuple(out) if out[0] or out[1] else ()

    def _pair_result(self, span: str, k2: str):
        """``_pair_words_h`` for a two-character span of sound classes `k2`, with the group
        look-ups and the per-key bound first."""
        a, b = span
        neglt = -self._logtotal
        m = self._pair_key_best.get(k2)
        if m is None or m - self._clog.get(a, neglt) - self._clog.get(b, neglt) < LOCAL_MIN_GAIN:
            return ()
        h0 = self._pair_by_first.get(a + k2)
        h1 = self._pair_by_second.get(k2 + b)
        return () if h0 is None and h1 is None else self._pair_words_h(span, h0, h1)

    def _pair_starts(self, scan: str) -> list[int]:
        """The starts of the two-character spans of `scan` the pair scan reports, in order: a
        pair, or either span that holds a rare character."""
        starts = set()
        for _, s, e in self._pair_scan.find(scan):
            if e - s == 1:  # a rare character
                starts.add(s - 1)
            starts.add(s)
        starts.discard(-1)
        starts.discard(len(scan) - 1)
        return sorted(starts)

    def _pair_words_h(self, span: str, h0, h1):
        """``_pair_words`` with the two groups already looked up (``None`` where there is
        none); () also when the span is a known word."""
        if span in self._known:
            return ()
        a, b = span
        clog = self._clog
        neglt = -self._logtotal
        la = clog.get(a, neglt)
        lb = clog.get(b, neglt)
        ws0 = ws1 = ()
        # (x - la) - lb is monotonic in x: if the best word fails, all do.
        if h0 is not None and h0[0] - la - lb >= LOCAL_MIN_GAIN:
            ws0 = tuple(w for w, x, wl in h0[1] if x != b and wl - la - lb >= LOCAL_MIN_GAIN)
        if h1 is not None and h1[0] - la - lb >= LOCAL_MIN_GAIN:
            ws1 = tuple(w for w, x, wl in h1[1] if x != a and wl - la - lb >= LOCAL_MIN_GAIN)
        return (ws0, ws1) if ws0 or ws1 else ()

    @property
    def _pair_index(self):
        """Per sound key: ({first char: words}, {second char: words}) (used by ``candidates``
        without the pre-filter), built on first use."""
        pi = self.__dict__.get("_pair_index_cache")
        if pi is None:
            pi = self.__dict__["_pair_index_cache"] = self._build_pair_index()
        return pi

    def _build_pair_index(self):
        return [
            ({}, {})
            if pf is None
            else tuple({c: [t[0] for t in ts[1]] for c, ts in d.items()} for d in pf)
            for pf in self._pair_fast
        ]

    def _load_literal(self):
        """Listed pairs and similar-shape variants, matched literally (listed pairs win)."""
        entries: dict[str, tuple[str, str, str]] = {}  # wrong -> (right, source, kind)
        toks = _read_body("typo_shape_variants.tsv").split()
        for v, w in zip(toks[0::2], toks[1::2]):
            entries[v] = (w, "shape", "replace")
        for row in _read_rows("typo_attested.tsv"):
            entries[row[0]] = (row[1], "attested", "replace")
        for row in _read_rows("typos_common.tsv"):
            if len(row) >= 3:
                entries[row[0]] = (row[1], "listed", row[2])
        self.pairs = {k: v for k, v in entries.items() if v[1] != "shape"}
        keys = list(entries)
        self._lit_vals = [entries[k] for k in keys]
        self._literal = _Matcher(keys, overlapping=True)

    @staticmethod
    def known_terms() -> list[str]:
        """The known policy terms (规范政策用语) of ``packs/typo_known_terms.txt``."""
        return [row[0] for row in _read_rows(TERMS_PACK)]

    def _outside_terms(self, text: str, scored: list) -> list:
        """The scored candidates that change no character inside a known policy term."""
        try:
            terms = self._terms.find(text)
        except UnicodeEncodeError:  # lone surrogates, as in ``candidates``
            terms = self._terms.find(_SURROGATE_RE.sub("\ufffd", text))
        if not terms:
            return scored
        inside = {p for _, a, b in terms for p in range(a, b)}
        kept = []
        for c in scored:
            s, e, right = c[1], c[2], c[3]
            if len(right) == e - s:
                changed = [s + k for k, (x, y) in enumerate(zip(text[s:e], right)) if x != y]
            else:
                changed = range(s, e)
            if inside.isdisjoint(changed):
                kept.append(c)
        return kept

    # ------------------------------------------------------------------ scoring

    def _best(self, s: str) -> float:
        """Log-probability of the best segmentation of `s` under the unigram model."""
        n = len(s)
        get = self._logf.get
        lt = self._logtotal
        neg = -1e18
        best = [neg] * (n + 1)
        best[0] = 0.0
        prefixes = self._prefixes
        for i in range(n):
            b = best[i]  # never `neg`: every position is reached by single characters
            # single character (unknown characters count as frequency 1)
            v = b + get(s[i], 0.0) - lt
            if v > best[i + 1]:
                best[i + 1] = v
            # Longer words: only while s[i:j] begins a word of more characters (none is longer
            # than MAX_WORD, the prefixes hold none longer than MAX_WORD - 1).
            for j in range(i + 2, n + 1):
                w = s[i:j]
                lf = get(w)
                if lf is not None:
                    v = b + lf - lt
                    if v > best[j]:
                        best[j] = v
                if w not in prefixes:
                    break
        return best[n]

    def _gain(self, text: str, start: int, end: int, right: str, memo: dict | None = None) -> float:
        lo = start
        while lo > 0 and start - lo < WINDOW and _is_cjk(text[lo - 1]):
            lo -= 1
        hi = end
        n = len(text)
        while hi < n and hi - end < WINDOW and _is_cjk(text[hi]):
            hi += 1
        before = text[lo:hi]
        after = text[lo:start] + right + text[end:hi]
        if memo is None:
            return self._best(after) - self._best(before)
        b = memo.get(before)
        if b is None:
            b = memo[before] = self._best(before)
        return self._best(after) - b

    # ------------------------------------------------------------------ finding

    def _kept_joins(self, text: str, s: int, e: int, right: str) -> bool:
        """Does an unchanged character at an edge of text[s:e] make a common word with the
        characters next to the span (委主要: 主要)?  Then the span is likely not one word."""
        words = self._cross_words
        n = len(text)
        if text[s] == right[0]:
            if any(text[a:s + 1] in words for a in range(max(0, s - 3), s)):
                return True
        if text[e - 1] == right[-1]:
            if any(text[e - 1:b] in words for b in range(e + 1, min(n, e + 3) + 1)):
                return True
        return False

    def _crosses(self, text: str, s: int, e: int, diff: tuple[int, ...]) -> bool:
        """Does a common word of the text join a changed character (positions `diff`) of
        text[s:e] to characters outside the span?  Then the span is a chance juxtaposition at a
        word boundary, not a misspelt word."""
        words = self._cross_words
        n = len(text)
        for edge in (s, e):
            for a in range(max(0, edge - 3), edge):
                for b in range(edge + 1, min(n, a + 4) + 1):
                    if (a < s or b > e) and any(a <= d < b for d in diff) and text[a:b] in words:
                        return True
        return False

    def _sound_diff(self, s: int, span: str, w: str) -> tuple[int, ...]:
        """The text positions where the same-sound span (starting at `s`) and the word `w`
        differ: one character in a word of two or three, up to two in a longer one; () otherwise."""
        diff = tuple(s + k for k, (x, y) in enumerate(zip(span, w)) if x != y)
        return diff if 0 < len(diff) <= (2 if len(span) >= 4 else 1) else ()

    def candidates(self, text: str, _prefilter: bool = False):
        """Yield (start, end, right, source, kind) before verification.

        With ``_prefilter`` (used by ``find``), generated (sound and shape) candidates that fail
        the span-only pre-check of ``find`` are dropped here already, before the costlier
        word-boundary check: ``find`` would drop them anyway, so its result is the same."""
        try:
            lit = self._literal.find(text)
            scan = text
        except UnicodeEncodeError:  # lone surrogates: scan a same-length stand-in
            scan = _SURROGATE_RE.sub("\ufffd", text)
            lit = self._literal.find(scan)
        freq = self.freq
        log = math.log
        lt = self._logtotal
        clog = self._clog
        neglt = -self._logtotal
        lit_vals = self._lit_vals
        if _prefilter:
            # The boundary check of _crosses, with the common words that run across each edge
            # position found once per text (many candidates share their edges).
            words = self._cross_words
            ntext = len(text)
            edge_memo: dict[int, tuple] = {}

            def edge_words(p):
                r = edge_memo.get(p)
                if r is None:
                    r = tuple(
                        (a, b)
                        for a in range(max(0, p - 3), p)
                        for b in range(p + 1, min(ntext, a + 4) + 1)
                        if text[a:b] in words
                    )
                    edge_memo[p] = r
                return r

            pc0, pc1 = _PAIR_CROSS[0], _PAIR_CROSS[1]

            def pair_crosses(s, offsets):
                for da, db in offsets:
                    a = s + da
                    b = s + db
                    if a >= 0 and b <= ntext and text[a:b] in words:
                        return True
                return False

            def crosses(text, s, e, diff):
                for edge in (s, e):
                    for a, b in edge_words(edge):
                        if a < s or b > e:
                            for d in diff:
                                if a <= d < b:
                                    return True
                return False

        else:
            crosses = self._crosses
        for i, s, e in lit:
            right, source, kind = lit_vals[i]
            if source == "shape":
                if _prefilter:
                    local = log(freq.get(right, 1)) - lt
                    for ch in text[s:e]:
                        local -= clog.get(ch, neglt)
                    if local < LOCAL_MIN_GAIN:
                        continue
                if crosses(
                    text, s, e, tuple(s + k for k, (x, y) in enumerate(zip(text[s:e], right)) if x != y)
                ):
                    continue
            yield s, e, right, source, kind
        known = self._known
        sc = scan.translate(self._tlist)
        if _prefilter:
            long_words = self._long_words
            # Sound matches of three or more characters: all of them, less the spans that are
            # words in their own right (never candidates).
            items = [
                (e, s, 0, long_words[i]) for i, s, e in self._sound_long.find(sc) if text[s:e] not in known
            ]
            # Two-character spans: only those the pair scan reports can have candidates, the
            # boundary check once for all words.  What a two-character span can become depends
            # on its two characters alone: memoised.
            pmemo = self._pair_memo
            if len(pmemo) > 100_000:
                pmemo.clear()
            append = items.append
            for s in self._pair_starts(scan):
                span = text[s : s + 2]
                r = pmemo.get(span)
                if r is None:
                    r = pmemo[span] = self._pair_result(span, sc[s : s + 2])
                if r:  # 1: the second character replaced, 2: the first
                    if r[0] and not pair_crosses(s, pc1):
                        append((s + 2, s, 1, r[0]))
                    if r[1] and not pair_crosses(s, pc0):
                        append((s + 2, s, 2, r[1]))
            items.sort()  # (end, start, side) is never the same twice: the targets are not compared
            for e, s, side, targets in items:
                if side:  # two characters, one replaced
                    for w in targets:
                        yield s, e, w, "sound", "replace"
                    continue
                span = text[s:e]
                for w in targets:
                    local = log(freq[w]) - lt
                    for ch in span:
                        local -= clog.get(ch, neglt)
                    if local < LOCAL_MIN_GAIN:
                        continue
                    diff = self._sound_diff(s, span, w)
                    if diff and not crosses(text, s, e, diff):
                        yield s, e, w, "sound", "replace"
            return
        matches = self._sound_matches(sc)
        pair_index = self._pair_index
        sound_words = self._sound_words
        for i, s, e in matches:
            span = text[s:e]
            if span in known:
                continue
            if e - s == 2:
                d0, d1 = pair_index[i]
                a, b = span
                for w in d0.get(a, ()):
                    if w[1] != b and not crosses(text, s, e, (s + 1,)):
                        yield s, e, w, "sound", "replace"
                for w in d1.get(b, ()):
                    if w[0] != a and not crosses(text, s, e, (s,)):
                        yield s, e, w, "sound", "replace"
                continue
            for w in sound_words[i]:
                diff = self._sound_diff(s, span, w)
                if diff and not crosses(text, s, e, diff):
                    yield s, e, w, "sound", "replace"

    def find(self, text: str) -> list[Finding]:
        if not text:
            return []
        scored: list[tuple[float, int, int, str, str, str]] = []
        freq = self.freq
        lt = self._logtotal
        log = math.log
        memo: dict[str, float] = {}
        for s, e, right, source, kind in self.candidates(text, _prefilter=True):
            if source in _GENERATED:
                # Cheap pre-check on the span alone before the windowed comparison.
                local = log(freq.get(right, 1)) - lt
                for ch in text[s:e]:
                    local -= log(freq.get(ch, 1)) - lt
                if local < LOCAL_MIN_GAIN:
                    continue
            gain = self._gain(text, s, e, right, memo)
            if kind == "context":  # depends on meaning: always only a hint
                scored.append((gain - 100.0, s, e, right, source, "info"))
                continue
            margin = {
                "listed": MARGIN_LISTED,
                "attested": MARGIN_ATTESTED,
                "sound": MARGIN_SOUND,
                "shape": MARGIN_SHAPE,
            }[source]
            if source in _GENERATED and text[s:e] in self.freq:
                margin += MARGIN_IN_VOCAB  # the span is itself a (rare) word: ask for more
            if source in _GENERATED and self._kept_joins(text, s, e, right):
                margin += MARGIN_KEPT_JOINS
            if gain >= margin:
                scored.append((gain - margin, s, e, right, source, "warn"))
            elif source == "sound" and gain >= margin - MARGIN_HINT_BELOW:
                scored.append((gain - margin, s, e, right, source, "info"))
        for k, right in particles.find(text, self._classes, self.is_word):
            scored.append((MARGIN_PARTICLE, k, k + 1, right, "particle", "warn"))
        if scored:
            scored = self._outside_terms(text, scored)
        if not scored:
            return []
        # Keep the best candidate among overlapping ones (warnings before hints).
        scored.sort(key=lambda c: (c[5] != "warn", -c[0], c[1]))
        out: list[Finding] = []
        for _, s, e, right, source, severity in _non_overlapping(scored, len(text)):
            wrong = text[s:e]
            if source == "particle" and wrong in particles.PARTICLES:
                msg = f"“的、地、得”用法：此处“{wrong}”应为“{right}”"
            elif severity == "warn":
                msg = f"疑似错别字：“{wrong}”应为“{right}”"
            elif source == "listed":
                msg = f"请核对用字：“{wrong}”可能应为“{right}”（视语境而定）"
            else:
                msg = f"可能的错别字：“{wrong}”是否应为“{right}”？"
            out.append(
                Finding(
                    category=CATEGORY,
                    rule=f"typo.{source}",
                    severity=severity,
                    start=s,
                    end=e,
                    text=wrong,
                    suggestion=right,
                    message=msg,
                )
            )
        out.sort(key=lambda f: (f.start, f.end))
        return out
