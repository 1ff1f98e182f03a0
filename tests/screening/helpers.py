"""Shared helpers for the screening tests."""

from __future__ import annotations

import os
from pathlib import Path

from sanshen.screening.engine import screen_text

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path | None:
    env = os.environ.get("SANSHEN_SHARED")
    cands = [Path(env)] if env else []
    cands += [REPO / ".." / "shared", REPO / "shared"]
    for c in cands:
        if (c / "corpus" / "dev" / "labels.jsonl").exists() or (c / "seeds").exists():
            return c.resolve()
    return None


def findings(text: str, category: str | None = None, **kw):
    fs = screen_text(text, typos=False, **kw)
    for f in fs:
        assert text[f.start:f.end] == f.text
    return [f for f in fs if category is None or f.category == category]


def spans(text: str, category: str, **kw):
    return [(f.text, f.severity) for f in findings(text, category, **kw)]
