"""Reading a lexicon file for import (词库导入): the CLI's format, every bad line named.

The format is the one `sanshen screen --lexicon` reads (`word` or `word<TAB>category<TAB>severity
[<TAB>suggestion[<TAB>note]]`, `#` comments, UTF-8 or GB18030); `sanshen.screening.packs` decodes and
parses each line, so the web import, the CLI import and the screening command agree on every line.
"""

import re
import tempfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshen.screening.findings import CATEGORIES, SEVERITIES
from sanshen.screening.packs import PackError, parse_lexicon, read_lexicon_file_text

MAX_WORD = 100
MAX_PROBLEMS_SHOWN = 50


class ImportRefused(Exception):
    """A file that cannot be imported, with every problem found (nothing was imported)."""

    def __init__(self, problems: list[str]):
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(_("……另有%(n)d处问题未列出。") % {"n": len(problems) - len(shown)})
        self.problems = shown
        super().__init__("；".join(shown))


@dataclass(frozen=True)
class ImportLine:
    """One line of an import file."""

    line: int
    word: str
    category: str
    severity: str
    suggestion: str
    note: str


def read_file_text(path) -> str:
    """A lexicon file as text (UTF-8 or GB18030); ImportRefused when it cannot be read."""
    try:
        return read_lexicon_file_text(path)[0]
    except PackError as exc:
        raise ImportRefused([_("文件无法读取：%(reason)s（请使用 UTF-8 或 GB18030 编码的文本文件）") %
                             {"reason": str(exc).rsplit(": ", 1)[-1]}]) from None


def read_upload(upload) -> str:
    """An uploaded file as text, decoded by the same reader as files on disk."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        return read_file_text(tmp.name)


_ENGINE_REASONS = {
    "empty word": gettext_lazy("词语为空"),
    "unknown category": gettext_lazy("类别不对"),
    "unknown severity": gettext_lazy("级别不对"),
}


def _line_problem(lineno: int, error: PackError) -> str:
    reason = re.sub(r"^.*?:\d+: ", "", str(error))
    for english, chinese in _ENGINE_REASONS.items():
        if reason.startswith(english):
            reason = str(chinese) + reason[len(english):]
    hint = _("类别可用：%(categories)s；级别可用：%(severities)s") % {
        "categories": " ".join(CATEGORIES), "severities": " ".join(SEVERITIES)}
    return _("第%(line)d行：%(reason)s（%(hint)s）") % {"line": lineno, "reason": reason, "hint": hint}


def parse_import(text: str) -> list[ImportLine]:
    """Every entry of `text`, or ImportRefused naming each bad line by its number."""
    lines: list[ImportLine] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            (parsed,) = parse_lexicon(raw)
        except PackError as exc:
            problems.append(_line_problem(lineno, exc))
            continue
        cells = [c.strip() for c in raw.split("\t")]
        note = cells[4] if len(cells) > 4 else ""
        if len(parsed.word) > MAX_WORD or len(parsed.suggestion) > MAX_WORD:
            problems.append(_("第%(line)d行：词语和建议不能超过%(n)d个字") % {"line": lineno, "n": MAX_WORD})
            continue
        key = (parsed.word, parsed.category)
        if key in seen:
            problems.append(_("第%(line)d行：“%(word)s”与第%(first)d行重复") %
                            {"line": lineno, "word": parsed.word, "first": seen[key]})
            continue
        seen[key] = lineno
        lines.append(ImportLine(lineno, parsed.word, parsed.category, parsed.severity, parsed.suggestion, note[:200]))
    if problems:
        raise ImportRefused(problems)
    if not lines:
        raise ImportRefused([_("文件中没有词条。")])
    return lines
