"""Sensitive topics, prohibited document kinds, format checks and the allow-list."""

import pytest

from sanshen.screening.extract import extract
from sanshen.screening.findings import CATEGORIES, SEVERITIES
from sanshen.screening.ruleset import RuleSet

from .helpers import findings, spans


@pytest.mark.parametrize("text, term", [
    ("点击进入网上赌场，注册送彩金。", "网上赌场"),
    ("出售冰毒，量大从优。", "出售冰毒"),
    ("专业代开发票，联系微信。", "代开发票"),
    ("提供裸聊服务。", "裸聊"),
    ("仿真枪出售，货到付款。", "仿真枪出售"),
    ("法轮大法好", "法轮大法好"),
])
def test_default_topic_lexicons_block_clear_cut_offers(text, term):
    assert (term, "block") in spans(text, "sensitive")


def test_government_prose_about_these_topics_is_not_blocked():
    text = ("不得制作、复制、发布、传播散布淫秽、色情、赌博、暴力、恐怖或者教唆犯罪的信息；"
            "宣扬邪教和封建迷信的；严厉打击电信网络诈骗和毒品犯罪。")
    assert [f for f in findings(text) if f.severity == "block"] == []


@pytest.mark.parametrize("doc, kind", [
    ("关于申请网站等保测评经费的请示\n省委网信办：\n正文。\n当否，请批示。", "prohibited.request"),
    ("市数据局\n关于请求拨付专项经费的请示\n市政府：\n正文。", "prohibited.request"),
    ("关于第一季度信息发布工作情况的报告\n省委网信办：\n正文。\n专此报告。", "prohibited.report"),
    ("关于商请协助开展行业调研的函\n市发展改革委：\n正文。\n盼复。", "prohibited.letter"),
])
def test_prohibited_document_kinds_are_read_from_the_title(doc, kind):
    got = findings(doc, "prohibited")
    assert [f.rule for f in got] == [kind]
    assert got[0].severity == "block"
    assert got[0].text == doc.split("\n")[1 if doc.startswith("市数据局") else 0]


@pytest.mark.parametrize("doc", [
    "关于印发《网站信息内容管理办法》的通知\n各部门：\n正文。",
    "关于征集优秀政务新媒体作品的公告\n正文。",
    "下列信息不得在网上发布：对上级机关的请示、报告等；同级机关的往来函件。",
    "XX县2024年政府信息公开工作年度报告\n正文。",
])
def test_notices_and_prose_mentions_are_not_prohibited(doc):
    assert [f for f in findings(doc, "prohibited") if f.severity != "info"] == []


def test_closing_formula_without_title_is_a_warning():
    got = findings("各位领导：\n拟于下月举办论坛。\n当否，请批示。\n", "prohibited")
    assert [(f.text, f.severity) for f in got] == [("当否，请批示", "warn")]


def test_html_format_checks():
    html = ('<html><head><style>p{color:red}</style><title>t</title></head><body>'
            '<h1 style="color:red">标题</h1>'
            '<p style="color:#000;font-family:仿宋_GB2312;font-size:14pt;line-height:28pt">合规正文。</p>'
            '<p style="color:red">红色正文。</p>'
            '<p><span style="font-family:宋体">宋体正文</span></p>'
            '<p style="line-height:1.5">行距不对。</p><script>var x="秘密★1年";</script></body></html>')
    ex = extract(html.encode("utf-8"), "a.html")
    assert "var x" not in ex.text and "合规正文。" in ex.text
    got = findings(ex.text, "format", html_runs=ex.html_runs)
    assert {(f.rule, f.text) for f in got} == {
        ("format.body_color", "红色正文。"), ("format.body_font", "宋体正文"), ("format.line_spacing", "行距不对。")}
    assert all(f.severity == "warn" for f in got)


def test_duplicate_title_is_a_format_warning():
    got = findings("关于开展信息发布质量专项整治的工作方案\n正文。", "format",
                   existing_titles=["关于开展信息发布质量专项整治的工作方案", "其他"])
    assert [(f.rule, f.severity) for f in got] == [("format.duplicate_title", "warn")]
    assert findings("全新标题\n正文。", "format", existing_titles=["旧标题"]) == []


def test_allow_list_silences_a_false_positive_by_phrase(tmp_path):
    text = "出售冰毒，量大从优。"
    assert findings(text, "sensitive")
    rs = RuleSet.build(allow=["出售冰毒，量大"])
    assert findings(text, "sensitive", ruleset=rs) == []
    allow = tmp_path / "allow.txt"
    allow.write_text("# 白名单\n市环保局\n", encoding="utf-8")
    rs2 = RuleSet.build(allow_files=[allow])
    assert findings("市环保局组织检查。", "expression", ruleset=rs2) == []


def test_every_finding_has_a_known_category_severity_and_a_chinese_message():
    text = ("秘密★1年\n关于申请经费的请示\n电话13912345678，市环保局，出售冰毒。\n（此件不公开）")
    fs = findings(text)
    assert {f.category for f in fs} >= {"secrecy", "privacy", "expression", "sensitive", "prohibited"}
    for f in fs:
        assert f.category in CATEGORIES and f.severity in SEVERITIES
        assert any("\u4e00" <= c <= "\u9fff" for c in f.message)


def test_ruleset_version_changes_with_rules_and_automaton_is_cached(tmp_path):
    a = RuleSet.default()
    assert RuleSet.default() is a
    lex = tmp_path / "l.txt"
    lex.write_text("测试词\n", encoding="utf-8")
    b = RuleSet.build(lexicons=[lex])
    assert a.version != b.version
    assert b.automaton is b.automaton
    assert RuleSet.build(lexicons=[lex]).version == b.version
