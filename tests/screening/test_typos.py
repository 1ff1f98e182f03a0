"""Typo (错别字) detection: listed pairs, generalisation beyond the lists, quiet on correct prose."""

from __future__ import annotations

import glob
import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanshen.screening.findings import Finding
from sanshen.screening.typos import TypoDetector, _read_rows

SEEDS = sorted(
    glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "seeds", "0*.txt"))
)


@pytest.fixture(scope="module")
def det() -> TypoDetector:
    return TypoDetector.default()


def _warns(det, text):
    return [f for f in det.find(text) if f.severity == "warn"]


def test_default_is_cached(det):
    assert TypoDetector.default() is det


@pytest.mark.parametrize(
    "sentence, wrong, right",
    [
        ("各单位要认真部暑，抓好落实。", "部暑", "部署"),
        ("我们一如继往地支持这项工作。", "一如继往", "一如既往"),
        ("全体干部要再接再励，争取更大成绩。", "再接再励", "再接再厉"),
        ("请于本周内完成设备按装调试。", "按装", "安装"),
        ("面对困难，不能一愁莫展。", "一愁莫展", "一筹莫展"),
        ("要坚持实是求是的思想路线。", "实是求是", "实事求是"),
    ],
)
def test_listed_pairs_found_with_exact_offsets(det, sentence, wrong, right):
    found = _warns(det, sentence)
    start = sentence.index(wrong)
    assert [(f.start, f.end, f.text, f.suggestion) for f in found] == [
        (start, start + len(wrong), wrong, right)
    ]
    f = found[0]
    assert isinstance(f, Finding) and f.category == "typo"
    assert f.message == f"疑似错别字：“{wrong}”应为“{right}”"


def test_listed_pair_not_reported_inside_correct_words(det):
    # 以经 is a listed misspelling of 已经, but 以经济建设为中心 is correct.
    assert _warns(det, "坚持以经济建设为中心，不动摇。") == []
    # 在次 (再次) inside 在次日 is correct.
    assert _warns(det, "会议在次日上午召开。") == []


def test_context_hint_is_info_only(det):
    found = det.find("截止目前，已完成全部任务。")
    assert found and all(f.severity == "info" for f in found)
    assert found[0].suggestion == "截至目前"


def _same_sound_chars(det, ch):
    code = det._table.get(ord(ch))
    return [chr(c) for c, k in det._table.items() if k == code and chr(c) != ch]


def _listed_wrong_forms():
    forms = set()
    for name in ("typos_common.tsv", "typo_attested.tsv", "typo_shape_variants.tsv"):
        for row in _read_rows(name):
            forms.add(row[0])
    return forms


def _make_unlisted_typos(det, words, rng, limit):
    """Misspell real words with a common same-sound character; keep forms no list holds."""
    common = {r[0] for r in _read_rows("typo_common_chars.txt")}
    listed = _listed_wrong_forms()
    made = []
    for w in words:
        positions = list(range(len(w)))
        rng.shuffle(positions)
        for i in positions:
            subs = [c for c in _same_sound_chars(det, w[i]) if c in common]
            rng.shuffle(subs)
            for c in subs:
                v = w[:i] + c + w[i + 1 :]
                if v not in det.freq and v not in listed:
                    made.append((v, w))
                    break
            else:
                continue
            break
        if len(made) >= limit:
            break
    return made


def test_unlisted_idiom_typos_found_by_sound(det):
    rng = random.Random(20240501)
    idioms = sorted(w for w in det.idioms if len(w) == 4 and det.freq.get(w, 0) >= 50)
    rng.shuffle(idioms)
    cases = _make_unlisted_typos(det, idioms, rng, 40)
    assert len(cases) >= 30
    hits = 0
    for wrong, right in cases:
        text = f"会议强调，各部门要{wrong}，切实做好各项工作。"
        found = _warns(det, text)
        if any(f.text == wrong and f.suggestion == right for f in found):
            hits += 1
    assert hits >= 0.8 * len(cases), (hits, len(cases))


def test_unlisted_word_typos_found_by_sound(det):
    rng = random.Random(7)
    words = sorted(
        w for w, f in det.freq.items() if len(w) == 2 and f >= 2000 and all("\u4e00" <= c <= "\u9fff" for c in w)
    )
    rng.shuffle(words)
    cases = _make_unlisted_typos(det, words, rng, 60)
    assert len(cases) >= 40
    hits = sum(
        1
        for wrong, right in cases
        if any(f.text == wrong and f.suggestion == right for f in _warns(det, f"。{wrong}。"))
    )
    # Isolated two-character words are the hard case; most must still be found.
    assert hits >= 0.5 * len(cases), (hits, len(cases))


def test_made_up_pairs_in_official_prose(det):
    # Pairs written for this test (not in any pack): same-sound misspellings of real words.
    listed = _listed_wrong_forms()
    for text, wrong, right in [
        ("双方于昨日签属合作协议。", "签属", "签署"),
        ("要进一步完善工作机置，加快建设现代化产业体习。", "机置", "机制"),
        ("加快建设现代化产业体习。", "体习", "体系"),
        ("各地要精心阻织，确保活动顺利开展。", "阻织", "组织"),
    ]:
        assert wrong not in listed
        found = _warns(det, text)
        assert any(f.text.find(wrong) >= 0 or wrong.find(f.text) >= 0 for f in found), (text, found)
        f = next(f for f in found if wrong in f.text or f.text in wrong)
        assert text[f.start : f.end] == f.text
        assert right in f.suggestion or f.suggestion in right


@pytest.mark.skipif(not SEEDS, reason="shared/seeds not present")
def test_correct_seed_documents_have_no_typo_warnings(det):
    for path in SEEDS:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        assert _warns(det, text) == [], os.path.basename(path)


def test_traditional_characters_are_not_typos(det):
    assert _warns(det, "請於今日辦理註銷手續，並告知校園各單位。") == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("部暑署一如继往既再接励厉截止至目前的是在以经济已签属订定，。 \r\n")),
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
            st.characters(),
        ),
        max_size=60,
    )
)
def test_findings_are_exact_slices_and_nothing_crashes(text):
    det = TypoDetector.default()
    for f in det.find(text):
        assert text[f.start : f.end] == f.text
        assert f.category == "typo" and f.severity in ("warn", "info")
        assert f.suggestion and f.suggestion != f.text
        assert f.message


def test_prefiltered_candidates_drop_only_what_the_span_check_drops(det):
    """find's fast path pre-filters candidates; it may drop only those that find's own span-only
    pre-check would drop, so the findings are the same as with the plain candidate list."""
    import math

    from sanshen.screening.typos import LOCAL_MIN_GAIN

    rng = random.Random(7)
    texts = [open(p, encoding="utf-8").read()[:3000] for p in SEEDS[:2]]
    texts += ["以经济建设为中心，部暑工作，未雨筹谋。", "是实施方案的部暑和安排"]
    chars = [c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"]
    for t in list(texts[:2]):
        lst = list(t)
        for _ in range(40):
            j = rng.randrange(len(lst))
            if "\u4e00" <= lst[j] <= "\u9fff":
                lst[j] = rng.choice(chars)
        texts.append("".join(lst))
    lt = det._logtotal
    for text in texts:
        plain = list(det.candidates(text))
        fast = list(det.candidates(text, _prefilter=True))
        assert [c for c in plain if c in set(fast)] == fast  # same order, a subset
        for s, e, right, source, kind in set(plain) - set(fast):
            assert source in ("sound", "shape")
            local = math.log(det.freq.get(right, 1)) - lt
            for ch in text[s:e]:
                local -= math.log(det.freq.get(ch, 1)) - lt
            assert local < LOCAL_MIN_GAIN


def test_pair_boundary_offsets_match_the_general_check():
    """The offset tables for two-character spans look at exactly the slices _crosses looks at."""
    from sanshen.screening import typos as T

    d = T.TypoDetector.__new__(T.TypoDetector)
    rng = random.Random(3)
    for _ in range(1500):
        n = rng.randrange(2, 12)
        text = "".join(rng.choice("abcdefg") for _ in range(n))
        d._cross_words = {"".join(rng.choice("abcdefg") for _ in range(rng.randrange(2, 5))) for _ in range(60)}
        for s in range(n - 1):
            for side, diff in ((1, (s + 1,)), (0, (s,))):
                got = any(
                    s + da >= 0 and s + db <= n and text[s + da : s + db] in d._cross_words
                    for da, db in T._PAIR_CROSS[side]
                )
                assert got == d._crosses(text, s, s + 2, diff)


def test_split_sound_scan_matches_one_overlapping_scan(det):
    """Two-character sound classes are looked up in a dict and only the longer ones scanned; the
    merged list is exactly what one overlapping scan over all sound classes returns, in order."""
    from sanshen.screening.typos import _Matcher

    full = _Matcher(det._sound_keys, overlapping=True)
    texts = [open(p, encoding="utf-8").read()[:4000] for p in SEEDS[:3]]
    texts += ["以经济建设为中心，部暑工作，未雨筹谋。", "部暑", "部", ""]
    for text in texts:
        sc = text.translate(det._tlist)
        assert det._sound_matches(sc) == [tuple(m) for m in full.find(sc)]


def test_bigram_memo_does_not_change_findings(det):
    """The per-bigram memo persists across calls: findings are the same with it empty or warm."""
    texts = [open(p, encoding="utf-8").read()[:3000] for p in SEEDS[:2]]
    texts += ["以经济建设为中心，部暑工作，未雨筹谋。", "是实施方案的部暑和安排，按步就班"]
    warm = [det.find(t) for t in texts]
    det._pair_memo.clear()
    cold = [det.find(t) for t in reversed(texts)][::-1]
    assert cold == warm


def test_pair_group_lookups_match_the_key_index(det):
    """The look-ups by text character + sound key (with the per-key bound) give what
    ``_pair_words`` gives with the key index, for every two-character span of the texts."""
    texts = [open(p, encoding="utf-8").read()[:4000] for p in SEEDS[:3]]
    texts += ["以经济建设为中心，部暑工作，未雨筹谋。", "是实施方案的部暑和安排，按步就班，在按装"]
    neglt = -det._logtotal
    for text in texts:
        sc = text.translate(det._tlist)
        for s in range(len(text) - 1):
            span, k2 = text[s : s + 2], sc[s : s + 2]
            k = det._key2.get(k2)
            want = () if k is None or span in det._known else det._pair_words(span, k)
            h0 = det._pair_by_first.get(span[0] + k2)
            h1 = det._pair_by_second.get(k2 + span[1])
            got = () if h0 is None and h1 is None else det._pair_words_h(span, h0, h1)
            assert got == want, span
            m = det._pair_key_best.get(k2)
            if m is None or m - det._clog.get(span[0], neglt) - det._clog.get(span[1], neglt) < 4.0:
                assert want == (), span


def test_pair_scan_reports_every_span_with_same_sound_candidates(det):
    """Only the two-character spans the pair scan reports are looked at: every span with
    candidates must be among them, also with rare and same-sound characters put in."""
    rng = random.Random(11)
    texts = [open(p, encoding="utf-8").read()[:4000] for p in SEEDS[:3]]
    texts += ["以经济建设为中心，部暑工作，未雨筹谋。", "是实施方案的部暑和安排，按步就班，在按装", "签属机置体习阻织"]
    by_sound = {}
    for c, k in det._table.items():
        by_sound.setdefault(k, []).append(chr(c))
    for t in list(texts[:3]):
        chars = list(t)
        for _ in range(len(chars) // 8):
            j = rng.randrange(len(chars))
            k = det._table.get(ord(chars[j]))
            if k:
                chars[j] = rng.choice(by_sound[k])
        texts.append("".join(chars))
    checked = 0
    for text in texts:
        sc = text.translate(det._tlist)
        starts = set(det._pair_starts(text))
        for s in range(len(text) - 1):
            if det._pair_result(text[s : s + 2], sc[s : s + 2]):
                checked += 1
                assert s in starts, text[s : s + 2]
    assert checked > 100


def _best_reference(det, s):
    """The unigram segmentation score with every word of up to MAX_WORD characters tried."""
    import math

    from sanshen.screening.typos import MAX_WORD

    best = [0.0] + [-1e18] * len(s)
    for i in range(len(s)):
        for j in range(i + 1, min(len(s), i + MAX_WORD) + 1):
            f = det.freq.get(s[i:j], 1 if j == i + 1 else 0)
            if f:
                best[j] = max(best[j], best[i] + math.log(f) - det._logtotal)
    return best[len(s)]


def test_best_with_prefix_pruning_matches_the_full_search(det):
    texts = [open(p, encoding="utf-8").read()[:600] for p in SEEDS[:2]]
    texts += ["以经济建设为中心", "未雨绸缪，一如既往地支持", "中华人民共和国国务院办公厅", "部暑"]
    for text in texts:
        for run in text.split():
            for i in range(0, max(1, len(run) - 11), 3):
                w = run[i : i + 12]
                assert det._best(w) == _best_reference(det, w), w
