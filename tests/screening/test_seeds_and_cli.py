"""The seed documents and `sanshen screen` as DESIGN.md's public interface says."""

import json
import subprocess
import sys

import pytest

from sanshen.screening.cli import main
from sanshen.screening.engine import screen_text
from sanshen.screening.extract import extract

from .helpers import REPO, shared_dir

SHARED = shared_dir()
needs_shared = pytest.mark.skipif(SHARED is None or not (SHARED / "seeds").exists(), reason="shared/ not found")


def run(args, capsys, stdin=None, monkeypatch=None):
    rc = main(args)
    out, err = capsys.readouterr()
    return rc, out, err


@needs_shared
def test_seed_003_is_blocked_at_its_header_and_footer():
    path = next((SHARED / "seeds").glob("003_*.txt"))
    ex = extract(path)
    fs = [f for f in screen_text(ex.text) if f.category == "secrecy" and f.severity == "block"]
    assert len(fs) == 2
    header, footer = sorted(fs, key=lambda f: f.start)
    assert header.text == "内 部" and header.start < 10
    assert "此件为内部信息" in footer.text and footer.end >= len(ex.text.rstrip()) - 1


@needs_shared
@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_seeds_000_to_002_have_no_blocking_secrecy_finding(prefix):
    path = next((SHARED / "seeds").glob(f"{prefix}_*.txt"))
    text = extract(path).text
    assert "国家秘密" in text or "商业秘密" in text or "秘密" in text
    assert [f for f in screen_text(text) if f.severity == "block"] == []


@needs_shared
def test_cli_screens_every_seed_and_dev_file_without_error(capsys):
    files = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    files += sorted(str(p) for p in (SHARED / "corpus").rglob("*.txt"))
    rc, out, err = run(["--format", "json", "--no-typos", *files], capsys)
    assert rc in (0, 1) and err == ""
    doc = json.loads(out)
    assert len(doc["files"]) == len(files)


def test_cli_json_contract_and_exit_codes(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("各单位要认真做好信息发布工作。\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("\ufeff秘密★1年\r\n正文，电话13912345678。".encode("utf-8"))
    rc, out, _ = run(["--format", "json", str(clean)], capsys)
    assert rc == 0
    assert json.loads(out) == {"files": [{"path": str(clean), "chars": 16, "findings": []}]}
    rc, out, _ = run(["--format", "json", str(clean), str(bad)], capsys)
    assert rc == 1
    f = json.loads(out)["files"][1]
    text = "秘密★1年\r\n正文，电话13912345678。"
    assert f["chars"] == len(text)
    for x in f["findings"]:
        assert set(x) == {"category", "rule", "severity", "start", "end", "text", "suggestion", "message"}
        assert text[x["start"]:x["end"]] == x["text"]
    assert {x["category"] for x in f["findings"]} == {"secrecy", "privacy"}


def test_cli_text_format_shows_context(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("为加强管理，现将国家质检总局有关通知转发给你们。", encoding="utf-8")
    rc, out, _ = run([str(p)], capsys)
    assert rc == 0
    assert "【国家质检总局】" in out and "现将" in out and "市场监督管理总局" in out


def test_cli_lexicon_and_usage_errors(tmp_path, capsys):
    lex = tmp_path / "lex.txt"
    lex.write_text("# 词表\n测试敏感词\n温和词\tsensitive\twarn\n", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("这里有测试敏感词和温和词。", encoding="utf-8")
    rc, out, _ = run(["--format", "json", "--lexicon", str(lex), str(p)], capsys)
    assert rc == 1
    sev = {x["text"]: x["severity"] for x in json.loads(out)["files"][0]["findings"]}
    assert sev == {"测试敏感词": "block", "温和词": "warn"}
    badlex = tmp_path / "bad.txt"
    badlex.write_text("词\tnocategory\tblock\n", encoding="utf-8")
    for args in (["--format", "xml", str(p)], ["--lexicon", str(badlex), str(p)], [str(tmp_path / "missing.txt")],
                 ["--lexicon"]):
        rc, out, err = run(args, capsys)
        assert rc == 2, args
        assert err.count("\n") == 1 and err.startswith("sanshen screen:")


def test_console_script_reads_stdin():
    exe = REPO / ".venv" / "bin" / "sanshen"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sanshen.cli"]
    r = subprocess.run([*cmd, "screen", "--format", "json", "--no-typos", "-"], input="机 密\n正文".encode("utf-8"),
                       capture_output=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["files"][0]["findings"][0]["text"] == "机 密"


def test_screening_never_imports_django():
    code = ("import sys, sanshen.screening.engine, sanshen.screening.cli, sanshen.screening.extract;"
            "sanshen.screening.engine.screen_text('秘密★1年');"
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
