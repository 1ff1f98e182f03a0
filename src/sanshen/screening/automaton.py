"""The Aho-Corasick automaton every scan of the engine uses (多模式匹配): ahocorasick_rs, pyahocorasick as fallback."""

from collections.abc import Sequence


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
