"""The rule set in force is cached per database version, and a change made by another process is noticed."""

import pytest

from sanshen.lexicons.models import LexiconEntry, RuleSetVersion
from sanshen.lexicons.ruleset import build_ruleset, current_ruleset
from sanshen.lexicons.services import EntryInput, add_entry
from sanshen.screening import cache
from sanshen.screening.engine import Screener
from sanshen.screening.ruleset import RuleSet

pytestmark = pytest.mark.django_db


def test_without_changes_the_default_rules_apply_and_are_reused():
    assert current_ruleset() is current_ruleset()
    assert current_ruleset().version == RuleSet.default().version


def test_a_change_written_by_another_process_is_noticed_at_the_next_screening(person):
    before = current_ruleset()
    admin = person("admin")
    # what another process leaves in the database: an entry and a new version row, no call into this one
    LexiconEntry.objects.create(word="别处新增词", created_by=admin, updated_by=admin)
    RuleSetVersion.objects.create(ruleset_hash="elsewhere", created_by=admin)
    after = current_ruleset()
    assert after is not before and after is current_ruleset()
    assert [f.text for f in Screener(after).screen("正文里有别处新增词。") if f.rule == "sensitive.lexicon"] == ["别处新增词"]


def test_an_added_entry_is_a_new_version_built_once_and_read_back_by_the_next_process(person, tmp_path, monkeypatch):
    """The normalised entries are kept on disk per rule-set version: a change through the services makes
    a new version (its own cache file) whose rule is found, and what the next process reads back from
    that file screens the same."""
    monkeypatch.setenv("SANSHEN_CACHE_DIR", str(tmp_path))
    before = current_ruleset()
    add_entry(person("admin"), EntryInput(word="缓存新增词", severity="warn"))
    after = current_ruleset()
    assert after.version != before.version
    stored = tmp_path / f"ruleset-{cache.key('ruleset', after.version)}.bin"
    written = stored.stat()
    text = "正文里有缓存新增词。"
    found = [(f.text, f.severity) for f in Screener(after).screen(text) if f.rule == "sensitive.lexicon"]
    assert found == [("缓存新增词", "warn")]
    read_back = build_ruleset()  # as another process builds it: from the file, which stays as it was
    assert read_back is not after and read_back.version == after.version
    assert (stored.stat().st_ino, stored.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    assert read_back.entries == after.entries and Screener(read_back).screen(text) == Screener(after).screen(text)
