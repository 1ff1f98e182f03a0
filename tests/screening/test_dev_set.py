"""The public development set, scored by the rules of its README (bench/score_dev.py)."""

import sys

import pytest

from .helpers import REPO, shared_dir

SHARED = shared_dir()
pytestmark = pytest.mark.skipif(SHARED is None or not (SHARED / "corpus" / "dev" / "labels.jsonl").exists(),
                                reason="shared/corpus/dev not found")


@pytest.fixture(scope="module")
def result():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from score_dev import score
    finally:
        sys.path.pop(0)
    return score(SHARED)


def test_no_blocking_finding_in_clean_cases(result):
    assert result["clean_blocking"] == []


def test_no_near_miss_flagged(result):
    assert result["near_flagged"] == []


def test_contract_holds_on_every_file(result):
    c = result["contract"]
    assert (c["text_slice"], c["chars"], c["exit_code"]) == (0, 0, 0)


# floors: what the engine reaches on the dev set, minus a margin (typo belongs to the typo detector)
FLOORS = {"secrecy": (0.85, 0.85), "privacy": (0.9, 0.9), "sensitive": (0.9, 0.9),
          "expression": (0.8, 0.8), "prohibited": (0.75, 0.75)}


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_recall_and_precision_floors(result, category):
    row = result["table"][category]
    recall_floor, precision_floor = FLOORS[category]
    assert row["recall"] >= recall_floor, row
    assert row["precision"] is None or row["precision"] >= precision_floor, row


def test_every_evasion_form_is_recalled(result):
    assert all(hit == n for hit, n in result["forms"].values()), result["forms"]
