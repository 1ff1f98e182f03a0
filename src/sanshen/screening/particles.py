"""The structural particles 的/地/得 (结构助词) as grammar: a misused one found by what stands around it.

A unigram model cannot tell 的, 地 and 得 apart (they sound alike and 的 is always the likeliest),
so ``TypoDetector.find`` asks this module, which reads the parts of speech (词性) of the words
next to the particle from jieba's dictionary (``word_classes``) and knows three rules:

- 得 before a complement of degree (程度补语): verb + 的 + degree adverb + adjective at the end of
  a clause -- 跑的很快。 → 跑得很快。 (not after 所: 所做的很好 is a phrase of its own);
- 地 after an adverbial (状语) before a verb: an adverb or a reduplicated form + 的 + a verb used
  as a predicate (followed by an object pronoun, a preposition, 了/着/过, a one-character verb) --
  好好的保护这个 → 好好地保护这个; a degree adverb + 的 + an adjective -- 非常的高兴 → 非常地高兴;
  subject or adverb + degree adverb + adjective + 的 + such a verb -- 他很开心的走了 → 开心地;
- 的 for an attribute (定语): pronoun + 得 + noun -- 你得书 → 你的书; 这样得做法 → 这样的做法;
  真得 + predicate → 真的.

One more function word goes with them, the preposition 跟 (介词) written as its homophone 根 (a root,
a measure word) before a personal pronoun: 根他说 → 跟他说 (not at the end of a word: 扎根我国).

Each rule asks for a predicate shape around the particle, so a nominal phrase stays quiet:
得到很好的解决, 积极的推动作用, 不断的努力, 共同的目标.
"""

from __future__ import annotations

import importlib.util
import os
from itertools import accumulate

# Word classes (词性) kept from jieba's tags: v verb, a adjective (a, an, b, z), ad adjective used
# as an adverbial (副形词: 积极, 认真), d adverb, r pronoun, p preposition, n common noun (n, vn, ng).
_CLASS_OF_TAG = {"v": "v", "vi": "v", "a": "a", "ad": "ad", "an": "a", "b": "a", "z": "a", "d": "d",
                 "r": "r", "p": "p", "n": "n", "vn": "n", "ng": "n"}
MIN_FREQ = 10  # rarer dictionary words keep no class
MAX_LEN = 4

# Degree adverbs (程度副词) before a complement or an adverbial.
DEGREE = frozenset("很 非常 十分 特别 太 挺 相当 比较 更 更加 越来越 极其 格外 极为 那么 这么 多么".split())
PARTICLES = "的地得"
DEGREE_FIRST = frozenset(w[0] for w in DEGREE)
DEGREE_LAST = frozenset(w[-1] for w in DEGREE)
# Clause ends after a complement of degree: a character that is not a word character, or a
# sentence-final particle (语气词).
FINAL = frozenset("了啊呀啦呢吧哦")
# Aspect particles (动态助词) and directional complements after a predicate verb.
ASPECT = frozenset("了着过")
PERSONAL = frozenset("我你您他她")  # personal pronouns (人称代词), 们 forms included by their first character
SUBJECT_ADVERBS = frozenset("都就也还会能要又便却才再")
# Verbs that take no complement of degree (有的很好: "some are good") and head no predicate
# after 的 (X的是…, X的有…).
NOT_COMPLEMENTED = frozenset("有 是 为 像")


def jieba_dictionary() -> str:
    """The path of jieba's dict.txt (jieba is a dependency of the package)."""
    spec = importlib.util.find_spec("jieba")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


def word_classes(path: str | None = None) -> dict[str, str]:
    """Word → class letter (``_CLASS_OF_TAG``) for jieba's words of up to ``MAX_LEN`` characters
    seen at least ``MIN_FREQ`` times."""
    out: dict[str, str] = {}
    with open(path or jieba_dictionary(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) <= MAX_LEN and int(parts[1]) >= MIN_FREQ:
                cls = _CLASS_OF_TAG.get(parts[2])
                if cls is not None:
                    out[parts[0]] = cls
    return out


def _is_word_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class _Context:
    """The words around a particle at ``k`` of ``text``, as the longest dictionary words."""

    def __init__(self, text: str, classes):
        self.text = text
        self.classes = classes

    def cls(self, word: str) -> str | None:
        return self.classes.get(word) if word else None

    def before(self, end: int) -> tuple[str, int]:
        """The longest classed word ending at `end`, and its start ('' and `end` if none)."""
        t = self.text
        for n in range(MAX_LEN, 0, -1):
            s = end - n
            if s >= 0 and self.cls(t[s:end]):  # the classes hold words of CJK characters only
                return t[s:end], s
        return "", end

    def after(self, start: int) -> tuple[str, int]:
        """The longest classed word starting at `start`, and its end ('' and `start` if none)."""
        t = self.text
        for n in range(MAX_LEN, 0, -1):
            e = start + n
            if e <= len(t) and self.cls(t[start:e]):
                return t[start:e], e
        return "", start

    def degree_before(self, end: int) -> int | None:
        """The start of a degree adverb (``DEGREE``) ending at `end`, or None."""
        return next((end - n for n in (3, 2, 1) if self.text[max(0, end - n):end] in DEGREE), None)

    def degree_after(self, start: int) -> int | None:
        """The end of a degree adverb (``DEGREE``) starting at `start`, or None."""
        return next((start + n for n in (3, 2, 1) if self.text[start:start + n] in DEGREE), None)

    def clause_end(self, i: int) -> bool:
        return i >= len(self.text) or not _is_word_char(self.text[i]) or self.text[i] in FINAL

    def predicate_verb(self, start: int) -> bool:
        """Does a verb used as a predicate begin at `start`: a verb followed by an object
        pronoun, a preposition, an aspect or sentence-final particle, or a verb of one
        character followed by another (去找)?  Not
        是/有: ``X的是…`` is a phrase of its own (与之相对的是)."""
        verb, e = self.after(start)
        if self.cls(verb) != "v" or verb in NOT_COMPLEMENTED:
            return False
        if e < len(self.text) and (self.text[e] in ASPECT or self.text[e] in FINAL):
            return True
        nxt, _ = self.after(e)
        cls = self.cls(nxt)
        return cls in ("r", "p") or (cls == "v" and len(verb) == len(nxt) == 1 and nxt not in NOT_COMPLEMENTED)


def _reduplicated(word: str) -> bool:
    """AA or AABB (重叠式): 好好, 慢慢, 高高兴兴."""
    return (len(word) == 2 and word[0] == word[1]) or (
        len(word) == 4 and word[0] == word[1] and word[2] == word[3])


def _complement(ctx: _Context, k: int) -> bool:
    """Verb + 的 + degree adverb + adjective + clause end: 的 should be 得 (程度补语)."""
    verb, vs = ctx.before(k)
    if ctx.cls(verb) != "v" or verb in NOT_COMPLEMENTED or (vs > 0 and ctx.text[vs - 1] == "所"):
        return False
    de = ctx.degree_after(k + 1)
    if de is None:
        return False
    adj, ae = ctx.after(de)
    return ctx.cls(adj) == "a" and ctx.clause_end(ae)


def _adverbial(ctx: _Context, k: int) -> bool:
    """An adverbial before 的 (or, after an adjective, 得) that modifies a verb or an adjective:
    the particle should be 地.  After an adverb, 得 is the modal 得 (děi): 也得准备."""
    head, hs = ctx.before(k)
    cls = ctx.cls(head)
    particle = ctx.text[k]
    if head == "真":  # 真的 (really): 的 stays
        return False
    if ctx.degree_before(k) is not None:  # 非常的高兴
        nxt, _ = ctx.after(k + 1)
        return particle == "的" and ctx.cls(nxt) in ("a", "v")
    if particle == "的" and (cls in ("d", "ad") or _reduplicated(head)):  # 好好的保护这个
        return ctx.predicate_verb(k + 1)
    if not ctx.predicate_verb(k + 1):
        return False
    if cls != "a":
        return False
    ds = ctx.degree_before(hs)  # subject/adverb + degree adverb + adjective: 他很开心的走了
    if not ds:
        return False
    prev = ctx.text[ds - 1]
    return prev in SUBJECT_ADVERBS or ctx.cls(ctx.before(ds)[0]) == "r"


def _attribute(ctx: _Context, k: int) -> bool:
    """Pronoun + 得 + noun, 这样/什么… + 得 + noun, verb or clause end, or 真得 + predicate: 得
    should be 的 (定语 / 真的)."""
    head, hs = ctx.before(k)
    nxt, _ = ctx.after(k + 1)
    if head == "真":
        return ctx.cls(nxt) in ("d", "v", "a") or ctx.text[k + 1:k + 2] in DEGREE  # 真得很…
    if ctx.cls(head) != "r":
        return False
    if head[-1] in "样么" and len(head) > 1:  # 这样得感受, 什么得。 (not the modal 得 after 我们)
        return ctx.cls(nxt) in ("n", "v") or ctx.clause_end(k + 1)
    return ctx.cls(nxt) == "n"


def _prepositions(text: str, is_word) -> list[tuple[int, str]]:
    """(position, 跟) for each 根 before a personal pronoun that ends no word (根他说 → 跟他说)."""
    out = []
    k = text.find("根")
    while k >= 0:
        if k + 1 < len(text) and text[k + 1] in PERSONAL and not (k > 0 and is_word(text[k - 1:k + 1])) \
                and not is_word(text[k:k + 2]):
            out.append((k, "跟"))
        k = text.find("根", k + 1)
    return out


def _verb_starts(classes) -> frozenset[str] | None:
    """The verbs of one character and the first two characters of the longer ones, for a table
    held as a dict (memoised by identity: a detector keeps its table for life); None for the cache
    file's lazily decoded view (``typo_tables``), which cannot be listed."""
    global _VERB_STARTS
    if not isinstance(classes, dict):
        return None
    memo = _VERB_STARTS
    if memo is None or memo[0] is not classes:
        memo = _VERB_STARTS = (classes, frozenset(w[:2] for w, c in classes.items() if c == "v"))
    return memo[1]


_VERB_STARTS: tuple[dict, frozenset[str]] | None = None


def _offsets(text: str, ch: str) -> list[int]:
    """The offsets of the character `ch` in `text`, found at C speed (one split, the piece lengths
    summed)."""
    return list(accumulate(map((1).__add__, map(len, text.split(ch)[:-1])), initial=-1))[1:]


def _particles_to_check(text: str, verb_starts: frozenset[str] | None) -> list[int]:
    """The offsets of 的 and 得 a rule may apply to, in order: every 得, and each 的 next to the first
    or last character of a degree adverb or before a verb's start (``_verb_starts``) -- most 的 are
    the common 的 of an attribute, told by a character or two."""
    de = _offsets(text, "的")
    if verb_starts is not None:
        de = [k for k in de if text[k + 1:k + 2] in DEGREE_FIRST or text[k - 1:k] in DEGREE_LAST
              or text[k + 1:k + 2] in verb_starts or text[k + 1:k + 3] in verb_starts]
    return sorted(de + _offsets(text, "得"))


def _may_be_misused_de(ctx: _Context, k: int) -> bool:
    """Can any rule apply to the 的 at `k`: a degree adverb after or before it, or a verb used as a
    predicate after it?"""
    return ctx.text[k + 1:k + 2] in DEGREE_FIRST or ctx.degree_before(k) is not None or ctx.predicate_verb(k + 1)


def find(text: str, classes, is_word) -> list[tuple[int, str]]:
    """(position, right character) for each misused 的/地/得 (and 根 for 跟) of `text`; `classes`
    maps a word to its class letter (``word_classes``), `is_word` says whether a string is an
    ordinary word (a particle inside one, 目的, 觉得, 的确, is not a particle)."""
    out = _prepositions(text, is_word)
    ctx = _Context(text, classes)
    for k in _particles_to_check(text, _verb_starts(classes)):
        ch = text[k]
        if ch == "的" and not _may_be_misused_de(ctx, k):
            continue  # the common 的 of an attribute: no rule can apply (cheap test first)
        if (k > 0 and is_word(text[k - 1:k + 1])) or is_word(text[k:k + 2]):
            continue
        if ch == "的" and _complement(ctx, k):
            out.append((k, "得"))
        elif _adverbial(ctx, k):
            out.append((k, "地"))
        elif ch == "得" and _attribute(ctx, k):
            out.append((k, "的"))
    return out
