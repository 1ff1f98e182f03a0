"""The 的/地/得 rules (结构助词) and 根→跟 of ``particles``, through the typo detector's findings."""

from __future__ import annotations

import pytest

from sanshen.screening import typo_tables
from sanshen.screening.typos import TypoDetector


@pytest.fixture(scope="module")
def det() -> TypoDetector:
    return TypoDetector.default()


def _particle_fixes(det, text):
    return [(f.text, f.suggestion) for f in det.find(text) if f.rule == "typo.particle"]


MISUSED = [
    ("这次活动大家都准备的非常好。", ("的", "得")),  # complement of degree (程度补语)
    ("听到这个消息，群众十分的高兴。", ("的", "地")),  # degree adverb + 的 + adjective
    ("请大家好好的照顾他们的生活。", ("的", "地")),  # reduplicated adverbial + predicate verb
    ("他由衷的感谢你们的帮助。", ("的", "地")),  # adverb + 的 + verb with an object pronoun
    ("他们都积极的参加了这次活动。", ("的", "地")),  # 副形词 + 的 + verb + 了
    ("这是我们得任务。", ("得", "的")),  # pronoun + 得 + noun (定语)
    ("这样得安排不合适。", ("得", "的")),
    ("这个问题真得很重要。", ("得", "的")),  # 真的
    ("有事可以根我们联系。", ("根", "跟")),  # the preposition 跟
]


@pytest.mark.parametrize("text, fix", MISUSED)
def test_a_misused_function_word_is_found_with_the_right_one(det, text, fix):
    assert _particle_fixes(det, text) == [fix]


@pytest.mark.parametrize("text", [
    "各地区各部门要把问题解决得很好。",
    "经过不断的努力，这一问题得到了很好的解决。",
    "各项工作取得了很大的提高，发挥了积极的推动作用。",
    "我们所做的很多工作得到了群众的认可。",
    "有的很好，有的还需要改进。",
    "原来的规定继续有效，共同的目标已经明确。",
    "与之相对的是基层的实际情况，更好的做法是先试点。",
    "最新的在前，必要的保障措施要落实到位。",
    "我们得按时完成任务，你也得去现场。",
    "这项政策深受群众欢迎，觉得很有必要。",
    "要扎根我国大地，从根本上解决问题。",
    "认真得多，目的是提高效率。",
    "请查看最新的筛查结果，忽略的筛查结果另行保存。",
])
def test_clean_government_sentences_stay_quiet(det, text):
    assert _particle_fixes(det, text) == []


def test_the_message_names_the_particles_only_for_a_particle(det):
    (particle,) = [f for f in det.find("大家都准备的非常好。") if f.rule == "typo.particle"]
    (preposition,) = [f for f in det.find("有事可以根我们联系。") if f.rule == "typo.particle"]
    assert "的、地、得" in particle.message and "“的”应为“得”" in particle.message
    assert "的、地、得" not in preposition.message and "“根”应为“跟”" in preposition.message


def test_a_new_process_reading_the_cache_file_finds_the_same_particles(det):
    """The cache file's word classes are read shard by shard, not listed: the same findings."""
    cached = typo_tables._load(typo_tables._dump(det))
    for text, fix in MISUSED:
        assert _particle_fixes(cached, text) == [fix]
    assert _particle_fixes(cached, "经过不断的努力，这一问题得到了很好的解决。") == []
