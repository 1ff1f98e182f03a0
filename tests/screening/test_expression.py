"""Serious wrong expressions (严重错误表述): old agency names with context, press terms, leaders."""

import pytest

from .helpers import findings, spans


@pytest.mark.parametrize("text, name", [
    ("现将国家质检总局有关通知转发给你们。", "国家质检总局"),
    ("国家卫计委调研组一行来我市开展专题调研。", "国家卫计委"),
    ("依据国务院法制办印发的相关规定，进一步规范工作流程。", "国务院法制办"),
    ("市环保局组织开展执法检查。", "环保局"),
    ("中国保监会调研组一行来我市开展专题调研。", "中国保监会"),
    ("依据卫生部印发的相关规定执行。", "卫生部"),
    ("国务院三峡工程建设委员会办公室调研组来我市调研。", "国务院三峡工程建设委员会办公室"),
])
def test_old_agency_names_warn_with_successor(text, name):
    got = findings(text, "expression")
    assert [(f.text, f.severity) for f in got] == [(name, "warn")]
    assert got[0].suggestion and got[0].rule == "expression.agency"
    assert "旧称" in got[0].message


@pytest.mark.parametrize("text", [
    "原环保部的有关职能已划入生态环境部。",
    "会议邀请原铁道部有关专家作专题报告。",
    "各级卫生部门要做好健康知识普及工作。",
    "各地农业部门要抓好春耕生产。",
    "住房和城乡建设部印发通知。",
    "2016年，国家工商总局发布了有关规定。",
    "文化和旅游局举办非遗展演。",
    "要统筹做好基础设施建设部署。",
    "依据应急管理部印发的相关规定，进一步规范工作流程。",
])
def test_historical_current_and_containing_words_are_fine(text):
    assert [f for f in findings(text, "expression") if f.severity != "info"] == []


@pytest.mark.parametrize("text, term", [
    ("南朝鲜代表团访问我市。", "南朝鲜"),
    ("外蒙古代表团出席了本次博览会。", "外蒙古"),
    ("内蒙古自治区的蒙族牧民喜迎那达慕大会。", "蒙族"),
    ("中港台三地青年开展文化交流活动。", "中港台"),
    ("据台湾教育部消息。", "台湾教育部"),
    ("坚决反对台独分裂活动。", "台独"),
    ("“一带一路”战略深入推进。", "一带一路”战略"),
])
def test_press_style_terms(text, term):
    assert (term, "warn") in spans(text, "expression")


@pytest.mark.parametrize("text", ["蒙古国代表团出席了本次博览会。", "韩国客商来我市考察投资环境。", "坚决反对“台独”分裂活动。",
                                  "全国人大常委会副委员长出席。"])
def test_correct_forms_are_silent(text):
    assert [f for f in findings(text, "expression") if f.severity != "info"] == []


def test_leaders_are_flagged_for_repeated_checking():
    got = findings("深入学习贯彻习近平总书记重要讲话精神。", "expression")
    assert [(f.text, f.severity) for f in got] == [("习近平", "info")]
    assert got[0].rule.startswith("leader")
