"""Re-screening what is published (已发布信息复查) after the rules change. S4.

A run lists every distinct revision that is live on some channel (`RescreenTarget` rows), then any
number of workers claim batches of them with a compare-and-set update, screen them with the rules in
force, and write — in one short transaction per batch — the reports (trigger "rescreen"), a flag for
each revision with blocking findings its previous report did not have, the owners' notifications,
and the run's progress. A crash loses at most the batch in hand: its claim expires after `LEASE` and
another worker (or `sanshen rescreen --resume`) takes it again. Memory stays flat: revisions are read
a batch at a time and nothing accumulates across batches.

The duplicate-title check is left out here: it compares a title with every other published title,
which new lexicon entries do not change.
"""

from collections.abc import Callable, Iterator
from datetime import timedelta
from uuid import uuid4

from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.models import Item, Revision, ScreeningReport
from sanshen.content.screening import new_report, revision_findings
from sanshen.core import jobs
from sanshen.org.models import Person, Role
from sanshen.oversight.audit import record
from sanshen.publishing.models import Publication
from sanshen.review.flow import finding_key
from sanshen.screening.engine import Screener
from sanshen.web.notify import notify

from .models import RescreenFlag, RescreenRun, RescreenTarget, RuleSetVersion
from .ruleset import current_ruleset

BATCH = 100
LEASE = timedelta(minutes=10)
LISTING_CHUNK = 2000
OPEN = (RescreenRun.Status.QUEUED, RescreenRun.Status.RUNNING)
RESCREEN_TASK = "sanshen.lexicons.tasks.rescreen"  # the task that works on a run (lexicons/tasks.py)


class RescreenError(Exception):
    """A refused re-screening action, with the reason in Chinese."""


def start_rescreen(*, person: Person | None = None, version: RuleSetVersion | None = None, request=None,
                   background: bool = True) -> RescreenRun:
    """Queue a new run over everything live; an unfinished earlier run is superseded by it.

    `background=False` leaves the run to the caller (`sanshen rescreen` works on it in the foreground).
    """
    now = timezone.now()
    with transaction.atomic():
        RescreenRun.objects.filter(status__in=OPEN).update(status=RescreenRun.Status.SUPERSEDED, finished_at=now)
        run = RescreenRun.objects.create(version=version, started_by=person)
        record("lexicons.rescreen_started", actor=person, obj=run, request=request,
               details={"version": version.pk if version else None})
        if background:
            transaction.on_commit(lambda: jobs.enqueue(RESCREEN_TASK, run.pk))
    return run


def resume_rescreen(run: RescreenRun) -> None:
    """Hand an unfinished run to the worker again (after a crash its stale claims are taken over)."""
    if not run.is_open:
        raise RescreenError(_("该复查任务已经结束，不能继续。"))
    jobs.enqueue(RESCREEN_TASK, run.pk)


def run_rescreen(run_id: int, *, batch_size: int = BATCH,
                 progress: Callable[[RescreenRun], None] | None = None) -> RescreenRun:
    """Work on run `run_id` until nothing is left to claim; several workers may run this at once."""
    run = RescreenRun.objects.get(pk=run_id)
    _list_targets(run)
    claim = uuid4().hex
    owners = Owners()
    while RescreenRun.objects.filter(pk=run.pk, status=RescreenRun.Status.RUNNING).exists():
        batch = _claim(run, claim, batch_size)
        if not batch:
            break
        _screen_batch(run, batch, claim, owners)
        if progress is not None:
            run.refresh_from_db()
            progress(run)
    _finish(run)
    run.refresh_from_db()
    return run


def _list_targets(run: RescreenRun) -> None:
    """Once per run (compare-and-set on QUEUED): one target per distinct live revision, in chunks."""
    now = timezone.now()
    with transaction.atomic():
        if not RescreenRun.objects.filter(pk=run.pk, status=RescreenRun.Status.QUEUED).update(
                status=RescreenRun.Status.RUNNING, started_at=now, progressed_at=now,
                ruleset_hash=current_ruleset().version):
            return
        live = (Publication.objects.filter(status=Publication.Status.LIVE).order_by("revision_id")
                .values_list("revision_id", flat=True).distinct().iterator(chunk_size=LISTING_CHUNK))
        total = 0
        for chunk in _chunks(live, LISTING_CHUNK):
            RescreenTarget.objects.bulk_create([RescreenTarget(run=run, revision_id=r) for r in chunk])
            total += len(chunk)
        RescreenRun.objects.filter(pk=run.pk).update(total=total)


def _chunks(values: Iterator[int], size: int) -> Iterator[list[int]]:
    chunk: list[int] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _claim(run: RescreenRun, claim: str, size: int) -> list[tuple[int, int]]:
    """Up to `size` (target id, revision id) pairs now held by `claim`: pending ones, then expired claims."""
    while True:
        now = timezone.now()
        for open_ in (Q(state=RescreenTarget.State.PENDING),
                      Q(state=RescreenTarget.State.CLAIMED, claimed_at__lt=now - LEASE)):
            ids = list(run.targets.filter(open_).order_by("id").values_list("id", flat=True)[:size])
            if ids:
                break
        else:
            return []
        run.targets.filter(open_, pk__in=ids).update(state=RescreenTarget.State.CLAIMED, claim=claim, claimed_at=now)
        mine = list(run.targets.filter(pk__in=ids, state=RescreenTarget.State.CLAIMED, claim=claim)
                    .values_list("id", "revision_id"))
        if mine:  # otherwise another worker won every one of them: look again
            return mine


def _previous_blocking(revision_ids: list[int]) -> dict[int, set[str]]:
    """Each revision's blocking finding keys in its latest report before this run."""
    latest = list(ScreeningReport.objects.filter(revision_id__in=revision_ids).values("revision_id")
                  .annotate(last=Max("id")).values_list("last", flat=True))
    return {rid: {finding_key(f) for f in findings if f["severity"] == "block"}
            for rid, findings in ScreeningReport.objects.filter(pk__in=latest).values_list("revision_id", "findings")}


def _screen_batch(run: RescreenRun, batch: list[tuple[int, int]], claim: str, owners: "Owners") -> None:
    ruleset = current_ruleset()
    screener = Screener(ruleset)
    revision_ids = [revision_id for _target, revision_id in batch]
    previous = _previous_blocking(revision_ids)
    revisions = (Revision.objects.filter(pk__in=revision_ids).select_related("item", "item__author")
                 .prefetch_related("attachments").order_by("pk"))
    screened = [(revision, revision_findings(revision, screener)) for revision in revisions]
    with transaction.atomic():
        held = set(RescreenTarget.objects.select_for_update().filter(
            pk__in=[target for target, _revision in batch], claim=claim, state=RescreenTarget.State.CLAIMED,
        ).values_list("revision_id", flat=True))
        screened = [(revision, findings) for revision, findings in screened if revision.pk in held]
        reports = ScreeningReport.objects.bulk_create([
            new_report(revision, ScreeningReport.Trigger.RESCREEN, ruleset.version, findings)
            for revision, findings in screened])
        flags = []
        for report, (revision, findings) in zip(reports, screened):
            known = previous.get(revision.pk, set())
            fresh = [f for f in findings if f["severity"] == "block" and finding_key(f) not in known]
            if fresh:
                flags.append(RescreenFlag(run=run, item=revision.item, revision=revision, report=report,
                                          findings=fresh))
        for flag in RescreenFlag.objects.bulk_create(flags):
            _raise(flag, owners)
        RescreenTarget.objects.filter(run=run, claim=claim, revision_id__in=held).update(
            state=RescreenTarget.State.DONE)
        RescreenRun.objects.filter(pk=run.pk).update(done=F("done") + len(held), flagged=F("flagged") + len(flags),
                                                     progressed_at=timezone.now())


class Owners:
    """Who answers for a published item (责任人): its author, the section heads of its department, the officers."""

    def __init__(self):
        self.officers = list(Person.holding(Role.OFFICER))
        self.heads: dict[int, list[Person]] = {}

    def of(self, item) -> list[Person]:
        heads = self.heads.get(item.department_id)
        if heads is None:
            heads = self.heads[item.department_id] = list(Person.holding(
                Role.SECTION_HEAD, department=item.department_id))
        people = {p.pk: p for p in [item.author, *heads, *self.officers] if p.is_active}
        return list(people.values())


def _raise(flag: RescreenFlag, owners: Owners) -> None:
    """Tell the owners, with a link to the item, and put the flag in the audit log."""
    item = flag.item
    texts = "、".join(dict.fromkeys(f"“{f['text']}”" for f in flag.findings))
    notify(owners.of(item), _("复查提醒：已发布的“%(title)s”按新词库复查发现%(n)d处须修改的问题（%(texts)s），"
                              "请核实后更正或撤回。") % {"title": item.title, "n": len(flag.findings), "texts": texts},
           reverse("content:item", args=[item.pk]))
    record("lexicons.rescreen_flagged", obj=item, details={
        "run": flag.run_id, "flag": flag.pk, "revision": flag.revision.content_hash,
        "findings": [finding_key(f) for f in flag.findings]}, actor_username="system")


def _finish(run: RescreenRun) -> None:
    """The worker that sees nothing left marks the run done (compare-and-set on RUNNING)."""
    if run.targets.exclude(state=RescreenTarget.State.DONE).exists():
        return
    with transaction.atomic():
        if RescreenRun.objects.filter(pk=run.pk, status=RescreenRun.Status.RUNNING).update(
                status=RescreenRun.Status.DONE, finished_at=timezone.now()):
            run.refresh_from_db()
            record("lexicons.rescreen_finished", obj=run, actor_username="system",
                   details={"total": run.total, "done": run.done, "flagged": run.flagged,
                            "ruleset": run.ruleset_hash})


def flags_visible_to(person: Person):
    """Flags on items `person` may see: sensitive and classified ones only with a pledge (C5)."""
    flags = RescreenFlag.objects.all()
    if not person.has_current_pledge():
        flags = flags.exclude(item__sensitivity__in=[Item.Sensitivity.SENSITIVE, Item.Sensitivity.CLASSIFIED])
    return flags


def resolve_flag(flag: RescreenFlag, person: Person, *, resolution: str, request=None) -> RescreenFlag:
    """Record how a flag was dealt with (复查发现处理: corrected, retracted, or checked and kept, with why)."""
    resolution = resolution.strip()
    if not resolution:
        raise RescreenError(_("请写明处理情况（已更正、已撤回，或核实后保留的理由）。"))
    with transaction.atomic():
        flag = RescreenFlag.objects.select_for_update().get(pk=flag.pk)
        if flag.resolved_at is not None:
            raise RescreenError(_("该复查发现已由%(who)s处理。") % {"who": flag.resolved_by})
        flag.resolved_at, flag.resolved_by, flag.resolution = timezone.now(), person, resolution[:300]
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        record("lexicons.rescreen_flag_resolved", actor=person, obj=flag.item, request=request,
               details={"flag": flag.pk, "resolution": flag.resolution})
    return flag
