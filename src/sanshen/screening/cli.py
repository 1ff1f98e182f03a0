"""``sanshen screen`` — screen files or standard input from the command line (命令行筛查).

    sanshen screen [--format json|text] [--lexicon FILE]... [--allow FILE]... [--titles FILE]
                   [--no-typos] [PATH|-]...

Screens .txt, .html, .docx and .pdf files (``-`` or no path: standard input).  ``--format json``
prints ``{"files": [{"path", "chars", "findings": [{category, rule, severity, start, end, text,
suggestion, message}]}]}``; ``text`` (the default) prints each finding with the context around
it.  ``--lexicon`` adds an administrator lexicon (``word`` or ``word<TAB>category<TAB>severity``);
``--allow`` adds allow-list phrases (one per line); ``--titles`` a file of already published titles
(one per line) for the duplicate-title check.  Exit 0: no blocking finding; 1: at least one
blocking finding; 2: bad input or usage, with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from .engine import has_blocking, screen_text
from .extract import ExtractError, Extracted, decode_text, extract
from .packs import PackError, read_lexicon_file_text
from .ruleset import RuleSet


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line on stderr, exit 2 (raised, handled in main)
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sanshen screen", description="Screen texts for publication (内容筛查).")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE")
    p.add_argument("--allow", action="append", default=[], metavar="FILE")
    p.add_argument("--titles", metavar="FILE", help="already published titles, one per line")
    p.add_argument("--no-typos", action="store_true", help="skip the typo detector")
    p.add_argument("paths", nargs="*", metavar="PATH")
    return p


def _context(text: str, start: int, end: int, width: int = 16) -> str:
    def clean(s):
        return s.replace("\r", "").replace("\n", "⏎").replace("\t", " ")

    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return (("…" if start > width else "") + clean(before) + "【" + clean(text[start:end]) + "】" + clean(after)
            + ("…" if end + width < len(text) else ""))


_SEV_ZH = {"block": "须修改", "warn": "警告", "info": "提示"}  # the words the pages use (core/severity)


def _text_report(path: str, ex: Extracted, findings) -> str:
    blocks = sum(1 for f in findings if f.severity == "block")
    lines = [f"{path}（{len(ex.text)} 字符）：{len(findings)} 项发现，其中 {blocks} 项须修改后方可发布"]
    for f in findings:
        lines.append(f"  [{f.severity}/{_SEV_ZH[f.severity]}] {f.category} {f.rule} {f.start}-{f.end} “{f.text}”")
        lines.append(f"      {_context(ex.text, f.start, f.end)}")
        lines.append(f"      {f.message}" + (f"；建议：{f.suggestion}" if f.suggestion else ""))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"sanshen screen: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        ruleset = RuleSet.build(lexicons=args.lexicon, allow_files=args.allow)
        titles: list[str] = []
        if args.titles:
            text, _ = read_lexicon_file_text(args.titles)
            titles = [t.strip() for t in text.splitlines() if t.strip()]
    except PackError as exc:
        print(f"sanshen screen: {exc}", file=sys.stderr)
        return 2
    paths = args.paths or ["-"]
    results = []
    bad = False
    blocking = False
    for path in paths:
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                text, enc = decode_text(data)
                ex = Extracted(text, "text", enc)
            else:
                ex = extract(path)
        except ExtractError as exc:
            reason = str(exc)
            print(f"sanshen screen: {reason if reason.startswith(str(path)) else f'{path}: {reason}'}",
                  file=sys.stderr)
            bad = True
            continue
        findings = screen_text(ex.text, ruleset=ruleset, existing_titles=titles,
                               html_runs=ex.html_runs or None, typos=not args.no_typos)
        blocking = blocking or has_blocking(findings)
        results.append((path, ex, findings))
    out = sys.stdout
    if args.format == "json":
        doc = {"files": [{"path": p, "chars": len(ex.text), "findings": [f.as_dict() for f in fs]}
                         for p, ex, fs in results]}
        payload = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    else:
        payload = "\n\n".join(_text_report(p, ex, fs) for p, ex, fs in results) + ("\n" if results else "")
    try:
        out.buffer.write(payload.encode("utf-8"))
        out.flush()
    except AttributeError:  # a StringIO in tests
        out.write(payload)
    if bad:
        return 2
    return 1 if blocking else 0
