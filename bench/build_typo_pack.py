"""Regenerate the generated typo (错别字) data packs under src/sanshen/screening/packs/.

Run on purpose (not at run time, not in CI):

    .venv/bin/python bench/build_typo_pack.py [--pycorrector-wheel PATH]

Inputs (all from packages on PyPI; nothing is downloaded at run time of the product):
- jieba (MIT) ``dict.txt``: words with frequencies and part-of-speech tags.
- pypinyin (MIT; readings from the pinyin-data / Unihan tables): the toneless readings of
  characters and the contextual reading of words.
- pycorrector wheel (Apache-2.0) ``data/same_stroke.txt``: groups of characters with a similar
  shape (形近字). Optional: without the wheel the existing ``typo_shape.tsv`` is kept.

Outputs:
- ``typo_vocab.tsv``  word, frequency, tag (i = idiom), contextual reading if it differs from the
  readings of its characters one by one.  Words that are themselves attested misspellings of a
  more frequent word (see ``typo_attested.tsv``) are left out, so they never pass as words.
- ``typo_pinyin.tsv`` character -> toneless readings (first = the reading used for matching).
- ``typo_shape.tsv``  similar-shape groups (copied from pycorrector, with a header).
- ``typo_attested.tsv`` wrong -> right pairs mined from jieba's dictionary: lowest-frequency
  entries of four or more characters that differ from a more frequent idiom by one or two
  same-sound characters or one similar-shape character.  Forms that occur in the text jieba counted.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import zipfile
from collections import defaultdict

import jieba
import pypinyin
from pypinyin import Style, lazy_pinyin, pinyin

HERE = os.path.dirname(os.path.abspath(__file__))
PACKS = os.path.join(HERE, "..", "src", "sanshen", "screening", "packs")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def load_jieba():
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words = {}
    tags = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            w, f = parts[0], int(parts[1])
            tag = parts[2] if len(parts) > 2 else ""
            if not CJK.match(w) or len(w) > 8:
                continue
            if w not in words or f > words[w]:
                words[w] = f
                tags[w] = tag
    return words, tags


def primary(ch: str) -> str:
    r = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return r[0] if r else ""


def load_shape(wheel: str | None):
    groups = []
    if wheel:
        with zipfile.ZipFile(wheel) as zf:
            name = next(n for n in zf.namelist() if n.endswith("data/same_stroke.txt"))
            version = os.path.basename(wheel).split("-")[1]
            for line in zf.read(name).decode("utf-8").splitlines():
                chars = [c for c in line.split() if len(c) == 1]
                if len(chars) >= 2:
                    groups.append(chars)
        out = os.path.join(PACKS, "typo_shape.tsv")
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(
                "# Similar-shape character groups (形近字), one group per line, tab-separated.\n"
                f"# Source: pycorrector {version} (PyPI wheel), data/same_stroke.txt, unmodified.\n"
                "# Licence: Apache License 2.0, (c) xuming / shibing624, https://github.com/shibing624/pycorrector\n"
            )
            for g in groups:
                fh.write("\t".join(g) + "\n")
    else:
        with open(os.path.join(PACKS, "typo_shape.tsv"), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                chars = line.split()
                if len(chars) >= 2:
                    groups.append(chars)
    similar = defaultdict(set)
    for g in groups:  # pycorrector's reading: the first character of a line resembles the others
        for b in g[1:]:
            if b != g[0]:
                similar[g[0]].add(b)
                similar[b].add(g[0])
    return similar


def load_common(wheel: str | None):
    path = os.path.join(PACKS, "typo_common_chars.txt")
    if wheel:
        with zipfile.ZipFile(wheel) as zf:
            name = next(n for n in zf.namelist() if n.endswith("data/common_char_set.txt"))
            version = os.path.basename(wheel).split("-")[1]
            chars = [c.strip() for c in zf.read(name).decode("utf-8").splitlines() if len(c.strip()) == 1]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(
                "# Common characters (常用字), one per line.\n"
                f"# Source: pycorrector {version} (PyPI wheel), data/common_char_set.txt, unmodified.\n"
                "# Licence: Apache License 2.0, (c) xuming / shibing624, https://github.com/shibing624/pycorrector\n"
            )
            fh.write("\n".join(chars) + "\n")
    with open(path, encoding="utf-8") as fh:
        return {c.strip() for c in fh if c.strip() and not c.startswith("#")}


def load_extra():
    """Hand-written supplement: modern words that jieba's dictionary lacks or under-counts."""
    extra = {}
    path = os.path.join(PACKS, "typo_vocab_extra.tsv")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            w, f = line.split("\t")[:2]
            extra[w.strip()] = int(f)
    return extra


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pycorrector-wheel", default=None)
    args = ap.parse_args()
    import opencc

    t2s = opencc.OpenCC("t2s")
    words, tags = load_jieba()
    for w, f in load_extra().items():
        words[w] = max(words.get(w, 0), f)
    similar = load_shape(args.pycorrector_wheel)
    common = load_common(args.pycorrector_wheel)
    chars = set()
    for w in words:
        chars.update(w)
    for g in similar.values():
        chars.update(g)
    cls = {}
    readings = {}
    for ch in sorted(chars):
        if t2s.convert(ch) != ch:
            continue  # traditional form: 繁体 is not a typo, the sensitive-word rules handle it
        r = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
        rs = [x for x in (r[0] if r else []) if x]
        p = primary(ch)
        if not p:
            continue
        readings[ch] = [p] + [x for x in rs if x != p]
        cls[ch] = p

    def key(w):
        return tuple(cls.get(c, c) for c in w)

    by_sound = defaultdict(list)
    for w, f in words.items():
        if len(w) >= 2:
            by_sound[key(w)].append(w)

    def neighbours(w, max_sound):
        for other in by_sound[key(w)]:
            if other != w and sum(1 for a, b in zip(w, other) if a != b) <= max_sound:
                yield other
        for i, c in enumerate(w):
            for s in similar.get(c, ()):
                other = w[:i] + s + w[i + 1 :]
                if other in words:
                    yield other

    # Misspellings attested in jieba's counts (lowest frequency, a confusable neighbour that is
    # much more frequent).  Idioms become listed pairs; shorter ones are only dropped from the
    # vocabulary (the generic matcher then treats them like any other non-word).
    attested = {}
    dropped = set()
    for w, f in words.items():
        if f > 3 or len(w) < 2:
            continue
        best = None
        if len(w) >= 4:
            for other in neighbours(w, 2):
                fo = words[other]
                if (tags.get(other) == "i" and fo >= 2 * f) or fo >= 30:
                    if best is None or fo > words[best]:
                        best = other
            if best is not None:
                attested[w] = best
        else:
            need = 300 if len(w) == 2 else 100
            for other in neighbours(w, 1):
                diff = [a for a, b in zip(w, other) if a != b]
                if words[other] >= need and all(c in common for c in diff):
                    dropped.add(w)
                    break

    with open(os.path.join(PACKS, "typo_attested.tsv"), "w", encoding="utf-8") as fh:
        fh.write(
            f"# Attested misspellings mined from jieba {jieba.__version__} dict.txt (MIT licence, (c) Sun Junyi):\n"
            "# entries of 4+ characters of the lowest frequency (<=3), one or two same-sound characters or\n"
            "# one similar-shape character away from a more frequent idiom.  Generated by\n"
            "# bench/build_typo_pack.py.  Every hit is still checked in context.\n"
            "# wrong\tright\n"
        )
        for w in sorted(attested):
            fh.write(f"{w}\t{attested[w]}\n")

    vocab = {}
    for w, f in words.items():
        if w in attested or w in dropped:
            continue
        if f <= 3 and not (tags.get(w) == "i" and len(w) >= 4):
            continue  # the long tail of jieba's dictionary: mostly noise, left out for speed
        vocab[w] = f
    idioms = sorted(w for w in vocab if tags.get(w) == "i" and len(w) >= 4)

    with open(os.path.join(PACKS, "typo_vocab.tsv"), "w", encoding="utf-8") as fh:
        fh.write(
            f"# Word list with frequencies from jieba {jieba.__version__} dict.txt (MIT licence, (c) Sun Junyi),\n"
            "# CJK-only entries of at most 8 characters and frequency > 3 (idioms: any), plus the\n"
            "# hand-written typo_vocab_extra.tsv; attested misspellings left out.\n"
            "# Generated by bench/build_typo_pack.py.  word<TAB>freq\n"
        )
        for w, f in vocab.items():
            fh.write(f"{w}\t{f}\n")
    with open(os.path.join(PACKS, "typo_idioms.txt"), "w", encoding="utf-8") as fh:
        fh.write(
            f"# Idioms (成语, jieba tag i, 4+ characters) from jieba {jieba.__version__} dict.txt (MIT licence).\n"
            "# Generated by bench/build_typo_pack.py.\n"
        )
        fh.write("\n".join(idioms) + "\n")

    # Contextual readings of pattern words whose reading differs from the first readings of
    # their characters (银行: yin hang, while 行 alone reads xing).
    with open(os.path.join(PACKS, "typo_readings.tsv"), "w", encoding="utf-8") as fh:
        fh.write(
            f"# Contextual toneless readings from pypinyin {pypinyin.__version__} (MIT licence) of words whose\n"
            "# reading differs from the first readings of their characters.  Generated by\n"
            "# bench/build_typo_pack.py.  word<TAB>syllables\n"
        )
        for w, f in vocab.items():
            if len(w) >= 2 and (f >= 30 or w in attested.values() or tags.get(w) == "i"):
                ctx = lazy_pinyin(w, style=Style.NORMAL, errors="ignore")
                if len(ctx) == len(w) and all(c in cls for c in w) and any(ctx[i] != cls[c] for i, c in enumerate(w)):
                    fh.write(f"{w}\t{' '.join(ctx)}\n")

    # Similar-shape variants of frequent words: one character replaced by a common character of
    # similar shape and different sound, the result not being a word.
    variants = {}
    idiom_set = set(idioms)
    for w, f in vocab.items():
        n = len(w)
        if n < 2 or n > 6:
            continue
        if not ((w in idiom_set and f >= 4) or f >= {2: 300, 3: 100}.get(n, 50)):
            continue
        for i, c in enumerate(w):
            for s in similar.get(c, ()):
                if s not in common or cls.get(s) == cls.get(c):
                    continue
                v = w[:i] + s + w[i + 1 :]
                if v in vocab or v in attested:
                    continue
                if v not in variants or vocab[variants[v]] < f:
                    variants[v] = w
    with open(os.path.join(PACKS, "typo_shape_variants.tsv"), "w", encoding="utf-8") as fh:
        fh.write(
            "# Generated similar-shape misspellings: frequent jieba words (MIT) and idioms with one character\n"
            "# replaced by a common character of similar shape (typo_shape.tsv, pycorrector, Apache-2.0).\n"
            "# Generated by bench/build_typo_pack.py.  wrong<TAB>right.  Every hit is checked in context.\n"
        )
        for v in sorted(variants):
            fh.write(f"{v}\t{variants[v]}\n")

    with open(os.path.join(PACKS, "typo_pinyin.tsv"), "w", encoding="utf-8") as fh:
        fh.write(
            f"# Toneless readings of (simplified) characters from pypinyin {pypinyin.__version__} (MIT licence;\n"
            "# data from pinyin-data, MIT).  First reading = the one used to match same-sound characters.\n"
            "# Generated by bench/build_typo_pack.py.  char<TAB>readings (space-separated)\n"
        )
        for ch in sorted(readings):
            fh.write(f"{ch}\t{' '.join(readings[ch])}\n")
    print(
        f"words {len(words)}  vocab {len(vocab)}  idioms {len(idioms)}  attested {len(attested)}  "
        f"dropped {len(dropped)}  shape variants {len(variants)}  chars {len(readings)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
