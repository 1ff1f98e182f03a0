"""Statistics (信息发布统计, O2, 002§17–18, 001 website§24): counts per department, column/channel or person over
a period, aggregated in the database.

Every figure is defined here, once, in words (`MEASURES`) and in code (the queries below); the pages, the
CSV/XLSX exports, the API and the annual evaluation all read `statistics()`.

- 起草 drafted: items created in the period.
- 提交 submitted: submissions in the period — every submission for review is screened, so each
  submission screening report (trigger 提交时) is one submission; a resubmission after a rejection counts again.
- 发布 published: items first published in the period (by column/channel: first published to that channel).
- 按时 / 逾期 on time / late: of those, items with an event date, published no later than the 3rd day after
  it (`publishing.timeliness`) or later.
- 退回 rejected: review decisions with the verdict 退回 signed in the period.
- 撤回 retracted: items with a publication retracted in the period.
- 回头看: results recorded in the period — 无问题 / 需要更正 / 需要撤回.
- 每千字筛查发现 findings per 1,000 characters: for the items published in the period, the latest screening
  report of the published revision; its findings in that category ÷ the characters of that revision's title and
  body × 1,000 (findings in attachments count; attachment text is not in the divisor).
- 差错率 error rate: see `ERROR_RATE_DEFINITION` and `error_rate()`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.functions import Length, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sanshen.channels.models import Channel
from sanshen.content.models import Item, Revision, ScreeningReport
from sanshen.lexicons.models import CATEGORY_LABELS
from sanshen.org.models import Department, Person
from sanshen.publishing.models import FollowUp, Publication
from sanshen.publishing.timeliness import DAYS_AFTER_EVENT
from sanshen.review.models import Decision
from sanshen.screening.findings import CATEGORIES

TOTAL = "total"

# ---- periods (统计期间) --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included, in local time."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def months(self) -> list[date]:
        """The first day of each month the period touches."""
        out, month = [], self.start.replace(day=1)
        while month <= self.end:
            out.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return out

    def __str__(self):
        return f"{self.start:%Y-%m-%d} — {self.end:%Y-%m-%d}"


PRESETS = {"this_month": _("本月"), "this_quarter": _("本季度"), "this_year": _("本年"), "last_year": _("上年")}


def preset(name: str, today: date | None = None) -> Period:
    """One of `PRESETS` as a period (the current one runs to its end, not just to today)."""
    today = today or timezone.localdate()
    if name == "this_month":
        start = today.replace(day=1)
        return Period(start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    if name == "this_quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(start, (start + timedelta(days=95)).replace(day=1) - timedelta(days=1))
    if name == "this_year":
        return year_period(today.year)
    if name == "last_year":
        return year_period(today.year - 1)
    raise ValueError(f"unknown preset {name!r}")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


# ---- what is counted (统计指标) ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    kind: str = "count"  # count | rate | density


FINDING_KEYS = tuple(f"findings_{category}" for category in CATEGORIES)

MEASURES: tuple[Measure, ...] = (
    Measure("drafted", _("起草")),
    Measure("submitted", _("提交次数")),
    Measure("published", _("发布")),
    Measure("on_time", _("按时发布")),
    Measure("late", _("逾期发布")),
    Measure("rejected", _("退回次数")),
    Measure("retracted", _("撤回")),
    Measure("follow_up_fine", _("回头看无问题")),
    Measure("follow_up_correction", _("回头看需更正")),
    Measure("follow_up_retract", _("回头看需撤回")),
    Measure("error_rate", _("差错率"), "rate"),
    *(Measure(key, format_lazy(_("每千字{category}"), category=CATEGORY_LABELS[category]), "density")
      for key, category in zip(FINDING_KEYS, CATEGORIES)),
)
MEASURE_KEYS = tuple(m.key for m in MEASURES)

ERROR_RATE_DEFINITION = _("差错率 =（退回次数 + 撤回稿件数 + 回头看“需要更正”数）÷ 提交次数。"
                          "回头看“需要撤回”的稿件在撤回时已计入撤回数，不重复计算。")
FINDINGS_DEFINITION = _("每千字筛查发现 = 期间内首次发布的稿件，其发布版本最近一次筛查报告中该类发现数之和 ÷ "
                        "这些版本标题和正文的字数之和 × 1000（附件中的发现计入，附件字数不计入）。")
TIMELINESS_DEFINITION = format_lazy(_("按时发布：有事件日期的稿件在事件发生后第 {days} 日内（含）首次发布；晚于此为逾期发布。"),
                                    days=DAYS_AFTER_EVENT)

COUNTS_DEFINITION = _("起草：期间内新建的稿件；提交次数：期间内提交审核的次数（退回后再次提交另计）；"
                      "发布：期间内首次发布的稿件（按栏目/渠道统计时为首次发布到该渠道）；退回次数：期间内审核退回的次数；"
                      "撤回：期间内有发布被撤回的稿件；回头看：期间内填写的回头看结果。按人员统计时以稿件作者计。")
DEFINITIONS = (COUNTS_DEFINITION, TIMELINESS_DEFINITION, FINDINGS_DEFINITION, ERROR_RATE_DEFINITION)


def error_rate(figures: dict) -> float | None:
    """差错率, the one definition (see ERROR_RATE_DEFINITION); None when nothing was submitted."""
    if not figures.get("submitted"):
        return None
    errors = figures.get("rejected", 0) + figures.get("retracted", 0) + figures.get("follow_up_correction", 0)
    return errors / figures["submitted"]


def on_time_rate(figures: dict) -> float | None:
    """按时发布率: on time ÷ (on time + late); None when no dated item was published."""
    dated = figures.get("on_time", 0) + figures.get("late", 0)
    return figures.get("on_time", 0) / dated if dated else None


# ---- grouping (统计口径) -------------------------------------------------------------------------------------------

BY_DEPARTMENT, BY_CHANNEL, BY_PERSON = "department", "channel", "person"
GROUPINGS = {BY_DEPARTMENT: _("按部门"), BY_CHANNEL: _("按栏目/渠道"), BY_PERSON: _("按人员（作者）")}
ITEM_FIELD = {BY_DEPARTMENT: "department", BY_CHANNEL: "channels", BY_PERSON: "author"}


def _group(by: str | None, to_item: str, own_channel: str | None = None) -> str | None:
    """The field path grouping a model reached from the item through `to_item` (a publication has its own channel)."""
    if by is None:
        return None
    if by == BY_CHANNEL and own_channel:
        return own_channel
    return to_item + ITEM_FIELD[by]


def _counts(qs: QuerySet, group: str | None, **aggregates) -> dict:
    """{group key: {name: value}} for the aggregates, or {TOTAL: {...}} without a group."""
    if group is None:
        return {TOTAL: qs.aggregate(**aggregates)}
    rows = qs.order_by().values(group).annotate(**aggregates)
    return {row[group]: {name: row[name] for name in aggregates} for row in rows if row[group] is not None}


def first_publications(period: Period, per_channel: bool) -> QuerySet:
    """Publications in the period that are their item's first (on that channel, when `per_channel`)."""
    earlier = Publication.objects.filter(item=OuterRef("item"), published_at__lt=OuterRef("published_at"))
    if per_channel:
        earlier = earlier.filter(channel=OuterRef("channel"))
    return Publication.objects.filter(published_at__gte=period.since, published_at__lt=period.until).exclude(
        Exists(earlier))


def _in_scope(qs: QuerySet, to_item: str, departments) -> QuerySet:
    return qs if departments is None else qs.filter(**{to_item + "department__in": departments})


def _raw_counts(period: Period, by: str | None, departments) -> dict:
    """{group key: {measure: count}} for the count measures and the findings tallies."""
    figures: dict = defaultdict(lambda: defaultdict(int))

    def merge(found: dict):
        for key, values in found.items():
            for name, value in values.items():
                figures[key][name] += value or 0

    items = _in_scope(Item.objects.all(), "", departments)
    merge(_counts(items.filter(created_at__gte=period.since, created_at__lt=period.until), _group(by, ""),
                  drafted=Count("pk", distinct=True)))
    submissions = _in_scope(ScreeningReport.objects.filter(trigger=ScreeningReport.Trigger.SUBMIT), "revision__item__",
                            departments).filter(ran_at__gte=period.since, ran_at__lt=period.until)
    merge(_counts(submissions, _group(by, "revision__item__"), submitted=Count("pk", distinct=True)))
    rejections = _in_scope(Decision.objects.filter(verdict=Decision.Verdict.REJECT), "item__", departments)
    merge(_counts(rejections.filter(signed_at__gte=period.since, signed_at__lt=period.until),
                  _group(by, "item__"), rejected=Count("pk", distinct=True)))
    retractions = _in_scope(Publication.objects.filter(retracted_at__gte=period.since, retracted_at__lt=period.until),
                            "item__", departments)
    merge(_counts(retractions, _group(by, "item__", "channel"), retracted=Count("item", distinct=True)))
    answered = _in_scope(FollowUp.objects.filter(answered_at__gte=period.since, answered_at__lt=period.until),
                         "item__", departments)
    merge(_counts(answered, _group(by, "item__"), **{
        "follow_up_fine": Count("pk", distinct=True, filter=Q(result=FollowUp.Result.FINE)),
        "follow_up_correction": Count("pk", distinct=True, filter=Q(result=FollowUp.Result.NEEDS_CORRECTION)),
        "follow_up_retract": Count("pk", distinct=True, filter=Q(result=FollowUp.Result.RETRACT)),
    }))
    firsts = _in_scope(first_publications(period, per_channel=by == BY_CHANNEL), "item__", departments).annotate(
        day=TruncDate("published_at"),
        due=ExpressionWrapper(F("item__event_date") + timedelta(days=DAYS_AFTER_EVENT), output_field=DateField()))
    dated = Q(item__event_date__isnull=False)
    merge(_counts(firsts, _group(by, "item__", "channel"), **{
        "published": Count("item", distinct=True),
        "on_time": Count("item", distinct=True, filter=dated & Q(day__lte=F("due"))),
        "late": Count("item", distinct=True, filter=dated & Q(day__gt=F("due"))),
    }))
    merge(_finding_tallies(firsts, _group(by, "item__", "channel")))
    return figures


def _finding_tallies(firsts: QuerySet, group: str | None) -> dict:
    """Per group: characters of the published revisions and their findings per category (one query each)."""
    if group is None:
        pairs = {(TOTAL, revision) for revision in firsts.order_by().values_list("revision_id", flat=True).distinct()}
    else:
        pairs = set(firsts.order_by().values_list(group, "revision_id").distinct())
    chars = dict(Revision.objects.filter(pk__in=firsts.values("revision_id")).annotate(
        n=Length("title") + Length("body")).values_list("pk", "n"))
    latest: dict[int, list] = {}
    for revision_id, findings in (ScreeningReport.objects.filter(revision__in=firsts.values("revision_id"))
                                  .order_by("revision_id", "-ran_at", "-id").values_list("revision_id", "findings")):
        latest.setdefault(revision_id, findings)
    out: dict = defaultdict(lambda: defaultdict(int))
    for key, revision in pairs:
        if key is None:
            continue
        out[key]["chars"] += chars.get(revision, 0)
        for finding in latest.get(revision, []):
            out[key][f"findings_{finding['category']}"] += 1
    return out


def finish(raw: dict) -> dict:
    """All measures from the raw counts: rates and densities worked out, missing counts as 0."""
    figures = {m.key: raw.get(m.key, 0) for m in MEASURES if m.kind == "count"}
    chars = raw.get("chars", 0)
    for key in FINDING_KEYS:
        figures[key] = round(raw.get(key, 0) * 1000 / chars, 2) if chars else None
    figures["error_rate"] = error_rate(figures)
    figures["chars"] = chars
    figures["findings"] = {key: raw.get(key, 0) for key in FINDING_KEYS}
    return figures


# ---- the table (统计表) --------------------------------------------------------------------------------------------


@dataclass
class Row:
    key: object
    label: str
    figures: dict


@dataclass
class Table:
    period: Period
    by: str
    rows: list[Row]
    total: Row
    months: list[tuple[date, int]] = field(default_factory=list)

    def measure_values(self, key: str) -> list[tuple[str, float | int | None]]:
        return [(row.label, row.figures[key]) for row in self.rows]


def _labels(by: str, keys, departments) -> list[tuple[object, str]]:
    """The groups shown, in order: every department / channel in scope, or the people with any figure."""
    if by == BY_DEPARTMENT:
        found = Department.objects.filter(Q(pk__in=keys) | Q(is_active=True, kind=Department.Kind.INTERNAL))
        if departments is not None:
            found = found.filter(pk__in=departments)
        return [(d.pk, d.name) for d in found.order_by("name")]
    if by == BY_CHANNEL:
        found = Channel.objects.filter(Q(pk__in=keys) | Q(is_active=True))
        if departments is not None:
            found = found.filter(Q(pk__in=keys) | Q(department__in=departments))
        return [(c.pk, str(c)) for c in found.order_by("kind", "name")]
    return [(p.pk, p.display_name) for p in Person.objects.filter(pk__in=keys).order_by("username")]


def monthly_published(period: Period, departments=None) -> list[tuple[date, int]]:
    """Items first published per month of the period (the line chart)."""
    return _per_month(period, departments, None, [TOTAL])[TOTAL]


def monthly_published_by_department(period: Period, departments) -> dict[int, list[tuple[date, int]]]:
    """`monthly_published` for each of `departments` (ids), in one query."""
    return _per_month(period, departments, "item__department", departments)


def _per_month(period: Period, departments, group: str | None, keys) -> dict:
    """{key: [(month, items first published)]} for each of `keys`: the `group` values, or TOTAL without one."""
    firsts = _in_scope(first_publications(period, per_channel=False), "item__", departments)
    counted: dict = {key: {} for key in keys}
    for row in (firsts.annotate(month=TruncMonth("published_at")).order_by().values(*filter(None, [group]), "month")
                .annotate(n=Count("item", distinct=True))):
        month = timezone.localdate(row["month"]) if isinstance(row["month"], datetime) else row["month"]
        counted[row[group] if group else TOTAL][month] = row["n"]
    return {key: [(month, found.get(month, 0)) for month in period.months()] for key, found in counted.items()}


def statistics(period: Period, by: str = BY_DEPARTMENT, departments=None) -> Table:
    """The statistics table for `period` grouped `by`, limited to `departments` (ids) unless None."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    raw = _raw_counts(period, by, departments)
    rows = [Row(key, label, finish(raw.get(key, {}))) for key, label in _labels(by, raw.keys(), departments)]
    total = Row(TOTAL, str(_("合计")), finish(_raw_counts(period, None, departments)[TOTAL]))
    return Table(period, by, rows, total, monthly_published(period, departments))
