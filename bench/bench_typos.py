"""Typo detector: load time, speed per 10k characters, dev-set recall/precision, seed false positives.

    .venv/bin/python bench/bench_typos.py [-v]
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))
sys.path.insert(0, HERE)
SHARED = os.environ.get("SANSHEN_SHARED", os.path.join(HERE, "..", "..", "shared"))


def read_case(path):
    with open(path, encoding="utf-8") as fh:
        t = fh.read()
    return t[1:] if t.startswith("\ufeff") else t


def main():
    verbose = "-v" in sys.argv
    t0 = time.perf_counter()
    from sanshen.screening.typos import TypoDetector

    det = TypoDetector.default()
    print(f"load: {(time.perf_counter() - t0) * 1000:.0f} ms")

    seeds = sorted(glob.glob(os.path.join(SHARED, "seeds", "0*.txt")))
    text = "".join(read_case(p) for p in seeds)
    fps = 0
    for p in seeds:
        for f in det.find(read_case(p)):
            if f.severity != "info" or verbose:
                print("  seed finding:", os.path.basename(p), f.severity, f.start, f.text, "->", f.suggestion, f.rule)
            fps += f.severity != "info"
    print(f"seed warn findings (all false positives): {fps} on {len(text)} chars")

    art = (text * 3)[:10000]
    det.find(art)
    n = 20
    t = time.perf_counter()
    cpu = []
    for _ in range(n):
        c = time.process_time()
        det.find(art)
        cpu.append(time.process_time() - c)
    print(
        f"find on 10,000 chars: {(time.perf_counter() - t) / n * 1000:.2f} ms"
        f" (CPU per call: min {min(cpu) * 1000:.2f} ms, median {sorted(cpu)[n // 2] * 1000:.2f} ms)"
    )

    # The per-bigram memo persists across calls: also time never-seen text, a different article
    # each call (the seeds' sentences in another order) with the memo emptied before it.
    from bench_screen import fresh_articles

    cold = []
    for fresh in fresh_articles(text, n):
        det._pair_memo.clear()
        c = time.process_time()
        det.find(fresh)
        cold.append(time.process_time() - c)
    print(
        f"find on 10,000 chars, a fresh article each call, bigram memo emptied:"
        f" CPU min {min(cold) * 1000:.2f} ms, median {sorted(cold)[n // 2] * 1000:.2f} ms"
    )

    labels = os.path.join(SHARED, "corpus", "dev", "labels.jsonl")
    if not os.path.exists(labels):
        return
    gold_n = {"common": 0, "rare": 0}
    hit_n = {"common": 0, "rare": 0}
    tp = fp = info_unmatched = 0
    for line in open(labels, encoding="utf-8"):
        case = json.loads(line)
        txt = read_case(os.path.join(SHARED, "corpus", "dev", "cases", case["file"]))
        gold = [s for s in case["spans"] if s["category"] == "typo"]
        found = det.find(txt)
        for g in gold:
            gold_n[g["split"]] += 1
            gl = g["end"] - g["start"]
            ok = [f for f in found if f.start < g["end"] and g["start"] < f.end and (f.end - f.start) <= max(3 * gl, gl + 30)]
            if ok:
                hit_n[g["split"]] += 1
            elif verbose:
                print("  missed:", case["file"], g["text"], "->", g["suggestion"], g["split"])
        for f in found:
            m = any(f.start < g["end"] and g["start"] < f.end for g in gold)
            if m:
                tp += 1
            elif f.severity == "info":
                info_unmatched += 1
            else:
                fp += 1
                print("  dev false positive:", case["file"], f.text, "->", f.suggestion, f.rule)
    for k in gold_n:
        print(f"dev recall {k}: {hit_n[k]}/{gold_n[k]}")
    print(f"dev precision: {tp}/{tp + fp}  (unmatched info hints: {info_unmatched})")


if __name__ == "__main__":
    main()
