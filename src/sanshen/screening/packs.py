"""Rule packs (规则包): reading the data files under ``packs/`` and administrators' lexicons.

A pack is a UTF-8 TSV file.  ``# key: value`` header lines are directives (see packs/README.md);
other ``#`` lines are comments; every other non-blank line is a row of tab-separated columns named
by the ``columns`` directive.  Code holds no word lists: everything a rule knows comes from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .findings import CATEGORIES, SEVERITIES

PACK_DIR = Path(__file__).resolve().parent / "packs"

_DIRECTIVE = re.compile(r"^#\s*([a-z][a-z_-]*)\s*:\s*(.*?)\s*$")


class PackError(ValueError):
    """A rule pack or lexicon file that cannot be read (规则包格式错误)."""


@dataclass
class Pack:
    """One parsed pack file: its directives and its rows (dicts keyed by column name)."""

    name: str
    directives: dict[str, str]
    rows: list[dict[str, str]] = field(default_factory=list)
    raw: bytes = b""

    @property
    def kind(self) -> str:
        return self.directives.get("kind", "lexicon")

    def char_map(self, key: str) -> dict[str, str]:
        """A directive like ``部=门署 局=势`` as {'部': '门署', '局': '势'}."""
        out: dict[str, str] = {}
        for part in self.directives.get(key, "").split():
            if "=" in part:
                k, v = part.split("=", 1)
                out[k] = out.get(k, "") + v
        return out

    def words(self, key: str) -> list[str]:
        return self.directives.get(key, "").split()


def parse_pack(text: str, name: str = "<pack>", raw: bytes = b"") -> Pack:
    directives: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    columns: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            m = _DIRECTIVE.match(line)
            if m and not rows:
                key, value = m.group(1), m.group(2)
                if key in directives and key in ("source", "licence"):
                    directives[key] += " " + value
                else:
                    directives[key] = value
                if key == "columns":
                    columns = [c.strip() for c in re.split(r"\t|\s+", value) if c.strip()]
            continue
        if columns is None:
            raise PackError(f"{name}: no '# columns:' line before the first row")
        cells = line.rstrip("\r").split("\t")
        row = {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns)}
        row["_line"] = str(lineno)
        rows.append(row)
    return Pack(name=name, directives=directives, rows=rows, raw=raw)


def load_pack_file(path: Path) -> Pack:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(f"{path.name}: not UTF-8 ({exc.reason})") from None
    return parse_pack(text, path.name, raw)


def default_packs() -> list[Pack]:
    """Every default pack except the typo detector's own (typo*), in a stable order."""
    packs = []
    for path in sorted(PACK_DIR.glob("*.tsv")):
        if path.name.startswith("typo"):
            continue
        packs.append(load_pack_file(path))
    return packs


@dataclass(frozen=True)
class LexiconLine:
    """One administrator lexicon entry: ``word`` or ``word<TAB>category<TAB>severity[<TAB>suggestion]``."""

    word: str
    category: str
    severity: str
    suggestion: str
    line: int


def parse_lexicon(text: str, name: str = "<lexicon>") -> list[LexiconLine]:
    """Parse an administrator lexicon (敏感词表).  Raises PackError with a one-line reason."""
    out: list[LexiconLine] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        word = cells[0]
        if not word:
            raise PackError(f"{name}:{lineno}: empty word")
        category = cells[1] if len(cells) > 1 and cells[1] else "sensitive"
        severity = cells[2] if len(cells) > 2 and cells[2] else "block"
        suggestion = cells[3] if len(cells) > 3 else ""
        if category not in CATEGORIES:
            raise PackError(f"{name}:{lineno}: unknown category {category!r}")
        if severity not in SEVERITIES:
            raise PackError(f"{name}:{lineno}: unknown severity {severity!r}")
        out.append(LexiconLine(word, category, severity, suggestion, lineno))
    return out


def read_lexicon_file(path: str | Path) -> tuple[list[LexiconLine], bytes]:
    text, raw = read_lexicon_file_text(path)
    return parse_lexicon(text, str(path)), raw


def read_allow_file(path: str | Path) -> tuple[list[str], bytes]:
    """An allow-list file: one phrase per line (first column), ``#`` comments."""
    lines, raw = read_lexicon_file_text(path)
    phrases = []
    for line in lines.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            phrases.append(line.split("\t")[0].strip())
    return [p for p in phrases if p], raw


def read_lexicon_file_text(path: str | Path) -> tuple[str, bytes]:
    """A user's data file as text (UTF-8, or GB18030 as offices still save it), with its raw bytes."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise PackError(f"{path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig"), raw
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030"), raw
        except UnicodeDecodeError:
            raise PackError(f"{path}: neither UTF-8 nor GB18030") from None
