"""SIGHAN-2015 bench scorer, the kept-edge rule (边界字成词), linear overlap choice."""

from __future__ import annotations

import os
import sys

import pytest

from sanshen.screening import typo_tables, typos
from sanshen.screening.findings import Finding
from sanshen.screening.typos import TypoDetector, _non_overlapping

BENCH = os.path.join(os.path.dirname(__file__), "..", "..", "bench")
sys.path.insert(0, BENCH)
import bench_sighan  # noqa: E402


@pytest.fixture(scope="module")
def det() -> TypoDetector:
    return TypoDetector.default()


def _typo(start, end, suggestion, text="x"):
    return Finding(category="typo", rule="typo.sound", severity="warn", start=start, end=end,
                   text=text, suggestion=suggestion, message="")


def test_scorer_counts_sentence_level_tp_fp_fn():
    triples = [
        ("我门好", "我们好", "我们好"),  # fully corrected: TP
        ("我门好时侯", "我们好时候", "我们好时侯"),  # partly corrected: FP (changed, wrong) and FN
        ("今天很好", "今天很好", "今天很号"),  # a correct sentence changed: FP
        ("今天很好", "今天很好", "今天很好"),  # a correct sentence left alone: nothing
        ("他门来", "他们来", "他门来"),  # missed: FN
    ]
    c = bench_sighan.score(triples)
    assert (c["tp"], c["fp"], c["fn"]) == (1, 2, 2)
    assert (c["ptp"], c["pfp"], c["pfn"]) == (1, 1, 2)  # pycorrector's: only the correct sentence is an FP
    assert c["P"] == pytest.approx(1 / 3) and c["R"] == pytest.approx(1 / 3)
    assert c["pP"] == pytest.approx(1 / 2) and c["pR"] == pytest.approx(1 / 3)
    assert c["F1"] == pytest.approx(1 / 3) and c["pF1"] == pytest.approx(0.4)


def test_scorer_detection_needs_the_right_positions_only():
    c = bench_sighan.score([("我门好", "我们好", "我扪好"), ("我门好", "我们好", "找门好")])
    assert (c["tp"], c["dtp"], c["dfp"], c["dfn"]) == (0, 1, 1, 1)


def test_correct_applies_same_length_typo_suggestions_only():
    findings = [_typo(1, 2, "们"), _typo(3, 5, "时候"), _typo(0, 1, "某某"),
                Finding(category="sensitive", rule="s", severity="warn", start=2, end=3, text="好",
                        suggestion="坏", message="")]
    assert bench_sighan.correct(findings, "我门好时侯") == "我们好时候"


def test_the_data_file_is_the_shipped_test_set():
    pairs = bench_sighan.read_pairs()
    assert len(pairs) == 707
    assert sum(s != t for s, t in pairs) == 373


def test_kept_edge_character_joining_a_word_outside_raises_the_margin(det):
    text = "重大信息由委主要领导审定。"
    assert det._kept_joins(text, 5, 7, "为主")  # 主要 runs across the edge
    assert not det._kept_joins("我们还事会努力。", 2, 4, "还是")
    assert all(f.suggestion != "为主" for f in det.find(text))


def test_cached_tables_find_the_same_as_the_built_detector(det):
    cached = typo_tables._load(typo_tables._dump(det))
    for src, _ in bench_sighan.read_pairs()[:120]:
        assert cached.find(src) == det.find(src)


def test_overlap_choice_is_linear_and_keeps_the_best():
    ranked = [(3.0, 2, 4), (2.0, 3, 5), (1.0, 0, 2), (0.5, 1, 3)]
    assert _non_overlapping(ranked, 6) == [(3.0, 2, 4), (1.0, 0, 2)]


class _CountingBytes(bytearray):
    """A bytearray that counts the span look-ups of the overlap choice."""

    finds = 0

    def find(self, *args):
        _CountingBytes.finds += 1
        return super().find(*args)


def test_long_text_overlap_choice_does_one_check_per_candidate(det, monkeypatch):
    text = ("各单位要认真部暑，抓好落实。" * 15000)[:200_000]
    ranked = []
    real = typos._non_overlapping

    def spy(cands, n):
        ranked.extend(cands)
        return real(cands, n)

    monkeypatch.setattr(typos, "_non_overlapping", spy)
    monkeypatch.setattr(typos, "bytearray", _CountingBytes, raising=False)
    found = det.find(text)
    assert len(found) == text.count("部暑") > 10_000
    assert _CountingBytes.finds == len(ranked)  # one look-up per candidate, not one per pair of them
