"""Known policy terms (规范政策用语): the typo detector leaves standard policy wording alone, in memory
and read back from its cache file, and still finds a real typo beside it."""

from __future__ import annotations

import re
import shutil

import pytest

from sanshen.screening import typo_tables
from sanshen.screening.engine import screen_text
from sanshen.screening.typos import PACKS, TERMS_PACK, TypoDetector

EXAMPLES = ("上云用数赋智 放管服 新质生产力 专精特新 一网通办 跨省通办 揭榜挂帅 赛马制 双碳 碳达峰 碳中和 放水养鱼 稳就业 "
            "六稳六保 新基建 数字政府 接诉即办 最多跑一次 一件事一次办 营商环境 链长制 河长制 林长制 田长制 乡村振兴 "
            "共同富裕 高质量发展 全过程人民民主").split()


@pytest.fixture(scope="module")
def detectors(tmp_path_factory):
    """(the detector built in memory, a detector read back from its cache file)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SANSHEN_CACHE_DIR", str(tmp_path_factory.mktemp("typo_cache")))
        built = typo_tables.load_or_build()
        cached = typo_tables.load_or_build()
    assert isinstance(cached, typo_tables.CachedTypoDetector)
    return built, cached


@pytest.mark.parametrize("term", EXAMPLES)
def test_policy_terms_get_no_typo_finding(detectors, term):
    for det in detectors:
        for text in (term, f"各地要加快推进{term}工作。", f"{term}{term}"):
            assert det.find(text) == [], text
    assert [f for f in screen_text(f"关于深化{term}的通知", typos=True) if f.category == "typo"] == []


def test_a_real_typo_next_to_a_term_is_still_found(detectors):
    text = "深入推进上云用数赋智，按步就班抓好链长制落实，认真部暑。"
    for det in detectors:
        found = [(f.text, f.suggestion, f.severity) for f in det.find(text)]
        assert found == [("按步就班", "按部就班", "warn"), ("部暑", "部署", "warn")]
        assert all(text[f.start:f.end] == f.text for f in det.find(text))


def test_a_typo_in_ordinary_words_around_terms_is_found(detectors):
    for det in detectors:
        assert [f.text for f in det.find("推动高质量发展要再接再励。") if f.severity == "warn"] == ["再接再励"]


def test_the_terms_pack_names_its_sources_and_version_and_holds_real_words():
    with open(f"{PACKS}/{TERMS_PACK}", encoding="utf-8") as fh:
        text = fh.read()
    header = "".join(line for line in text.splitlines(True) if line.startswith("#"))
    assert "政府工作报告" in header and re.search(r"^# version: \S+", header, re.M)
    terms = TypoDetector.known_terms()
    assert len(terms) >= 200 and len(set(terms)) == len(terms)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,}", t) for t in terms)
    assert set(EXAMPLES) <= set(terms)


def test_the_cache_key_follows_the_terms(tmp_path):
    packs = tmp_path / "packs"
    shutil.copytree(PACKS, packs)
    assert typo_tables.key(str(packs)) == typo_tables.key()
    with open(packs / TERMS_PACK, "a", encoding="utf-8") as fh:
        fh.write("新词\n")
    assert typo_tables.key(str(packs)) != typo_tables.key()
