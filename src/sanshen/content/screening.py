"""Screening an item's revision (稿件筛查): title, body and every attachment, stored against the revision. S1, S5."""

from sanshen.screening.engine import Screener
from sanshen.screening.ruleset import RuleSet

from .models import Item, Revision, ScreeningReport


def revision_parts(revision: Revision) -> list[tuple[str, str]]:
    """The texts of a revision, each with the name findings use to point into it."""
    parts = [("title", revision.title), ("body", revision.body)]
    parts += [(f"attachment:{a.pk}", a.text) for a in revision.attachments.all()]
    return parts


def published_titles(item: Item) -> list[str]:
    return list(Item.objects.filter(status=Item.Status.APPROVED).exclude(pk=item.pk).values_list("title", flat=True))


def screen_revision(revision: Revision, trigger: str) -> ScreeningReport:
    """Run the screening engine over every part of `revision` and store the report."""
    ruleset = RuleSet.default()
    screener = Screener(ruleset)
    titles = published_titles(revision.item)
    findings = []
    for part, text in revision_parts(revision):
        extra = {"existing_titles": titles} if part == "title" and titles else {}
        for finding in screener.screen(text, **extra):
            findings.append({**finding.as_dict(), "part": part})
    return ScreeningReport.objects.create(
        revision=revision, trigger=trigger, ruleset_version=ruleset.version, findings=findings,
        blocking=sum(1 for f in findings if f["severity"] == "block"),
    )
