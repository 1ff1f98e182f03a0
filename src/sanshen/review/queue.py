"""What waits for whom (审核任务): read-only queries behind the queue pages and the dashboard.

The rules stay in `services.decision_refusal`. The queries here only narrow the candidates in one SQL
statement — an unsigned stage of the item's workflow that the person holds, with no unsigned regular
stage before it — so that a queue over hundreds of items asks `decision_refusal` only about the few
that can be theirs. The narrowing follows the rules closely (escalation-only stages only on escalated
items, never a second stage by the same person, pledges, suspensions), so a page's count is the count of
what waits; the queue is paginated, and only the page shown is put to `decision_refusal`.

The narrowing reads every item in review, so its answer — the ids in order — is kept per person for the
data's edition (`web.editions`), which every change to items, signatures, stages, channels, roles and
pledges renews (see apps.py): a queue shown again costs the page's rows, not the whole review's.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from sanshen.content.models import Item
from sanshen.org.models import Person, Role, RoleAssignment
from sanshen.org.permissions import REVIEW, suspension_refusal
from sanshen.web import editions

from . import flow
from .models import Decision, EmergencyApproval, SecrecyRequest, Stage
from .services import decision_refusal


PAGE_SIZE = 25


@dataclass(frozen=True)
class Task:
    """One item waiting for a person's signature (待审稿件): the stage and since when it waits."""

    item: Item
    stage: Stage
    waiting_since: datetime
    emergency: EmergencyApproval | None = None

    @property
    def waited(self) -> timedelta:
        return timezone.now() - self.waiting_since


def _outer(name: str, depth: int):
    ref = name
    for _ in range(depth):
        ref = OuterRef(ref)
    return ref


def _signed(depth: int) -> Exists:
    """A still-valid approval of the stage one level out, on the item `depth` levels out."""
    return Exists(Decision.objects.filter(
        item=_outer("pk", depth), stage=OuterRef("pk"), verdict=Decision.Verdict.APPROVE, voided_at__isnull=True,
        content_hash=_outer("current_revision__content_hash", depth)))


def _stage_within_reach(person: Person, *, escalated: bool) -> Exists:
    """The item has a stage `person` holds that is unsigned, with every stage the item needs before it signed
    (escalation-only stages count only on an escalated item)."""
    in_scope = RoleAssignment.departments.through.objects.filter(
        roleassignment__person=person, roleassignment__role=OuterRef("role"),
        department_id=OuterRef(OuterRef("department_id")))
    needed = Q() if escalated else Q(escalation_only=False)
    unsigned_before = Stage.objects.filter(needed, workflow=OuterRef("workflow"), order__lt=OuterRef("order"))
    unsigned_before = unsigned_before.filter(~_signed(3))
    return Exists(Stage.objects.filter(needed, workflow__channel__item=OuterRef("pk"), role__in=person.roles())
                  .filter(Q(scoped_to_item_department=False) | Exists(in_scope))
                  .filter(~_signed(2), ~Exists(unsigned_before)))


def _signed_by(person: Person) -> Exists:
    """`person` already signed a stage of the item's current revision (nobody signs two stages)."""
    return Exists(Decision.objects.filter(
        item=OuterRef("pk"), person=person, verdict=Decision.Verdict.APPROVE, voided_at__isnull=True,
        content_hash=OuterRef("current_revision__content_hash")))


def _candidates(person: Person):
    escalated = Q(escalation_reasons=[])
    within_reach = ((~escalated & _stage_within_reach(person, escalated=True))
                    | (escalated & _stage_within_reach(person, escalated=False)))
    items = (Item.objects.exclude(author=person).filter(within_reach).exclude(_signed_by(person))
             .select_related("author", "department", "current_revision"))
    if not person.has_current_pledge():
        items = items.exclude(sensitivity__in=[Item.Sensitivity.SENSITIVE, Item.Sensitivity.CLASSIFIED])
    return _with_waiting_since(items)


def _with_waiting_since(items):
    """Since when each item waits: its last standing signature, else its submission."""
    last_signature = Decision.objects.filter(
        item=OuterRef("pk"), voided_at__isnull=True, content_hash=OuterRef("current_revision__content_hash"),
    ).order_by("-signed_at").values("signed_at")[:1]
    return items.annotate(waiting_since=Coalesce(Subquery(last_signature), F("submitted_at"), F("created_at")))


def _tasks(person: Person, items) -> list[Task]:
    tasks = []
    for item in flow.load_progress(items):
        if decision_refusal(item, person) is None:
            emergency = flow.open_emergency(item) if item.status == Item.Status.APPROVED else None
            tasks.append(Task(item, flow.next_stage(item), item.waiting_since, emergency))
    return tasks


def _waiting(person: Person, queue: str, *conditions) -> list[int]:
    """The ids of the candidates meeting `conditions`, longest waiting first, kept for the review edition;
    none for a person without roles or with reviewing suspended (暂停审核权限)."""
    if not person.roles() or suspension_refusal(person, REVIEW):
        return []
    return editions.kept(f"review:{queue}:{person.pk}", lambda: list(
        _candidates(person).filter(*conditions).order_by("waiting_since", "pk").values_list("pk", flat=True)))


def _page(person: Person, ids: list[int], number, per_page: int) -> Page:
    page = Paginator(ids, per_page).get_page(number)
    shown = _with_waiting_since(Item.objects.filter(pk__in=page.object_list)
                                .select_related("author", "department", "current_revision")).in_bulk()
    page.object_list = _tasks(person, [shown[pk] for pk in page.object_list if pk in shown])
    return page


def review_tasks(person: Person, page=1, per_page: int = PAGE_SIZE) -> Page:
    """A page of the items in review whose next stage `person` may sign now, longest waiting first;
    `page.paginator.count` counts them all."""
    ids = _waiting(person, "in_review", Q(status=Item.Status.IN_REVIEW))
    return _page(person, ids, page, per_page)


def emergency_completions(person: Person, page=1, per_page: int = PAGE_SIZE) -> Page:
    """应急审核待补签: items published on an emergency approval with a stage `person` still owes (R6)."""
    open_approval = EmergencyApproval.objects.open().filter(item=OuterRef("pk"))
    ids = _waiting(person, "emergency", Q(status=Item.Status.APPROVED), Exists(open_approval))
    return _page(person, ids, page, per_page)


def my_open_secrecy_requests(person: Person):
    """Secrecy determinations `person` asked for that are still unanswered, earliest due first."""
    return SecrecyRequest.objects.filter(asked_by=person, answer="").select_related("item").order_by("due_on", "pk")


def open_secrecy_requests():
    return SecrecyRequest.objects.filter(answer="").select_related("item", "asked_by").order_by("due_on", "asked_at")


def overdue_secrecy_requests():
    """Unanswered determinations past their due date (超期未答复). R7."""
    return open_secrecy_requests().filter(due_on__lt=timezone.localdate())


def answered_secrecy_requests():
    return (SecrecyRequest.objects.exclude(answer="").select_related("item", "asked_by", "answered_by")
            .order_by("-answered_at"))


def sees_secrecy_overview(person: Person) -> bool:
    """The secrecy reviewers and the office (信息专管员) watch the secrecy deadlines."""
    return person.has_role(Role.SECRECY, Role.OFFICER)
