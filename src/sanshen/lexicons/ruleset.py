"""The rule set in force (现行规则集): default packs + enabled lexicon entries + enabled allow-list phrases.

Building a `RuleSet` normalises every entry, and its automaton is built once per rule version by the
engine; so the object is cached here per database version. Each call compares one cheap stamp — the
id of the newest `RuleSetVersion` — so a change made in another process (a web server, the worker)
is noticed at the next screening. The stamp also counts the versions (on PostgreSQL a version with a
lower id may commit after a higher one) and carries the newest one's hash and time (SQLite may reuse
the id of a version whose transaction rolled back).
"""

import threading

from sanshen.screening.packs import LexiconLine
from sanshen.screening.ruleset import RuleSet, _default_packs_cached

from .models import AllowPhrase, LexiconEntry, RuleSetVersion

LEXICON_NAME = "管理员词库"

_lock = threading.Lock()
_cached: tuple[tuple, RuleSet] | None = None


def version_stamp() -> tuple:
    """(newest version's id, hash and time, number of versions): two indexed look-ups."""
    newest = RuleSetVersion.objects.order_by("-id").values_list("id", "ruleset_hash", "created_at").first()
    return newest, RuleSetVersion.objects.count()


def lexicon_lines() -> list[LexiconLine]:
    """The enabled entries in a stable order, as the engine reads administrators' lexicons."""
    rows = LexiconEntry.objects.filter(enabled=True).order_by("word", "category").values_list(
        "word", "category", "severity", "suggestion")
    return [LexiconLine(word, category, severity, suggestion, n) for n, (word, category, severity, suggestion)
            in enumerate(rows.iterator(chunk_size=5000), 1)]


def lexicon_text(lines, notes=None) -> str:
    """Entries in the lexicon file format (`word<TAB>category<TAB>severity<TAB>suggestion`)."""
    out = []
    for i, ln in enumerate(lines):
        cells = [ln.word, ln.category, ln.severity, ln.suggestion]
        if notes and notes[i]:
            cells.append(notes[i])
        out.append("\t".join(cells).rstrip("\t"))
    return "".join(line + "\n" for line in out)


def build_ruleset() -> RuleSet:
    """The rule set the database describes now (inside a transaction: including its own changes)."""
    lines = lexicon_lines()
    allow = list(AllowPhrase.objects.filter(enabled=True).order_by("phrase").values_list("phrase", flat=True))
    if not lines and not allow:
        return RuleSet.default()
    return RuleSet(_default_packs_cached(), [(LEXICON_NAME, lines, lexicon_text(lines).encode())], allow)


def current_ruleset() -> RuleSet:
    """The rule set in force, rebuilt only when the database version changed."""
    global _cached
    stamp = version_stamp()
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
        ruleset = build_ruleset()
        _cached = (stamp, ruleset)
        return ruleset

