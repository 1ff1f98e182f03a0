"""The rule set in force is cached per database version, and a change made by another process is noticed."""

import pytest

from sanshen.lexicons.models import LexiconEntry, RuleSetVersion
from sanshen.lexicons.ruleset import current_ruleset
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
