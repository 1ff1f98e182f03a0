"""Where an item stands in its workflow (审核进度): read-only questions, no changes."""

from sanshen.content.models import FindingOverride, Item, ScreeningReport
from sanshen.org.models import Department, Person, RoleAssignment

from .models import Decision, EmergencyApproval, Stage, Workflow


def workflow_for(item: Item) -> Workflow | None:
    """The workflow of the item's channels; with several, the one with the most stages."""
    workflows = {c.workflow for c in item.channels.select_related("workflow")}
    if not workflows:
        return None
    return max(workflows, key=lambda w: (w.stages.count(), -w.pk))


def required_stages(item: Item) -> list[Stage]:
    workflow = workflow_for(item)
    if workflow is None:
        return []
    stages = list(workflow.stages.all())
    return stages if item.escalation_reasons else [s for s in stages if not s.escalation_only]


def valid_decisions(item: Item):
    """The signatures that still count: not voided, on the current revision's exact content."""
    revision = item.current_revision
    if revision is None:
        return Decision.objects.none()
    return item.decisions.filter(voided_at__isnull=True, content_hash=revision.content_hash)


def approvals(item: Item) -> dict[int, Decision]:
    return {d.stage_id: d for d in valid_decisions(item).filter(verdict=Decision.Verdict.APPROVE)}


def next_stage(item: Item) -> Stage | None:
    signed = approvals(item)
    return next((s for s in required_stages(item) if s.pk not in signed), None)


def missing_stages(item: Item) -> list[Stage]:
    signed = approvals(item)
    return [s for s in required_stages(item) if s.pk not in signed]


def open_emergency(item: Item) -> EmergencyApproval | None:
    return item.emergency_approvals.open().first()


def reviewing_department(item: Item) -> Department:
    """The department whose reviewers sign department-scoped stages: the item's own, except for a member
    unit's submission, which the department owning its channel reviews (000§5–6)."""
    if item.department.kind == Department.Kind.MEMBER_UNIT:
        channel = item.channels.exclude(department=None).order_by("pk").first()
        if channel is not None:
            return channel.department
    return item.department


def holds_stage_role(person: Person, stage: Stage, item: Item) -> bool:
    assignments = RoleAssignment.objects.filter(person=person, role=stage.role)
    if stage.scoped_to_item_department:
        assignments = assignments.filter(departments=reviewing_department(item))
    return assignments.exists()


def people_for_stage(stage: Stage, item: Item) -> list[Person]:
    """Who may sign `stage` of `item` (the author never signs their own item)."""
    assignments = RoleAssignment.objects.filter(role=stage.role, person__is_active=True)
    if stage.scoped_to_item_department:
        assignments = assignments.filter(departments=reviewing_department(item))
    people = Person.objects.filter(pk__in=assignments.values("person")).exclude(pk=item.author_id)
    return [p for p in people if not item.needs_pledge or p.has_current_pledge()]


def latest_report(item: Item) -> ScreeningReport | None:
    revision = item.current_revision
    return revision.screenings.first() if revision is not None else None


def finding_key(finding: dict) -> str:
    return f"{finding['part']}:{finding['rule']}:{finding['start']}:{finding['end']}"


def unresolved_blocking(item: Item, report: ScreeningReport | None = None) -> list[dict]:
    """Blocking findings of the latest screening that no reviewer has overridden with a reason."""
    report = report or latest_report(item)
    if report is None:
        return []
    overridden = set(FindingOverride.objects.filter(
        item=item, content_hash=report.revision.content_hash).values_list("finding_key", flat=True))
    return [f for f in report.findings if f["severity"] == "block" and finding_key(f) not in overridden]
