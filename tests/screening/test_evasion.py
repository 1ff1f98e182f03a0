"""Evasion does not defeat matching (S3); the finding covers the whole evaded form."""

import pytest

from sanshen.screening.ruleset import RuleSet

from .helpers import findings


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    lex = tmp_path_factory.mktemp("lex") / "lex.txt"
    lex.write_text("# test lexicon\n虚拟币搬砖\nBC菠菜平台\tsensitive\tblock\n咖啡包\tsensitive\twarn\n", encoding="utf-8")
    return RuleSet.build(lexicons=[lex])


@pytest.mark.parametrize("form, evaded", [
    ("plain", "虚拟币搬砖"),
    ("traditional", "虛擬幣搬磚"),
    ("fullwidth", "ＢＣ菠菜平台"),
    ("case", "bc菠菜平台"),
    ("space", "虚 拟 币\u3000搬砖"),
    ("symbol", "虚*拟·币_搬-砖"),
    ("zerowidth", "虚\u200b拟\u200c币\u200d搬\ufeff砖"),
    ("combo", "虛擬幣搬  磚"),
    ("dots", "咖.啡.包"),
])
def test_evaded_forms_are_found_at_original_positions(ruleset, form, evaded):
    text = f"据群众反映，有人在群里发布“{evaded}”等信息。"
    got = [f for f in findings(text, "sensitive", ruleset=ruleset)]
    assert len(got) == 1, (form, got)
    assert got[0].text == evaded
    assert got[0].start == text.index(evaded)


def test_sentence_punctuation_ends_a_match(ruleset):
    assert findings("我们讨论虚拟币。搬砖工人很辛苦。", "sensitive", ruleset=ruleset) == []


def test_ascii_entries_respect_word_boundaries(tmp_path):
    lex = tmp_path / "l.txt"
    lex.write_text("tg\n", encoding="utf-8")
    rs = RuleSet.build(lexicons=[lex])
    assert findings("加入TG群", "sensitive", ruleset=rs)[0].text == "TG"
    assert findings("stgx settings", "sensitive", ruleset=rs) == []
