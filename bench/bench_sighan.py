"""Typo detector on the public SIGHAN-2015 test set (SIGHAN-2015 错别字评测): P, R, F1 and time.

    .venv/bin/python bench/bench_sighan.py [-v] [--half even|odd]

Each sentence of ``bench/data/sighan2015_test.tsv`` (see ``bench/data/README.md``) is screened by
the product's typo detector; the suggestions of its typo findings that replace the written
characters one for one (a single suggestion of the same length, as pycorrector corrects) are
applied, and the corrected sentence is scored at sentence level:

- correction: TP = the sentence needed correction and the output equals the target;
  FP = the output differs from the source but is wrong (a change to a correct sentence, or a
  wrong or partial change to a wrong one); FN = it needed correction and the output is not the
  target.  P = TP / (TP + FP), R = TP / (TP + FN).
- pycorrector's own figure (``pycorrector.utils.evaluate_utils.eval_model_single``) counts as FP
  only changes to correct sentences (a wrong change to a wrong sentence is an FN alone): printed
  as "correction (pycorrector)".
- detection: the same with "the output changes exactly the positions where source and target
  differ" in place of "the output equals the target".

``-v`` prints every sentence the detector changed or missed; ``--half even`` (or ``odd``) scores only
the sentences on the even- (odd-) numbered lines of the file (develop on one half, check on the other).
"""

from __future__ import annotations

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "src"))
DATA = os.path.join(HERE, "data", "sighan2015_test.tsv")


def read_pairs(path: str = DATA, half: str | None = None) -> list[tuple[str, str]]:
    """The (source, target) sentence pairs of a tab-separated file; with `half` ("even" or "odd"),
    those on the even- or odd-numbered lines only (counting from 1)."""
    pairs = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if half and (number % 2 == 0) != (half == "even"):
                continue
            parts = line.strip().split("\t")
            if len(parts) == 2 and not parts[0].startswith("#"):
                pairs.append((parts[0], parts[1]))
    return pairs


def correct(findings, text: str) -> str:
    """`text` with the one-for-one suggestions of the typo findings applied (纠正)."""
    chars = list(text)
    for f in findings:
        if f.category == "typo" and f.suggestion and len(f.suggestion) == f.end - f.start:
            chars[f.start : f.end] = f.suggestion
    return "".join(chars)


def _changed(a: str, b: str) -> frozenset | None:
    """The positions where `a` and `b` differ; None when their lengths differ."""
    if len(a) != len(b):
        return None
    return frozenset(i for i, (x, y) in enumerate(zip(a, b)) if x != y)


def score(triples) -> dict:
    """Sentence-level counts and figures over (source, target, output) triples."""
    c = {"tp": 0, "fp": 0, "fn": 0, "ptp": 0, "pfp": 0, "pfn": 0, "dtp": 0, "dfp": 0, "dfn": 0, "n": 0}
    for src, tgt, out in triples:
        c["n"] += 1
        wrong = src != tgt
        changed = out != src
        right = out == tgt
        want = _changed(src, tgt)
        detected = changed and want is not None and _changed(src, out) == want
        c["tp"] += wrong and right
        c["fp"] += changed and not right
        c["fn"] += wrong and not right
        c["pfp"] += changed and not wrong
        c["dtp"] += wrong and detected
        c["dfp"] += changed and not detected
        c["dfn"] += wrong and not detected
    c["ptp"], c["pfn"] = c["tp"], c["fn"]
    for pre in ("", "p", "d"):
        tp, fp, fn = c[pre + "tp"], c[pre + "fp"], c[pre + "fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        c[pre + "P"], c[pre + "R"] = p, r
        c[pre + "F1"] = 2 * p * r / (p + r) if p + r else 0.0
    return c


def main():
    verbose = "-v" in sys.argv
    from sanshen.screening.typos import TypoDetector

    t0 = time.perf_counter()
    det = TypoDetector.default()
    load = time.perf_counter() - t0
    half = sys.argv[sys.argv.index("--half") + 1] if "--half" in sys.argv else None
    pairs = read_pairs(half=half)
    t0 = time.perf_counter()
    outs = [correct(det.find(src), src) for src, _ in pairs]
    run = time.perf_counter() - t0
    triples = [(s, t, o) for (s, t), o in zip(pairs, outs)]
    if verbose:
        for s, t, o in triples:
            if o != t or s != t:
                mark = "ok  " if o == t else ("FP  " if o != s else "miss")
                print(f"{mark} {s}\n     want {t}\n     got  {o}")
    c = score(triples)
    print(f"SIGHAN-2015 test{' (' + half + ' lines)' if half else ''}: {c['n']} sentences, {sum(s != t for s, t in pairs)} need correction")
    for pre, name in (("", "correction"), ("p", "correction (pycorrector)"), ("d", "detection")):
        tp, fp, fn, p, r, f1 = (c[pre + k] for k in ("tp", "fp", "fn", "P", "R", "F1"))
        print(f"{name:25} TP {tp:3} FP {fp:3} FN {fn:3}  P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    print(f"detector load {load * 1000:.0f} ms; find + correct on all sentences {run * 1000:.0f} ms")


if __name__ == "__main__":
    main()
