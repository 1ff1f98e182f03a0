"""Matching normalisation (归一化): evasion-proof text for matching, with offsets back.

Two views of a text are built, both in C-speed passes:

* ``folded`` — the text translated one code point for one code point (``str.translate``):
  full-width and other compatibility forms to their plain form (NFKC, where that gives one
  character), ASCII upper case to lower case, traditional characters to simplified ones (a
  character-level table built once from OpenCC's ``t2s``).  Same length as the input, so any
  offset in it is an offset in the original.
* ``compact`` — ``folded`` with *noise* removed: spaces of every kind, zero-width and other
  format characters, and symbols that evaders put between characters (``* · _ - . # ★ /``…).
  Sentence punctuation (，。、；：？！ and brackets) and line breaks are kept: they end a match.

Offsets in ``compact`` map back through *breakpoints* (one pair per run of removed noise), never
through per-character lists: ``to_original_span(s, e)`` returns the span in the original text
that covers the whole evaded form, from its first to its last matched character.
"""

from __future__ import annotations

import marshal
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from . import cache

# Characters removed for matching.  Unicode spaces (Zs), format characters (Cf: zero-width
# space/joiners, soft hyphen, BOM, bidi marks...) are added programmatically below.
_NOISE_SYMBOLS = (
    "*·•・‧∙⋅°_-‐‑‒–—―~～^|¦/\\#@+=.'\"`!$%&?<>"
    "★☆※○●◎◇◆□■△▲▽▼♀♂♪♫♥♡❤✓✔✕✖✗✘☑☒"
    "丶乂"
    "“”‘’「」『』〝〞"
)
# Characters that the table maps to a character in _NOISE_SYMBOLS count as noise as well
# (full-width ＊, ＃, ．...), because noise is decided on the folded text.


def _build_table() -> tuple[dict[int, str], frozenset[str]]:
    table: dict[int, str] = {}
    # Compatibility forms: full-width ASCII, half-width katakana/hangul, enclosed alphanumerics,
    # Kangxi radicals, CJK compatibility ideographs, mathematical letters and digits.
    ranges = [
        (0x00A0, 0x0100), (0x2000, 0x2070), (0x2100, 0x2190), (0x2460, 0x2500),
        (0x2F00, 0x2FE0), (0x2E80, 0x2F00), (0x3000, 0x3040), (0x3200, 0x3400),
        (0xF900, 0xFB00), (0xFE30, 0xFE70), (0xFF00, 0xFFF0), (0x1D400, 0x1D800),
        (0x1F100, 0x1F200), (0x2F800, 0x2FA20),
    ]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if len(n) == 1 and n != ch:
                table[cp] = n
    # Keep CJK punctuation that NFKC would turn into ASCII as it is (，。 are not folded by
    # NFKC anyway; full-width ，：；！？（） are, which is fine: they stay non-noise).
    # Traditional → simplified, character by character.
    try:
        import opencc

        cc = opencc.OpenCC("t2s")
        chars = [
            chr(c)
            for c in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00))
        ]
        out = cc.convert("\n".join(chars)).split("\n")
        if len(out) == len(chars):
            for c, o in zip(chars, out):
                if len(o) == 1 and o != c:
                    table.setdefault(ord(c), o)
    except Exception:  # pragma: no cover - opencc is a declared dependency
        pass
    # Apply t2s after the compatibility fold too (a compatibility ideograph may be traditional).
    for cp, v in list(table.items()):
        w = table.get(ord(v))
        if w is not None and len(w) == 1:
            table[cp] = w
    # Lower case (the text is lower-cased with str.lower first; targets follow).
    for cp, v in list(table.items()):
        table[cp] = v.lower() if len(v.lower()) == 1 else v
    noise = set(_NOISE_SYMBOLS)
    for cp in range(0x0000, 0x3100):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
            continue  # line breaks end a match
        if cat in ("Zs", "Cf") or (cat == "Cc" and ch not in "\n\r"):
            noise.add(ch)
    for cp in (0xFEFF, 0xFE0E, 0xFE0F, 0x180E, 0x3000, 0x303F):
        noise.add(chr(cp))
    for cp in range(0xFE00, 0xFE10):  # variation selectors
        noise.add(chr(cp))
    # Everything whose folded form is noise is noise.
    folded_noise = {chr(cp) for cp, v in table.items() if v in noise}
    noise |= folded_noise
    # Only folds that matter for matching stay in the table: to letters, digits and ideographs.
    # (Full-width ，：（） keep their form: they are sentence punctuation either way.)
    table = {cp: v for cp, v in table.items() if v.isalnum() and chr(cp) not in noise and cp > 127}
    return table, frozenset(noise)


@lru_cache(maxsize=1)
def tables() -> tuple[dict[int, str], frozenset[str], re.Pattern[str]]:
    """The translation table, the noise set and a regex matching runs of noise, as its group 1 (built
    once, then read from the on-disk cache)."""
    table, noise = cache.cached("normalize", cache.key("normalize"), _build_table, marshal.dumps, marshal.loads)
    cls = "".join(sorted(re.escape(c) for c in noise))
    runs = re.compile(f"([{cls}]+)")
    return table, noise, runs


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _char_class(chars: list[str]) -> str:
    """A regex character class of ``chars`` (sorted), consecutive code points as ranges."""
    spans: list[list[str]] = []
    for c in chars:
        if spans and ord(c) == ord(spans[-1][1]) + 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return "[" + "".join(re.escape(a) + ("" if a == b else "-" + re.escape(b)) for a, b in spans) + "]"


@lru_cache(maxsize=1)
def _foldable() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes of the characters the table folds: one that finds a character of the Basic
    Multilingual Plane to fold or any beyond U+FFFF, and runs of those of the plane only, and of all
    (a class with the characters beyond U+FFFF is searched range by range: slow, and seldom needed)."""
    keys = sorted(chr(cp) for cp in tables()[0])
    bmp = _char_class([c for c in keys if c <= "\uffff"])
    return (re.compile(bmp[:-1] + "\U00010000-\U0010ffff]"), re.compile(bmp + "+"),
            re.compile(_char_class(keys) + "+"))


def fold(text: str) -> str:
    """One-for-one fold (case, full-width, 繁→简); same length as ``text``.

    Fast path: ``str.lower`` (C speed), then one regex search (in C) for a character of the table;
    only the runs of those are replaced — most government texts have none or a handful."""
    table = tables()[0]
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer (İ): fold one by one
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    first, bmp_runs, all_runs = _foldable()
    if first.search(low) is None:
        return low
    runs = all_runs if _ASTRAL.search(low) else bmp_runs
    return runs.sub(lambda m: m.group().translate(table), low)


def normalize_term(term: str) -> str:
    """The compact form of a lexicon entry, for the automaton (noise removed)."""
    _, _, runs = tables()
    return runs.sub("", fold(term))


class Normalized:
    """A text's folded and compact views, and the breakpoints between them."""

    __slots__ = ("original", "folded", "compact", "_norm_starts", "_orig_starts")

    def __init__(self, text: str):
        _, _, runs = tables()
        self.original = text
        folded = fold(text)
        self.folded = folded
        parts = runs.split(folded)  # kept, noise, kept, ..., kept: C-speed passes only
        if len(parts) == 1:
            self.compact = folded
            self._norm_starts = None
            self._orig_starts = None
            return
        kept = parts[0::2]
        orig_starts = list(accumulate(map(len, parts), initial=0))[0::2]
        if not kept[-1]:  # noise at the end, or at the start: no piece there
            del kept[-1], orig_starts[-1]
        if kept and not kept[0]:
            del kept[0], orig_starts[0]
        self.compact = "".join(kept)
        self._norm_starts = list(accumulate(map(len, kept), initial=0))[:-1]
        self._orig_starts = orig_starts

    def to_original(self, i: int) -> int:
        """Original offset of the compact character at ``i``."""
        if self._norm_starts is None:
            return i
        k = bisect_right(self._norm_starts, i) - 1
        return self._orig_starts[k] + (i - self._norm_starts[k])

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original span covering compact ``[start, end)`` (end > start)."""
        if self._norm_starts is None:
            return start, end
        return self.to_original(start), self.to_original(end - 1) + 1
