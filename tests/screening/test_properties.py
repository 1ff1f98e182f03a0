"""Properties on arbitrary input: no crash, and `text == extracted[start:end]` for every finding."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanshen.screening.engine import screen_text
from sanshen.screening.normalize import Normalized

PIECES = ["秘密", "★", "1年", "内部", "（此件不公开）", "机 密", "\n", "\r\n", " ", "\u200b", "\u3000", "*", "·",
          "13912345678", "11010519491231002X", "6228480402564890018", "环保局", "原", "卫生部门", "國家",
          "出售冰毒", "出售\u200b冰毒", "ＢＣ", "İ", "ß", "关于申请经费的请示", "台独", "“", "”", "\ufeff", "Ａ",
          "𠀀", "\ud7ff", "。", "，", "习近平", "2018年"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_findings_are_exact_slices_and_nothing_crashes(text):
    for f in screen_text(text):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_offset_map_round_trips(text):
    n = Normalized(text)
    assert len(n.folded) == len(text)
    for i in range(len(n.compact)):
        j = n.to_original(i)
        assert 0 <= j < len(text)
        if i:
            assert j > n.to_original(i - 1)
