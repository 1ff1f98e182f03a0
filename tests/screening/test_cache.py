"""The on-disk cache of built rule data (规则数据缓存): what is read back screens exactly as what was
built, a file built from other data is never read, a damaged one is rebuilt, and concurrent writers
never leave a half-written file."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanshen.screening import cache, typo_tables
from sanshen.screening.engine import screen_text
from sanshen.screening.packs import default_packs, parse_pack
from sanshen.screening.ruleset import RuleSet
from sanshen.screening.typo_tables import CachedTypoDetector
from sanshen.screening.typos import PACKS, _SURROGATE_RE

from .helpers import REPO, shared_dir

SHARED = shared_dir()
SAMPLE = (
    "机 密\n"
    "关于做好安全生产工作的通知\n"
    "各单位要认真部暑，一如继往地抓好落实，请于本周内完成设备按装调试。\n"
    "现将国家质检总局有关通知转发给你们，联系电话13812345678，身份证号11010519491231002X。\n"
    "会议强调要坚持实是求是，再接再励，不忘出心。截止目前，已完成全部任务。\n"
    "（此件不公开）\n"
)


def _texts() -> list[str]:
    """The sample, seed documents (when shared/ is there) and the same with characters swapped."""
    texts = [SAMPLE, "我局召开安全生产工作会议，会议强调要不忘出心。联系电话13812345678。", "部暑", "", "\ud800部暑\udfff按装"]
    if SHARED is not None and (SHARED / "seeds").exists():
        texts += [p.read_text(encoding="utf-8")[:4000] for p in sorted((SHARED / "seeds").glob("0*.txt"))[:4]]
    rng = random.Random(5)
    chars = [c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"]
    for t in list(texts):
        lst = list(t)
        for _ in range(len(lst) // 10):
            lst[rng.randrange(len(lst))] = rng.choice(chars)
        texts.append("".join(lst))
    return texts


@pytest.fixture(scope="module")
def typo_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("typo_cache")


@pytest.fixture(scope="module")
def detectors(typo_cache):
    """(the detector built in memory, a detector read back from its cache file)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SANSHEN_CACHE_DIR", str(typo_cache))
        built = typo_tables.load_or_build()  # nothing stored yet: built, and its tables written
        cached = typo_tables.load_or_build()
    assert not isinstance(built, CachedTypoDetector) and isinstance(cached, CachedTypoDetector)
    return built, cached


def test_typo_tables_read_back_find_what_the_built_detector_finds(detectors):
    built, cached = detectors
    for text in _texts():
        assert cached.find(text) == built.find(text), text[:40]
        assert list(cached.candidates(text, _prefilter=True)) == list(built.candidates(text, _prefilter=True))
    assert [f.text for f in cached.find(SAMPLE) if f.severity == "warn"] == ["部暑", "一如继往", "按装", "实是求是",
                                                                            "再接再励"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.one_of(st.sampled_from(list("部暑署一如继往既再接励厉截止至目前的是在以经济已签属订定，。 \n")),
                                  st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), st.characters()),
               max_size=60))
def test_look_ups_match_the_automata_they_stand_for(detectors, text):
    """The cached detector finds literal pairs, sound keys and pairs by look-up; every match the
    automata give, in the same order, and the same findings."""
    built, cached = detectors
    scan = _SURROGATE_RE.sub("\ufffd", text)  # what the automata can take, as candidates() gives them
    sc = scan.translate(built._tlist)
    assert [(built._literal.patterns[i], s, e) for i, s, e in built._literal.find(scan)] == cached._literal.find(scan)
    assert [(built._sound_long.patterns[i], s, e) for i, s, e in built._sound_long.find(sc)] == \
        cached._sound_long.find(sc)
    assert cached._pair_starts(scan) == built._pair_starts(scan)
    assert cached.find(text) == built.find(text)


def test_after_enough_text_the_in_memory_detector_takes_over(detectors, typo_cache, monkeypatch):
    built, _ = detectors
    monkeypatch.setenv("SANSHEN_CACHE_DIR", str(typo_cache))
    from_file = typo_tables.load_or_build()
    assert isinstance(from_file, CachedTypoDetector) and from_file._full is None
    assert from_file.find(SAMPLE) == built.find(SAMPLE) and from_file._full is None
    prose = "各单位要认真做好政务信息发布审核工作。"
    long_text = prose * (typo_tables.IN_MEMORY_AFTER // len(prose) + 1)
    assert from_file.find(long_text) == built.find(long_text) == []
    assert from_file._full is built and from_file.find(SAMPLE) == built.find(SAMPLE)


def _screen(args, cache_dir, **kw):
    env = {**os.environ, "SANSHEN_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-m", "sanshen.cli", "screen", *args], capture_output=True, env=env,
                          timeout=300, **kw)


def _files(cache_dir: Path) -> dict[str, Path]:
    return {p.name.split("-")[0]: p for p in cache_dir.glob("*.bin")}


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    """A sample file, and `sanshen screen --format json` of it in a process that found no cache:
    (the file, the cache directory it filled, the result)."""
    folder = tmp_path_factory.mktemp("screened")
    sample = folder / "sample.txt"
    sample.write_text(SAMPLE, encoding="utf-8")
    fresh = _screen(["--format", "json", str(sample)], folder / "cache")
    assert fresh.returncode == 1 and fresh.stderr == b""
    return sample, folder / "cache", fresh


def test_sanshen_screen_prints_the_same_from_a_fresh_build_and_from_the_cache(screened, tmp_path):
    sample, cache_dir, fresh = screened
    assert sorted(_files(cache_dir)) == ["formulations", "normalize", "ruleset", "typos"]
    again = _screen(["--format", "json", str(sample)], cache_dir)
    assert (again.returncode, again.stdout, again.stderr) == (fresh.returncode, fresh.stdout, b"")
    found = {(f["category"], f["text"]) for f in json.loads(again.stdout)["files"][0]["findings"]}
    assert {("secrecy", "机 密"), ("typo", "部暑"), ("privacy", "13812345678"), ("expression", "国家质检总局"),
            ("secrecy", "（此件不公开）")} <= found
    # an administrator's lexicon is another rule-set version: built the first time, read back the next
    lexicon = tmp_path / "lex.txt"
    lexicon.write_text("安全生产\tsensitive\twarn\n", encoding="utf-8")
    shutil.copytree(cache_dir, tmp_path / "cache")
    with_lexicon = [_screen(["--lexicon", str(lexicon), str(sample)], tmp_path / "cache") for _ in range(2)]
    assert with_lexicon[0].stdout == with_lexicon[1].stdout and with_lexicon[0].stderr == b""
    assert "敏感词“安全生产”，不得发布" in with_lexicon[1].stdout.decode()
    assert len(list((tmp_path / "cache").glob("ruleset-*.bin"))) == 2


def test_a_damaged_cache_file_is_rebuilt_and_the_output_stays_the_same(screened, tmp_path):
    sample, filled, want = screened
    cache_dir = tmp_path / "cache"
    shutil.copytree(filled, cache_dir)
    files = _files(cache_dir)
    good = {kind: p.read_bytes() for kind, p in files.items()}
    damages = (lambda b: b[: len(b) // 2], lambda b: b[:-1] + bytes([b[-1] ^ 1]), lambda b: b"",
               lambda b: b"not a cache file")
    for n, damage in enumerate(damages):
        for kind, p in files.items():
            if kind != "typos" or n == 0:  # rebuilding the typo tables takes seconds: damaged once
                p.write_bytes(damage(good[kind]))
        got = _screen(["--format", "json", str(sample)], cache_dir)
        assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, b"")
        assert _files(cache_dir) == files
        with pytest.MonkeyPatch.context() as mp:  # every file whole again
            mp.setenv("SANSHEN_CACHE_DIR", str(cache_dir))
            assert [kind for kind, p in files.items() if cache.read(kind, p.stem.split("-")[1]) is None] == []


def test_an_unusable_cache_directory_only_costs_the_rebuild(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    r = _screen(["--format", "json", "--no-typos", "-"], blocker / "cache", input="机 密\n".encode())
    assert r.returncode == 1 and r.stderr == b""
    assert json.loads(r.stdout)["files"][0]["findings"][0]["text"] == "机 密"


def test_a_payload_this_code_cannot_load_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SANSHEN_CACHE_DIR", str(tmp_path))
    key = cache.key("example", "v1")
    cache.write("example", key, b"\x00 whole, but not what load expects")

    def dump(value):
        return json.dumps(value).encode()

    def load(payload):
        return json.loads(bytes(payload))

    assert cache.cached("example", key, lambda: {"built": 1}, dump, load) == {"built": 1}
    assert load(cache.read("example", key)) == {"built": 1}
    assert cache.cached("example", key, lambda: {"built": 2}, dump, load) == {"built": 1}  # read back


def test_a_changed_pack_entry_is_a_new_version_whose_rule_is_found(tmp_path, monkeypatch):
    """A rule set is read back per version: a pack with one more entry is another version, built
    afresh and stored beside the old one, which keeps the old rules."""
    monkeypatch.setenv("SANSHEN_CACHE_DIR", str(tmp_path))
    packs = default_packs()
    i = next(i for i, p in enumerate(packs) if p.name == "sensitive_fraud.tsv")
    text = packs[i].raw.decode("utf-8") + "虚构的新诈骗词\n"
    changed = [*packs[:i], parse_pack(text, packs[i].name, text.encode()), *packs[i + 1:]]
    before, after = RuleSet(packs), RuleSet(changed)
    assert before.version != after.version
    assert len(list(tmp_path.glob("ruleset-*.bin"))) == 2
    sentence = "警惕虚构的新诈骗词。"
    assert "虚构的新诈骗词" not in [f.text for f in screen_text(sentence, ruleset=before, typos=False)]
    assert "虚构的新诈骗词" in [f.text for f in screen_text(sentence, ruleset=after, typos=False)]
    again = RuleSet(changed)  # read back from its file
    assert again.entries == after.entries and again.automaton_patterns == after.automaton_patterns
    assert screen_text(sentence, ruleset=again, typos=False) == screen_text(sentence, ruleset=after, typos=False)


def test_the_typo_key_follows_the_contents_of_the_typo_packs(tmp_path):
    packs = tmp_path / "packs"
    shutil.copytree(PACKS, packs)
    assert typo_tables.key(str(packs)) == typo_tables.key()
    vocab = packs / "typo_vocab.tsv"
    vocab.write_bytes(vocab.read_bytes().replace("部署".encode(), "部暑".encode(), 1))
    assert typo_tables.key(str(packs)) != typo_tables.key()


_WRITER = """
import sys
from sanshen.screening import cache
payload = bytes([int(sys.argv[1])]) * 3_000_000
for _ in range(15):
    cache.write("race", "k" * 32, payload)
"""


def test_concurrent_writers_never_leave_a_half_written_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SANSHEN_CACHE_DIR", str(tmp_path))
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(n)], cwd=REPO) for n in (1, 2, 3)]
    seen = set()
    try:
        while any(w.poll() is None for w in writers):
            got = cache.read("race", "k" * 32)
            if got is not None:
                assert len(got) == 3_000_000 and len(set(bytes(got))) == 1
                seen.add(got[0])
    finally:
        for w in writers:
            w.wait(60)
    assert all(w.returncode == 0 for w in writers)
    assert seen and not list(tmp_path.glob(".race-*"))  # no temporary file left behind
