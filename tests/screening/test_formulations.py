"""Standard formulations (规范提法): miswritten fixed phrases and fixed lists out of order."""

import pytest

from sanshen.screening.engine import screen_text
from sanshen.screening.ruleset import RuleSet

from .helpers import shared_dir


def formulation_findings(text: str, **kw):
    fs = screen_text(text, **kw)
    for f in fs:
        assert text[f.start:f.end] == f.text
    return [f for f in fs if f.rule.startswith("expression.formulation")]


@pytest.mark.parametrize("text, wrong, right", [
    ("我们要不忘出心，砥砺前行。", "不忘出心", "不忘初心"),
    ("推动乡村振新，建设美丽乡村。", "乡村振新", "乡村振兴"),
    ("切实加强党风廉正建设。", "党风廉正建设", "党风廉政建设"),
    ("持续推进供给侧结构型改革。", "供给侧结构型改革", "供给侧结构性改革"),
    ("以习近平新时代中国特色社会主意思想为指导。", "习近平新时代中国特色社会主意思想", "习近平新时代中国特色社会主义思想"),
])
def test_miswritten_formulation_blocks_with_exact_form(text, wrong, right):
    got = formulation_findings(text)
    assert [(f.text, f.suggestion, f.rule, f.severity, f.category) for f in got] == [
        (wrong, right, "expression.formulation", "block", "expression")]
    assert right in got[0].message


def test_missing_character():
    got = formulation_findings("深入学习习近平新时代中国特色社会义思想。")
    assert [(f.text, f.suggestion) for f in got] == [("习近平新时代中国特色社会义思想", "习近平新时代中国特色社会主义思想")]
    assert "缺字" in got[0].message


@pytest.mark.parametrize("text, wrong, right", [
    ("坚持全面从严治治党。", "全面从严治治党", "全面从严治党"),
    ("实施乡村振振兴战略。", "乡村振振兴战略", "乡村振兴战略"),
])
def test_extra_character(text, wrong, right):
    assert [(f.text, f.suggestion) for f in formulation_findings(text)] == [(wrong, right)]


def test_swapped_pair():
    got = formulation_findings("深化供给侧构结性改革。")
    assert [(f.text, f.suggestion) for f in got] == [("深化供给侧构结性改革", "深化供给侧结构性改革")]
    assert "字序" in got[0].message


@pytest.mark.parametrize("text, wrong, right", [
    ("坚定道路自信、制度自信、理论自信、文化自信。", "道路自信、制度自信、理论自信、文化自信",
     "道路自信、理论自信、制度自信、文化自信"),
    ("增强政治意识、核心意识、大局意识和看齐意识。", "政治意识、核心意识、大局意识和看齐意识",
     "政治意识、大局意识、核心意识和看齐意识"),
    ("贯彻创新、绿色、协调、开放、共享的新发展理念。", "创新、绿色、协调、开放、共享", "创新、协调、绿色、开放、共享"),
])
def test_list_in_wrong_order(text, wrong, right):
    got = formulation_findings(text)
    assert [(f.text, f.suggestion, f.rule, f.severity) for f in got] == [
        (wrong, right, "expression.formulation_order", "block")]


@pytest.mark.parametrize("text, wrong, right, how", [
    ("坚定四个字信。", "四个字信", "四个自信", "用字有误"),
    ("建设美丽国中。", "美丽国中", "美丽中国", "字序颠倒"),
    ("坚持不忘初初心。", "不忘初初心", "不忘初心", "多字"),
])
def test_four_character_formulation_miswritten(text, wrong, right, how):
    """A four-character phrase: a replaced or swapped character is found with or without the
    dictionary, a character extra between its halves only with it (the typo detector's)."""
    got = formulation_findings(text)
    assert [(f.text, f.suggestion) for f in got] == [(wrong, right)] and how in got[0].message
    without = [(f.text, f.suggestion) for f in formulation_findings(text, typos=False)]
    assert without == ([] if how == "多字" else [(wrong, right)])


def test_every_correct_form_of_the_pack_is_silent():
    rules = RuleSet.default().formulations
    text = "，".join(rules.phrases) + "。" + "。".join("、".join(lst.items) for lst in rules.lists) + "。"
    assert formulation_findings(text) == []
    assert formulation_findings(text, typos=False) == []


@pytest.mark.parametrize("text", [
    "加快推进中国现代化进程。",  # 中国|现代化: ordinary words, not 中国式现代化 missing 式
    "推动经济社会高质量的发展。",
    "实现碳达峰。碳中和是长期任务。",
    "对两个确有困难的单位给予帮扶。",
    "从十个方面提出要求，四个全面协调推进。",
    "他热爱统一战线工作。",
    "道路自信和理论自信。制度自信，文化自信",  # two sentences, in order
    "文化建设、经济建设、社会建设。",  # not the whole 五位一体 list
])
def test_ordinary_text_is_silent(text):
    assert formulation_findings(text) == []


def test_long_clean_text_is_silent():
    sentences = (
        "高举中国特色社会主义伟大旗帜，全面贯彻习近平新时代中国特色社会主义思想，不忘初心、牢记使命。"
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。"
        "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设，协调推进全面建设社会主义现代化国家、"
        "全面深化改革、全面依法治国、全面从严治党。完整、准确、全面贯彻创新、协调、绿色、开放、共享的新发展理念，"
        "加快构建新发展格局，着力推动高质量发展，深化供给侧结构性改革，全面推进乡村振兴，"
        "以中国式现代化全面推进中华民族伟大复兴，发展全过程人民民主，推动构建人类命运共同体。"
        "各单位要加强党风廉政建设，认真落实中央八项规定精神，坚决反对形式主义、官僚主义、享乐主义和奢靡之风。"
    )
    seeds = shared_dir()
    extra = "".join(p.read_text(encoding="utf-8") for p in sorted((seeds / "seeds").glob("0*.txt"))) if seeds else ""
    text = (sentences + "\n" + extra) * 3
    assert formulation_findings(text) == []
    assert not any(f.severity == "block" for f in screen_text(sentences * 5))


def test_typo_finding_inside_a_formulation_finding_is_dropped():
    fs = screen_text("我们要不忘出心，牢记使命。")
    got = [f for f in fs if f.rule == "expression.formulation"]
    assert got and not any(f.category == "typo" and f.start < got[0].end and got[0].start < f.end for f in fs)


def test_lone_surrogates_do_not_crash():
    text = "不忘初心\ud800牢记使命，推动乡村振新\udfff。"
    fs = screen_text(text)
    for f in fs:
        assert text[f.start:f.end] == f.text
    assert [(f.text, f.suggestion) for f in fs if f.rule == "expression.formulation"] == [("乡村振新", "乡村振兴")]
    assert screen_text("\ud800") == []


@pytest.mark.parametrize("text,wrong,right", [
    ("该项目已于去年峻工验收。", "峻工", "竣工"),
    ("群众对此感到莫明其妙。", "莫明其妙", "莫名其妙"),
])
def test_the_variant_spellings_outside_formulations_are_typos(text, wrong, right):
    """Words the dictionary lists as variants (峻工, 莫明其妙) are still 错别字 in an official text."""
    found = [(f.rule, f.text, f.suggestion) for f in screen_text(text)]
    assert ("typo.listed", wrong, right) in found
    assert not [f for f in screen_text(text.replace(wrong, right)) if f.category == "typo"]
