"""Score `sanshen screen` on the public development set (shared/corpus/dev), by the rules of its
README: per-category precision/recall, blocking findings in clean cases, near misses flagged, typo
recall common/rare, recall per evasion form, and the contract checks.

    .venv/bin/python bench/score_dev.py [--shared PATH] [--json] [--verbose]

`score(shared_dir)` returns the numbers as a dict (used by tests/screening/test_dev_set.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

SCORED = ("secrecy", "privacy", "sensitive", "expression", "typo", "prohibited")


def find_shared() -> Path | None:
    env = os.environ.get("SANSHEN_SHARED")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent.parent / "shared"
        if (cand / "corpus" / "dev" / "labels.jsonl").exists():
            return cand
        cand = parent / "shared"
        if (cand / "corpus" / "dev" / "labels.jsonl").exists():
            return cand
    return None


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _fits(f, g) -> bool:
    glen = g["end"] - g["start"]
    return _overlap(f["start"], f["end"], g["start"], g["end"]) and (f["end"] - f["start"]) <= max(3 * glen, glen + 30)


def run_cli(args: list[str]) -> tuple[int, str]:
    from sanshen.screening.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        rc = main(args)
    return rc, buf.getvalue()


def score(shared: Path, verbose: bool = False) -> dict:
    dev = shared / "corpus" / "dev"
    labels = [json.loads(line) for line in (dev / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    lexicon = str(dev / "lexicon.txt")
    gold_n = defaultdict(int)
    gold_hit = defaultdict(int)
    tp = defaultdict(int)
    fp = defaultdict(int)
    form_n = defaultdict(int)
    form_hit = defaultdict(int)
    split_n = defaultdict(int)
    split_hit = defaultdict(int)
    clean_blocking = []
    near_flagged = []
    contract = {"text_slice": 0, "chars": 0, "exit_code": 0, "files": 0}
    misses, false_pos = [], []
    for case in labels:
        path = dev / "cases" / case["file"]
        rc, out = run_cli(["--format", "json", "--lexicon", lexicon, str(path)])
        doc = json.loads(out)
        entry = doc["files"][0]
        findings = entry["findings"]
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")
        contract["files"] += 1
        if entry["chars"] != len(text) or entry["chars"] != case["chars"]:
            contract["chars"] += 1
        for f in findings:
            if text[f["start"]:f["end"]] != f["text"]:
                contract["text_slice"] += 1
        if (rc == 1) != any(f["severity"] == "block" for f in findings) or rc not in (0, 1):
            contract["exit_code"] += 1
        if case.get("clean"):
            clean_blocking += [(case["file"], f) for f in findings if f["severity"] == "block"]
        spans = case["spans"]
        for neg in case.get("negatives", []):
            for f in findings:
                if f["category"] == neg["category"] and f["severity"] != "info" and _overlap(
                        f["start"], f["end"], neg["start"], neg["end"]):
                    near_flagged.append((case["file"], neg, f))
        has_prohibited_gold = any(g["category"] == "prohibited" for g in spans)
        for g in spans:
            cat = g["category"]
            gold_n[cat] += 1
            if cat == "prohibited":
                hit = any(f["category"] == "prohibited" for f in findings)
            else:
                hit = any(f["category"] == cat and _fits(f, g) for f in findings)
            if hit:
                gold_hit[cat] += 1
            else:
                misses.append((case["file"], g))
            if cat == "sensitive":
                form_n[g.get("form", "?")] += 1
                form_hit[g.get("form", "?")] += hit
            if cat == "typo":
                split_n[g.get("split", "?")] += 1
                split_hit[g.get("split", "?")] += hit
        for f in findings:
            cat = f["category"]
            if cat not in SCORED:
                continue
            if cat == "prohibited":
                matched = has_prohibited_gold
            else:
                matched = any(g["category"] == cat and _fits(f, g) for g in spans)
            if matched:
                tp[cat] += 1
            elif f["severity"] in ("block", "warn"):
                fp[cat] += 1
                false_pos.append((case["file"], f))
    table = {}
    for cat in SCORED:
        p_den = tp[cat] + fp[cat]
        table[cat] = {
            "gold": gold_n[cat], "recall": gold_hit[cat] / gold_n[cat] if gold_n[cat] else None,
            "tp": tp[cat], "fp": fp[cat], "precision": tp[cat] / p_den if p_den else None,
        }
    all_gold = sum(gold_n.values())
    all_tp, all_fp = sum(tp.values()), sum(fp.values())
    table["all"] = {"gold": all_gold, "recall": sum(gold_hit.values()) / all_gold, "tp": all_tp, "fp": all_fp,
                    "precision": all_tp / (all_tp + all_fp) if all_tp + all_fp else None}
    return {
        "table": table,
        "clean_blocking": clean_blocking,
        "near_flagged": near_flagged,
        "forms": {k: (form_hit[k], form_n[k]) for k in sorted(form_n)},
        "typo_split": {k: (split_hit[k], split_n[k]) for k in sorted(split_n)},
        "contract": contract,
        "misses": misses,
        "false_positives": false_pos,
    }


def _fmt(x):
    return "  -  " if x is None else f"{x:5.3f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    shared = Path(a.shared) if a.shared else find_shared()
    if shared is None or not (shared / "corpus" / "dev").exists():
        print("dev set not found (set SANSHEN_SHARED)", file=sys.stderr)
        return 2
    r = score(shared, a.verbose)
    if a.json:
        print(json.dumps(r, ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"{'category':<12}{'gold':>6}{'recall':>9}{'tp':>6}{'fp':>6}{'precision':>11}")
    for cat, row in r["table"].items():
        print(f"{cat:<12}{row['gold']:>6}{_fmt(row['recall']):>9}{row['tp']:>6}{row['fp']:>6}{_fmt(row['precision']):>11}")
    print(f"blocking findings in clean cases: {len(r['clean_blocking'])}")
    print(f"near misses flagged: {len(r['near_flagged'])}")
    print("typo recall: " + ", ".join(f"{k} {h}/{n}" for k, (h, n) in r["typo_split"].items()))
    print("sensitive recall per evasion form: " + ", ".join(f"{k} {h}/{n}" for k, (h, n) in r["forms"].items()))
    c = r["contract"]
    print(f"contract over {c['files']} files: text!=slice {c['text_slice']}, wrong chars {c['chars']}, "
          f"wrong exit code {c['exit_code']}")
    if a.verbose:
        for file, f in r["clean_blocking"]:
            print("CLEAN-BLOCK", file, f["category"], f["rule"], f["text"])
        for file, neg, f in r["near_flagged"]:
            print("NEAR", file, neg["kind"], repr(neg["text"]), f["rule"], repr(f["text"]))
        for file, g in r["misses"]:
            print("MISS", file, g["category"], g.get("kind") or g.get("form") or g.get("split"), repr(g["text"]))
        for file, f in r["false_positives"]:
            print("FP", file, f["category"], f["rule"], f["severity"], repr(f["text"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
