"""Where an item stands in its workflow (审核进度): read-only questions, no changes.

Each question reads the database, unless `load_progress` has read what they all need for a page of
items at once (channels, workflows and stages, unvoided decisions, open emergency approvals); then
they answer from memory. Only pages that read call it: a change re-reads its item under a lock.
"""

from django.db.models import Prefetch, prefetch_related_objects

from sanshen.channels.models import Channel
from sanshen.content.findings import finding_key, latest_report, overrides_of
from sanshen.content.models import Item, ScreeningReport
from sanshen.org.models import Department, Person, RoleAssignment

from .models import Decision, EmergencyApproval, Stage, Workflow

PROGRESS = (
    Prefetch("channels", queryset=Channel.objects.select_related("workflow", "department").order_by("pk")),
    "channels__workflow__stages",
    Prefetch("decisions", queryset=Decision.objects.filter(voided_at__isnull=True).select_related("person", "revision"),
             to_attr="unvoided_decisions"),
    Prefetch("emergency_approvals", queryset=EmergencyApproval.objects.open(), to_attr="open_emergency_approvals"),
)


def load_progress(items) -> list[Item]:
    """Read the workflow progress of many items in a fixed handful of queries (审核进度), for a page."""
    items = list(items)
    prefetch_related_objects(items, *PROGRESS)
    return items


def _channels(item: Item) -> list[Channel]:
    if "channels" in getattr(item, "_prefetched_objects_cache", {}):
        return list(item.channels.all())
    return list(item.channels.select_related("workflow", "department").order_by("pk"))


def workflow_for(item: Item) -> Workflow | None:
    """The workflow of the item's channels; with several, the one with the most stages."""
    workflows = {c.workflow for c in _channels(item)}
    if not workflows:
        return None
    return max(workflows, key=lambda w: (len(w.stages.all()), -w.pk))


def required_stages(item: Item) -> list[Stage]:
    workflow = workflow_for(item)
    if workflow is None:
        return []
    stages = list(workflow.stages.all())
    return stages if item.escalation_reasons else [s for s in stages if not s.escalation_only]


def valid_decisions(item: Item) -> list[Decision]:
    """The signatures that still count: not voided, on the current revision's exact content; in order."""
    revision = item.current_revision
    if revision is None:
        return []
    unvoided = getattr(item, "unvoided_decisions", None)
    if unvoided is None:
        unvoided = item.decisions.filter(voided_at__isnull=True).select_related("person")
    return [d for d in unvoided if d.content_hash == revision.content_hash]


def approvals(item: Item) -> dict[int, Decision]:
    return {d.stage_id: d for d in valid_decisions(item) if d.verdict == Decision.Verdict.APPROVE}


def next_stage(item: Item) -> Stage | None:
    signed = approvals(item)
    return next((s for s in required_stages(item) if s.pk not in signed), None)


def missing_stages(item: Item) -> list[Stage]:
    signed = approvals(item)
    return [s for s in required_stages(item) if s.pk not in signed]


def open_emergency(item: Item) -> EmergencyApproval | None:
    loaded = getattr(item, "open_emergency_approvals", None)
    if loaded is not None:
        return loaded[0] if loaded else None
    return item.emergency_approvals.open().first()


def reviewing_department(item: Item) -> Department:
    """The department whose reviewers sign department-scoped stages: the item's own, except for a member
    unit's submission, which the department owning its channel reviews (000§5–6)."""
    if item.department.kind == Department.Kind.MEMBER_UNIT:
        channel = next((c for c in _channels(item) if c.department_id is not None), None)
        if channel is not None:
            return channel.department
    return item.department


def holds_stage_role(person: Person, stage: Stage, item: Item) -> bool:
    if stage.role not in person.roles():
        return False
    return not stage.scoped_to_item_department or reviewing_department(item).pk in person.departments_for(stage.role)


def people_for_stage(stage: Stage, item: Item) -> list[Person]:
    """Who may sign `stage` of `item` (the author never signs their own item)."""
    assignments = RoleAssignment.objects.filter(role=stage.role, person__is_active=True)
    if stage.scoped_to_item_department:
        assignments = assignments.filter(departments=reviewing_department(item))
    people = Person.objects.filter(pk__in=assignments.values("person")).exclude(pk=item.author_id)
    return [p for p in people if not item.needs_pledge or p.has_current_pledge()]


def unresolved_blocking(item: Item, report: ScreeningReport | None = None) -> list[dict]:
    """Blocking findings of the latest screening that no reviewer has overridden with a reason."""
    report = report or latest_report(item)
    if report is None:
        return []
    overridden = overrides_of(item, report)
    return [f for f in report.findings if f["severity"] == "block" and finding_key(f) not in overridden]
