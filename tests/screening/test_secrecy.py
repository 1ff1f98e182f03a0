"""Secrecy markers (涉密标识) are structures; the same words in prose are not markers."""

import pytest

from .helpers import findings, spans


@pytest.mark.parametrize("doc, marker", [
    ("机 密\n\n关于开展专项检查的通知\n正文。", "机 密"),
    ("    秘 密\n\n重点企业运行监测简报\n正文。", "秘 密"),
    ("绝密★20年\n关于某事的通知\n正文。", "绝密★20年"),
    ("秘密★一年\n正文。", "秘密★一年"),
    ("机密★启用前\n\n正文。", "机密★启用前"),
    ("秘密 ★ 2 年\n正文。", "秘密 ★ 2 年"),
    ("内部资料 请勿外传\n正文。", "内部资料 请勿外传"),
    ("内部文件，注意保存\n正文。", "内部文件，注意保存"),
    ("【内 部】\n正文。", "【内 部】"),
    ("工作秘密\n正文。", "工作秘密"),
    ("密级：秘密\n正文。", "密级：秘密"),
    ("機密\n正文。", "機密"),  # traditional form
    ("正文。\n\n（此件不公开）\n", "（此件不公开）"),
    ("正文。\n\n（本件不予公开）\n", "（本件不予公开）"),
    ("正文。\n(此件不得上网)", "(此件不得上网)"),
    ("正文。\n（此件为内部信息，严禁通过互联网、手机、微信等传播使用和对外发布）", "（此件为内部信息，严禁通过互联网、手机、微信等传播使用和对外发布）"),
    ("正文。\n（内部资料，严禁外传）", "（内部资料，严禁外传）"),
    ("各单位要抓好落实。（此件不公开）", "（此件不公开）"),
])
def test_markers_are_blocking_findings_at_their_place(doc, marker):
    got = spans(doc, "secrecy")
    assert (marker, "block") in got, got


@pytest.mark.parametrize("doc", [
    "严格落实保密责任，防止国家秘密和工作秘密外泄。",
    "对涉及个人隐私和商业秘密的内容，要作删除或者技术处理。",
    "严禁泄露国家秘密、商业秘密和个人隐私。",
    "完善内部控制制度，规范内部审批流程。",
    "正文。\n\n（此件公开）\n",
    "正文。\n\n（此件公开发布）\n",
    "正文。\n\n（公开方式：主动公开）\n",
    "版权所有 未经许可不得转载\n",
    "载有秘密级以上信息的计算机不得上网。",
    "未经审查和批准的政府信息不得公开。",
])
def test_prose_and_public_notes_are_not_markers(doc):
    assert findings(doc, "secrecy") == []
