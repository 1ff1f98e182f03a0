"""The annual evaluation (年度考评, 001 website§24–26): per department and year, the statistics, the stretches its
columns and accounts went beyond their update thresholds, notices of criticism (通报批评), and whether it is a
commendation candidate (表彰候选) under `COMMENDATION_RULE`. As a page, a PDF and an XLSX — all from one report.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.platypus import Paragraph, Spacer

from sanshen.accountability.models import Criticism
from sanshen.channels.models import Channel
from sanshen.org.models import Department
from sanshen.review.sheet import HEADER_ROW, labelled, pdf, styles, table, text

from .exports import measure_heading, shown, xlsx_bytes
from .figures import (
    BY_DEPARTMENT,
    DEFINITIONS,
    MEASURES,
    monthly_published_by_department,
    on_time_rate,
    statistics,
    year_period,
)
from .thresholds import JUDGED_KINDS, StaleSpell, stale_spells_by_channel


@dataclass(frozen=True)
class CommendationRule:
    """表彰候选: timely, plentiful and accurate (001 website§25(一)), and no criticism that year (§26)."""

    min_published: int = 12  # about one item a month
    min_on_time_rate: float = 0.90
    max_error_rate: float = 0.02

    def describe(self) -> str:
        return _("表彰候选条件：全年发布不少于 %(n)s 篇；按时发布率不低于 %(on_time)s%%；差错率不高于 %(error)s%%；"
                 "本年度未被通报批评（被通报批评的部门和个人本年度内不得表彰）。") % {
            "n": self.min_published, "on_time": round(self.min_on_time_rate * 100),
            "error": round(self.max_error_rate * 100)}


COMMENDATION_RULE = CommendationRule()


def criticisms_by_department(departments, year: int) -> dict[int, list[Criticism]]:
    """Notices of criticism issued in `year` to each of `departments` (ids) or to people in it (通报批评), one query."""
    wanted, found = set(departments), defaultdict(list)
    for c in (Criticism.objects.filter(Q(department__in=wanted) | Q(person__department__in=wanted), issued_on__year=year)
              .select_related("person", "department")):
        for department_id in {c.department_id, c.person.department_id if c.person else None} & wanted:
            found[department_id].append(c)
    return found


def commendation(figures: dict, criticisms: list, rule: CommendationRule = COMMENDATION_RULE) -> tuple[bool, list[str]]:
    """Whether the figures meet `rule`, and each condition missed, in words."""
    missed = []
    if figures["published"] < rule.min_published:
        missed.append(_("发布 %(n)s 篇，少于 %(min)s 篇") % {"n": figures["published"], "min": rule.min_published})
    rate = on_time_rate(figures)
    if rate is not None and rate < rule.min_on_time_rate:
        missed.append(_("按时发布率 %(rate)s%%，低于 %(min)s%%") % {
            "rate": round(rate * 100, 1), "min": round(rule.min_on_time_rate * 100)})
    error = figures["error_rate"]
    if error is None or error > rule.max_error_rate:
        missed.append(_("无提交稿件") if error is None else _("差错率 %(rate)s%%，高于 %(max)s%%") % {
            "rate": round(error * 100, 1), "max": round(rule.max_error_rate * 100)})
    if criticisms:
        missed.append(_("本年度被通报批评 %(n)s 次") % {"n": len(criticisms)})
    return not missed, missed


@dataclass
class DepartmentReport:
    department: Department
    year: int
    figures: dict
    months: list[tuple[date, int]]
    spells: list[StaleSpell]
    criticisms: list[Criticism]
    candidate: bool
    missed: list[str]

    @property
    def measures(self) -> list[tuple[str, object]]:
        """Each measure's heading and value as the statistics page shows it."""
        return [(measure_heading(m), shown(m, self.figures[m.key])) for m in MEASURES]

    @property
    def error_percent(self):
        return shown(next(m for m in MEASURES if m.key == "error_rate"), self.figures["error_rate"])

    @property
    def on_time_percent(self):
        rate = on_time_rate(self.figures)
        return None if rate is None else round(rate * 100, 1)


def department_reports(year: int, departments=None) -> list[DepartmentReport]:
    """The year's report for each internal department (only `departments` ids unless None), by name — in a fixed
    number of queries however many departments and channels."""
    period = year_period(year)
    table = statistics(period, BY_DEPARTMENT, departments)
    keys = [row.key for row in table.rows]
    named = Department.objects.in_bulk(keys)
    channels = list(Channel.objects.filter(department__in=keys, kind__in=JUDGED_KINDS).select_related("account"))
    last_day = min(period.end, timezone.localdate())
    spells = stale_spells_by_channel(channels, period.start, last_day) if last_day >= period.start else {}
    spells_of = defaultdict(list)
    for channel in channels:
        spells_of[channel.department_id] += spells.get(channel.pk, [])
    criticisms = criticisms_by_department(keys, year)
    months = monthly_published_by_department(period, keys)
    reports = []
    for row in table.rows:
        candidate, missed = commendation(row.figures, criticisms[row.key])
        reports.append(DepartmentReport(named[row.key], year, row.figures, months[row.key],
                                        spells_of[row.key], criticisms[row.key], candidate, missed))
    return reports


def department_report(department: Department, year: int) -> DepartmentReport:
    return department_reports(year, {department.pk})[0]


def _criticism_line(c: Criticism) -> str:
    deadline = _("，整改期限 %(day)s") % {"day": c.deadline} if c.deadline else ""
    done = _("，已于 %(day)s 整改") % {"day": c.done_on} if c.done_on else ""
    return f"{c.issued_on:%Y-%m-%d} {c.subject}：{c.text}{deadline}{done}"


def report_title(report: DepartmentReport) -> str:
    return _("%(department)s %(year)s 年度信息发布工作考评") % {"department": report.department, "year": report.year}


def report_pdf(report: DepartmentReport) -> bytes:
    """The report as an A4 PDF (CJK font STSong-Light, as the review sheet)."""
    s = styles()
    story = [Paragraph(text(report_title(report)), s["title"]),
             Paragraph(text(_("统计期间 %(period)s") % {"period": year_period(report.year)}), s["subtitle"])]
    story.append(labelled([(label, str(value)) for label, value in report.measures], s, _("一、统计")))
    months = [[_("月份"), _("发布稿件数")]] + [[f"{m:%Y-%m}", str(n)] for m, n in report.months]
    story += [Paragraph(_("二、每月发布"), s["h2"]),
              table([[Paragraph(text(c), s["cell"]) for c in row] for row in months], [0.3, 0.7], HEADER_ROW),
              Spacer(1, 3)]
    spells = [[_("栏目/账号"), _("超期起止"), _("超期天数")]] + [
        [sp.channel, f"{sp.start:%Y-%m-%d} — {sp.end:%Y-%m-%d}", str(sp.days)] for sp in report.spells]
    story.append(Paragraph(_("三、超期未更新"), s["h2"]))
    story.append(table([[Paragraph(text(c), s["cell"]) for c in row] for row in spells], [0.4, 0.4, 0.2], HEADER_ROW)
                 if report.spells else Paragraph(_("无"), s["cell"]))
    story.append(Paragraph(_("四、通报批评"), s["h2"]))
    story += ([Paragraph(text(_criticism_line(c)), s["cell"]) for c in report.criticisms]
              or [Paragraph(_("无"), s["cell"])])
    verdict = _("是") if report.candidate else _("否（%(why)s）") % {"why": "；".join(report.missed)}
    story.append(labelled([(_("表彰候选"), verdict), (_("条件"), COMMENDATION_RULE.describe())], s, _("五、表彰候选")))
    story += [Paragraph(text(d), s["small"]) for d in DEFINITIONS]
    footer = _("%(title)s · 生成于 %(at)s") % {"title": report_title(report),
                                             "at": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    return pdf(story, report_title(report), footer)


def report_xlsx(report: DepartmentReport) -> bytes:
    """The report as a workbook: figures, months, stale stretches, criticisms, the commendation verdict."""
    return xlsx_bytes([
        (_("统计"), [_("指标"), _("数值")], [[label, value] for label, value in report.measures]),
        (_("每月发布"), [_("月份"), _("发布稿件数")], [[f"{m:%Y-%m}", n] for m, n in report.months]),
        (_("超期未更新"), [_("栏目/账号"), _("起"), _("止"), _("超期天数")],
         [[sp.channel, f"{sp.start:%Y-%m-%d}", f"{sp.end:%Y-%m-%d}", sp.days] for sp in report.spells]),
        (_("通报批评"), [_("通报日期"), _("对象"), _("内容"), _("整改期限"), _("整改完成")],
         [[f"{c.issued_on:%Y-%m-%d}", str(c.subject), c.text, f"{c.deadline:%Y-%m-%d}" if c.deadline else "",
           f"{c.done_on:%Y-%m-%d}" if c.done_on else ""] for c in report.criticisms]),
        (_("表彰候选"), [_("表彰候选"), _("未达条件"), _("条件")],
         [[_("是") if report.candidate else _("否"), "；".join(report.missed), COMMENDATION_RULE.describe()]]),
    ])
