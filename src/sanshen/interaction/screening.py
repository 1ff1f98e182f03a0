"""Screening a message and its answer (留言筛查) with the rules in force, for the moderator and the approver."""

from sanshen.lexicons.ruleset import current_ruleset
from sanshen.screening.engine import Screener


def screen_parts(parts: list[tuple[str, str]]) -> tuple[list[dict], str]:
    """Findings of every (part name, text) pair, each marked with its part, and the rule-set version."""
    ruleset = current_ruleset()
    screener = Screener(ruleset)
    findings = [{**finding.as_dict(), "part": part} for part, text in parts for finding in screener.screen(text)]
    return findings, ruleset.version


def blocking(findings: list[dict]) -> int:
    return sum(1 for finding in findings if finding["severity"] == "block")
