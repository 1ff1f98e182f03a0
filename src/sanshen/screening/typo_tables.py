"""The typo detector's tables on disk (错别字词表缓存), read shard by shard as texts need them.

Building ``TypoDetector`` takes seconds, and even reading all its dictionaries back from a file
takes most of a second, while a text of a few hundred characters looks up a few hundred entries.
So the cache file (``cache``) holds the tables ``find`` reads *sharded by the first character of
their keys*, each shard decoded when a text first needs it.  ``CachedTypoDetector`` runs the
detector's own code over them, with its three automata (which cannot be stored) replaced by
look-ups that give the same matches in the same order: the findings are the same.

Look-ups cost more per character than automata, so once a process has screened
``IN_MEMORY_AFTER`` characters this way (about what building costs) it builds the in-memory
detector once and hands it every later text: a server worker pays the build only when it has
that much to screen, ``sanshen screen`` on a few files never.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import threading

from . import cache, particles, typos
from .typos import TypoDetector

# The tables of a shard, in order; the literal pairs and the sound keys of three or more syllables
# are keyed by pattern here (the in-memory detector indexes them by automaton pattern number).
_TABLES = ("freq", "_logf", "_known", "_cross_words", "_prefixes", "_lit_vals", "_long_words",
           "_pair_by_first", "_pair_by_second", "_pair_key_best", "_classes")
_LITERAL = _TABLES.index("_lit_vals")
_LONG = _TABLES.index("_long_words")
_EMPTY = ({},) * len(_TABLES)

IN_MEMORY_AFTER = 500_000  # characters screened over the file's tables before the in-memory build

_detector: TypoDetector | None = None
_lock = threading.Lock()


def detector() -> TypoDetector:
    """The typo detector the engine screens with, one per process (``load_or_build``)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                _detector = load_or_build()
    return _detector


def load_or_build() -> TypoDetector:
    """A detector over the cache file's tables; without a usable file, the in-memory detector
    (``TypoDetector.default()``), whose tables are then written for the next process."""
    return cache.cached("typos", key(), TypoDetector.default, _dump, _load)


def key(packs_dir: str | None = None) -> str:
    """The cache key: the contents of the typo packs (``typo*``), jieba's dictionary (size and
    time: the word classes of ``particles``) and what every key holds (``cache``)."""
    folder = packs_dir or typos.PACKS
    st = os.stat(particles.jieba_dictionary())
    h = hashlib.sha256(f"{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for name in sorted(os.listdir(folder)):
        if name.startswith("typo"):
            with open(os.path.join(folder, name), "rb") as fh:
                h.update(name.encode() + b"\0" + fh.read() + b"\0")
    return cache.key("typos", h.digest())


def _dump(det: TypoDetector) -> bytes:
    tables = [getattr(det, name) for name in _TABLES]
    tables[_LITERAL] = dict(zip(det._literal.patterns, det._lit_vals))
    tables[_LONG] = dict(zip(det._sound_long.patterns, det._long_words))
    shards: dict[str, list] = {}
    for i, table in enumerate(tables):
        for k in table:
            shard = shards.get(k[0])
            if shard is None:
                shard = shards[k[0]] = [{} if isinstance(t, dict) else set() for t in tables]
            if isinstance(table, dict):
                shard[i][k] = table[k]
            else:
                shard[i].add(k)
    partners: dict[str, list[str]] = {}
    rare = []
    for p in det._pair_scan.patterns:
        if len(p) == 1:
            rare.append(p)
        else:
            partners.setdefault(p[0], []).append(p[1])
    eager = (det._logtotal, det._clog, "".join(det._tlist), {a: "".join(bs) for a, bs in partners.items()},
             "".join(rare), sorted({len(p) for p in det._literal.patterns}),
             sorted({len(p) for p in det._sound_long.patterns}), det._terms.patterns)
    return marshal.dumps((eager, {c: marshal.dumps(tuple(shard)) for c, shard in shards.items()}))


def _load(payload) -> "CachedTypoDetector":
    eager, blobs = marshal.loads(payload)
    return CachedTypoDetector(eager, blobs)


class _Shards:
    """The file's shards by first character, each decoded on first use: one piece of every table."""

    def __init__(self, blobs: dict[str, bytes]):
        self._blobs = blobs
        self._decoded: dict[str, tuple] = {}

    def shard(self, ch: str) -> tuple:
        got = self._decoded.get(ch)
        if got is None:
            blob = self._blobs.get(ch)
            got = self._decoded[ch] = _EMPTY if blob is None else marshal.loads(blob)
        return got


class _View:
    """One table across the shards, read as the dict or set it was: ``get``, ``in``, ``[]``."""

    __slots__ = ("_shard", "_i")

    def __init__(self, shards: _Shards, i: int):
        self._shard = shards.shard
        self._i = i

    def get(self, key, default=None):
        return self._shard(key[:1])[self._i].get(key, default)

    def __contains__(self, key) -> bool:
        return key in self._shard(key[:1])[self._i]

    def __getitem__(self, key):
        return self._shard(key[:1])[self._i][key]


class _Lookups:
    """The keys of one table found in a text as ``typos._Matcher(keys, overlapping=True).find``
    finds them (every occurrence, by end, the longest first), with the key in place of its number."""

    def __init__(self, shards: _Shards, i: int, lengths: list[int]):
        self._shard = shards.shard
        self._i = i
        self._lengths = lengths  # of the keys, ascending

    def find(self, text: str) -> list[tuple[str, int, int]]:
        shard, i, lengths = self._shard, self._i, self._lengths
        n = len(text)
        found = []
        for s in range(n):
            keys = shard(text[s])[i]
            if keys:
                for m in lengths:
                    if s + m > n:
                        break
                    k = text[s:s + m]
                    if k in keys:
                        found.append((s + m, s, k))
        found.sort()  # (end, start) is never the same twice
        return [(k, s, e) for e, s, k in found]


class _PairLookups:
    """``TypoDetector``'s pair scan as look-ups: the pairs of common characters (the second
    characters of each first one in a string) and the rare characters, in no particular order."""

    def __init__(self, partners: dict[str, str], rare: str):
        self._partners = partners
        self._rare = frozenset(rare)

    def find(self, scan: str) -> list[tuple[int, int, int]]:
        get, rare = self._partners.get, self._rare
        last = len(scan) - 1
        out = []
        for s, c in enumerate(scan):
            if c in rare:
                out.append((0, s, s + 1))
            seconds = get(c)
            if seconds is not None and s < last and scan[s + 1] in seconds:
                out.append((0, s, s + 2))
        return out


class CachedTypoDetector(TypoDetector):
    """``TypoDetector``'s ``find`` over the cache file's tables (错别字检测，读缓存), and after
    ``IN_MEMORY_AFTER`` characters over the in-memory detector's."""

    def __init__(self, eager: tuple, blobs: dict[str, bytes]):  # reads, does not build: no super().__init__
        shards = _Shards(blobs)
        for i, name in enumerate(_TABLES):
            setattr(self, name, _View(shards, i))
        self._logtotal, self._clog, tlist, partners, rare, lit_lengths, long_lengths, terms = eager
        self._terms = typos._Matcher(terms, overlapping=True)  # a few hundred: built in well under a millisecond
        self._tlist = list(tlist)
        self._literal = _Lookups(shards, _LITERAL, lit_lengths)
        self._sound_long = _Lookups(shards, _LONG, long_lengths)
        self._pair_scan = _PairLookups(partners, rare)
        self._pair_memo: dict = {}
        self._screened = 0
        self._full: TypoDetector | None = None
        self._full_lock = threading.Lock()

    def in_memory(self) -> TypoDetector:
        """The in-memory detector, built once per process (``TypoDetector.default()``)."""
        if self._full is None:
            with self._full_lock:
                if self._full is None:
                    self._full = TypoDetector.default()
        return self._full

    def find(self, text: str):
        full = self._full
        if full is None:
            self._screened += len(text)
            if self._screened <= IN_MEMORY_AFTER:
                return super().find(text)
            full = self.in_memory()
        return full.find(text)

    def candidates(self, text: str, _prefilter: bool = False):
        if _prefilter:
            return super().candidates(text, True)
        return self.in_memory().candidates(text)  # the plain list needs tables the file does not hold
