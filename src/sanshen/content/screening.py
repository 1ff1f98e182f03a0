"""Screening an item's revision (稿件筛查): title, body and every attachment, stored against the revision. S1, S4, S5.

The rules are the ones in force (`sanshen.lexicons.ruleset.current_ruleset`): the default packs plus the
administrators' enabled lexicon entries and allow-list, cached per rule-set version.
"""

from collections.abc import Sequence

from sanshen.lexicons.ruleset import current_ruleset
from sanshen.screening.engine import Screener

from .models import Item, Revision, ScreeningReport


def revision_parts(revision: Revision) -> list[tuple[str, str]]:
    """The texts of a revision, each with the name findings use to point into it."""
    parts = [("title", revision.title), ("body", revision.body)]
    parts += [(f"attachment:{a.pk}", a.text) for a in revision.attachments.all()]
    return parts


def published_titles(item: Item) -> list[str]:
    return list(Item.objects.filter(status=Item.Status.APPROVED).exclude(pk=item.pk).values_list("title", flat=True))


def revision_findings(revision: Revision, screener: Screener, titles: Sequence[str] = ()) -> list[dict]:
    """Every finding in every part of `revision`; `titles` are compared with its title (duplicate titles)."""
    findings = []
    for part, text in revision_parts(revision):
        extra = {"existing_titles": titles} if part == "title" and titles else {}
        for finding in screener.screen(text, **extra):
            findings.append({**finding.as_dict(), "part": part})
    return findings


def new_report(revision: Revision, trigger: str, ruleset_version: str, findings: list[dict]) -> ScreeningReport:
    """An unsaved report (saved one by one here, in bulk by the re-screening)."""
    return ScreeningReport(revision=revision, trigger=trigger, ruleset_version=ruleset_version, findings=findings,
                           blocking=sum(1 for f in findings if f["severity"] == "block"))


def screen_revision(revision: Revision, trigger: str) -> ScreeningReport:
    """Run the screening engine over every part of `revision` with the rules in force and store the report."""
    ruleset = current_ruleset()
    findings = revision_findings(revision, Screener(ruleset), published_titles(revision.item))
    report = new_report(revision, trigger, ruleset.version, findings)
    report.save()
    return report
