"""A year of generated activity (2025) for the demo bureau, written as rows with realistic timestamps.

`plan_year()` decides everything first (a seeded random plan, plain Python); `write()` stores it in bulk;
`expected()` counts the figures from the plan alone — never from the queries under test.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sanshen.channels.models import Channel
from sanshen.content.models import Item, Revision, ScreeningReport
from sanshen.org.models import Department, Person
from sanshen.publishing.models import FollowUp, Publication
from sanshen.review.models import Decision, Stage
from sanshen.screening.findings import CATEGORIES

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2025
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)
CHANNELS = ["要闻动态", "通知公告", "政策文件", "江城工信"]
AUTHORS = [("editor", "产业发展科"), ("editor2", "市场运行科"), ("gen_a", "综合协调科"), ("gen_b", "产业发展科")]
RESULTS = [FollowUp.Result.FINE, FollowUp.Result.NEEDS_CORRECTION, FollowUp.Result.RETRACT]


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


@dataclass
class PlannedItem:
    n: int
    author: str
    department: str
    channels: list[str]
    created: date
    body_chars: int
    event_date: date | None = None
    submissions: list[date] = field(default_factory=list)
    rejections: list[date] = field(default_factory=list)
    publications: dict[str, date] = field(default_factory=dict)  # channel → first publication day
    republished: date | None = None  # a second revision on the first channel, superseding the first
    retracted: date | None = None  # on every channel
    follow_up: tuple[str, date] | None = None
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"生成稿件第{self.n:04d}号"

    @property
    def chars(self) -> int:
        return len(self.title) + self.body_chars

    @property
    def first_published(self) -> date | None:
        return min(self.publications.values()) if self.publications else None


def plan_year(count: int = 420, seed: int = 2025) -> list[PlannedItem]:
    rng = random.Random(seed)
    plan = []
    for n in range(count):
        author, department = rng.choice(AUTHORS)
        created = date(YEAR - 1, 12, 1) + timedelta(days=rng.randrange(0, 395))  # Dec 2024 … Dec 2025
        item = PlannedItem(n, author, department, rng.sample(CHANNELS, rng.choice([1, 1, 2])), created,
                           rng.randrange(80, 400))
        if rng.random() < 0.85:
            day = created + timedelta(days=1)
            item.submissions.append(day)
            if rng.random() < 0.2:
                item.rejections.append(day + timedelta(days=1))
                day += timedelta(days=2)
                item.submissions.append(day)
            if rng.random() < 0.8:
                first = day + timedelta(days=rng.randrange(1, 4))
                for i, name in enumerate(item.channels):
                    item.publications[name] = first + timedelta(days=i)  # the second channel a day later
                if rng.random() < 0.6:
                    item.event_date = first - timedelta(days=rng.randrange(0, 7))
                if rng.random() < 0.1:
                    item.republished = first + timedelta(days=5)
                if rng.random() < 0.06:
                    item.retracted = first + timedelta(days=10)
                if rng.random() < 0.3:
                    item.follow_up = (rng.choice(RESULTS), first + timedelta(days=7))
                item.findings = {c: rng.choice([0, 0, 0, 1, 2]) for c in rng.sample(CATEGORIES, 3)}
        plan.append(item)
    return plan


def _finding(category: str) -> dict:
    return {"category": category, "rule": f"gen.{category}", "severity": "warn", "start": 0, "end": 1, "text": "生",
            "suggestion": "", "message": "生成的发现", "part": "body"}


def write(plan: list[PlannedItem]) -> None:
    """Store the plan: items, revisions, submission screenings, rejections, publications, 回头看."""
    departments = {d.name: d for d in Department.objects.all()}
    people = {}
    for username, department in AUTHORS:
        people[username], _created = Person.objects.get_or_create(
            username=username, defaults={"department": departments[department], "full_name": username})
    officer = Person.objects.get(username="officer")
    reviewer = Person.objects.get(username="head")
    channels = {c.name: c for c in Channel.objects.filter(name__in=CHANNELS)}
    stage = Stage.objects.filter(workflow=channels["要闻动态"].workflow).order_by("order").first()

    items = Item.objects.bulk_create([Item(title=p.title, body="生" * p.body_chars, department=departments[p.department],
                                           author=people[p.author], event_date=p.event_date,
                                           status=Item.Status.APPROVED if p.publications else Item.Status.DRAFT)
                                      for p in plan])
    for item, p in zip(items, plan):
        item.created_at = at(p.created, 9)
    Item.objects.bulk_update(items, ["created_at"])
    Item.channels.through.objects.bulk_create([Item.channels.through(item=item, channel=channels[name])
                                               for item, p in zip(items, plan) for name in p.channels])
    revisions = Revision.objects.bulk_create([
        Revision(item=item, number=1, title=p.title, body=item.body, content_hash=f"{p.n:064d}",
                 created_by=item.author) for item, p in zip(items, plan)])
    second = {p.n: Revision(item=item, number=2, title=p.title, body=item.body, content_hash=f"{p.n + 10**6:064d}",
                            created_by=item.author) for item, p in zip(items, plan) if p.republished}
    Revision.objects.bulk_create(list(second.values()))
    for item, revision in zip(items, revisions):
        item.current_revision = revision
    Item.objects.bulk_update(items, ["current_revision"])

    reports, report_days = [], []
    for revision, p in zip(revisions, plan):
        for day in p.submissions:
            reports.append(ScreeningReport(revision=revision, trigger=ScreeningReport.Trigger.SUBMIT,
                                           ruleset_version="gen", findings=[
                                               _finding(c) for c, k in p.findings.items() for _ in range(k)]))
            report_days.append(day)
    reports = ScreeningReport.objects.bulk_create(reports)
    for report, day in zip(reports, report_days):
        report.ran_at = at(day, 11)
    ScreeningReport.objects.bulk_update(reports, ["ran_at"])

    decisions, decision_days = [], []
    for item, revision, p in zip(items, revisions, plan):
        for day in p.rejections:
            decisions.append(Decision(item=item, revision=revision, content_hash=revision.content_hash, stage=stage,
                                      stage_name=stage.name, role=stage.role, person=reviewer,
                                      verdict=Decision.Verdict.REJECT, opinion="请修改。"))
            decision_days.append(day)
    decisions = Decision.objects.bulk_create(decisions)
    for decision, day in zip(decisions, decision_days):
        decision.signed_at = at(day, 15)
    Decision.objects.bulk_update(decisions, ["signed_at"])

    publications, follow_ups = [], []
    for item, revision, p in zip(items, revisions, plan):
        for i, (name, day) in enumerate(p.publications.items()):
            replaced = i == 0 and p.republished is not None
            status = (Publication.Status.RETRACTED if p.retracted else
                      Publication.Status.SUPERSEDED if replaced else Publication.Status.LIVE)
            publications.append(Publication(
                item=item, revision=revision, content_hash=revision.content_hash, channel=channels[name],
                status=status, published_at=at(day, 14), published_by=officer,
                retracted_at=at(p.retracted, 16) if p.retracted and not replaced else None,
                retracted_by=officer if p.retracted and not replaced else None))
            if replaced:
                again = second[p.n]
                publications.append(Publication(
                    item=item, revision=again, content_hash=again.content_hash, channel=channels[name],
                    status=Publication.Status.RETRACTED if p.retracted else Publication.Status.LIVE,
                    published_at=at(p.republished, 14), published_by=officer,
                    retracted_at=at(p.retracted, 16) if p.retracted else None,
                    retracted_by=officer if p.retracted else None))
        if p.follow_up:
            result, day = p.follow_up
            follow_ups.append(FollowUp(item=item, revision=revision, department=item.department, due_on=day,
                                       result=result, answered_by=item.author, answered_at=at(day, 10)))
    Publication.objects.bulk_create(publications)
    FollowUp.objects.bulk_create(follow_ups)


# ---- the independent count -----------------------------------------------------------------------------------------


def _in_year(day: date | None) -> bool:
    return day is not None and START <= day <= END


def expected(plan: list[PlannedItem], by: str) -> dict:
    """{group name: {measure: value}} counted from the plan; groups are department names, channel names or
    usernames, and "total" counts each item once."""
    out: dict = defaultdict(lambda: defaultdict(int))

    def groups(p: PlannedItem) -> list[str]:
        return {"department": [p.department], "channel": p.channels, "person": [p.author]}[by] + ["total"]

    for p in plan:
        for g in groups(p):
            figures = out[g]
            figures["drafted"] += _in_year(p.created)
            figures["submitted"] += sum(_in_year(d) for d in p.submissions)
            figures["rejected"] += sum(_in_year(d) for d in p.rejections)
            first = p.publications.get(g) if by == "channel" and g != "total" else p.first_published
            figures["retracted"] += _in_year(p.retracted)
            if _in_year(first):
                figures["published"] += 1
                if p.event_date is not None:
                    on_time = first <= p.event_date + timedelta(days=3)
                    figures["on_time" if on_time else "late"] += 1
                figures["chars"] += p.chars
                for category, k in p.findings.items():
                    figures[f"findings_{category}"] += k
            if p.follow_up and _in_year(p.follow_up[1]):
                key = {"fine": "follow_up_fine", "needs_correction": "follow_up_correction",
                       "retract": "follow_up_retract"}[p.follow_up[0]]
                figures[key] += 1
    return out


def shown_figures(figures: dict) -> dict:
    """The counted figures as the pages write them (error rate in %, one decimal; densities, two)."""
    shown = {key: figures.get(key, 0) for key in (
        "drafted", "submitted", "published", "on_time", "late", "rejected", "retracted", "follow_up_fine",
        "follow_up_correction", "follow_up_retract")}
    errors = figures.get("rejected", 0) + figures.get("retracted", 0) + figures.get("follow_up_correction", 0)
    shown["error_rate"] = round(errors / figures["submitted"] * 100, 1) if figures.get("submitted") else "—"
    for category in CATEGORIES:
        count = figures.get(f"findings_{category}", 0)
        shown[f"findings_{category}"] = round(count * 1000 / figures["chars"], 2) if figures.get("chars") else "—"
    return shown
