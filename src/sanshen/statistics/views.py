"""Pages of statistics (统计), breaches of update thresholds (超期未更新) and the annual evaluation (年度考评).

Section heads see their own departments' figures only (`scope.visible_departments`); the others in
`oversight.view_statistics` see the whole body.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshen.org.models import Department
from sanshen.oversight.digest import office
from sanshen.oversight.models import Digest
from sanshen.web.mixins import action_required, download, refuse

from . import charts
from .evaluation import COMMENDATION_RULE, department_report, department_reports, report_pdf, report_xlsx
from .exports import (
    csv_text,
    measure_heading,
    monthly_cells,
    shown,
    statistics_sheets,
    table_cells,
    table_header,
    xlsx_bytes,
)
from .figures import CATEGORY_LABELS, DEFINITIONS, FINDING_KEYS, GROUPINGS, MEASURES, PRESETS, preset, statistics
from .forms import StatisticsForm, YearForm
from .scope import visible_departments
from .thresholds import breaches

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_table(request):
    """The form as typed and, when it is valid, the statistics it asks for (within the person's scope)."""
    form = StatisticsForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, statistics(data["period"], data["by"], visible_departments(request.user))


def _problems(form) -> str:
    return "；".join(message for errors in form.errors.values() for message in errors)


def bar_charts(table) -> list[tuple[str, str]]:
    """(title, chart) per measure: its bars across the groups, values as the table shows them."""
    out = []
    for measure in MEASURES:
        bars = [(label, None if value == "—" else value)
                for label, value in ((row.label, shown(measure, row.figures[measure.key])) for row in table.rows)]
        title = _("%(measure)s（%(by)s）") % {"measure": measure_heading(measure), "by": GROUPINGS[table.by]}
        out.append((title, charts.bar_chart(title, bars)))
    return out


# The page shows the measures in three narrow tables, in the order of `MEASURES`, not one of twenty columns
# (the exports keep one sheet).
PAGE_SECTIONS = (
    ("work", gettext_lazy("稿件与时效"), ("drafted", "submitted", "published", "on_time", "late", "rejected",
                                         "retracted")),
    ("follow-ups", gettext_lazy("回头看与差错率"), ("follow_up_fine", "follow_up_correction", "follow_up_retract",
                                               "error_rate")),
    ("findings", gettext_lazy("每千字筛查发现数"), FINDING_KEYS),
)


def _page_heading(measure) -> str:
    """A column heading under its section: a finding density is named by its category alone."""
    if measure.kind == "density":
        return str(CATEGORY_LABELS[measure.key.removeprefix("findings_")])
    return measure_heading(measure)


def page_sections(table) -> list[dict]:
    """The statistics as the page shows them: per section its heading, column headings and rows (total last)."""
    by_key = {m.key: m for m in MEASURES}
    group = str(GROUPINGS[table.by]).removeprefix("按")
    sections = []
    for slug, title, keys in PAGE_SECTIONS:
        measures = [by_key[key] for key in keys]
        sections.append({
            "slug": slug, "title": title, "header": [group] + [_page_heading(m) for m in measures],
            "rows": [[row.label] + [shown(m, row.figures[m.key]) for m in measures]
                     for row in [*table.rows, table.total]]})
    return sections


def period_links(by: str, period) -> list[dict]:
    """本月 / 本季度 / 本年 / 上年 as links that fill the dates, the one matching the chosen period marked."""
    links = []
    for key, label in PRESETS.items():
        span = preset(key)
        links.append({"label": label, "query": f"by={by}&start={span.start:%Y-%m-%d}&end={span.end:%Y-%m-%d}",
                      "current": span == period})
    return links


def as_chosen(table) -> StatisticsForm:
    """The form showing the period the figures are for, also when a preset chose it."""
    return StatisticsForm({"by": table.by, "start": f"{table.period.start:%Y-%m-%d}",
                           "end": f"{table.period.end:%Y-%m-%d}"})


@action_required("oversight.view_statistics")
def statistics_page(request):
    form, table = chosen_table(request)
    context = {"form": form, "table": table, "definitions": DEFINITIONS, "query": request.GET.urlencode(),
               "scoped": visible_departments(request.user) is not None}
    if table is not None:
        context.update({
            "form": as_chosen(table), "presets": period_links(table.by, table.period),
            "sections": page_sections(table), "bar_charts": bar_charts(table),
            "months": monthly_cells(table),
            "line_chart": charts.line_chart(_("每月发布稿件数（%(period)s）") % {"period": table.period},
                                            [(f"{m:%m}", n) for m, n in table.months]),
        })
    return render(request, "statistics/statistics.html", context)


@action_required("oversight.view_statistics")
def statistics_csv(request):
    form, table = chosen_table(request)
    if table is None:
        return HttpResponse(_problems(form), status=400, content_type="text/plain; charset=utf-8")
    return download(csv_text(table_header(table), table_cells(table)), "text/csv; charset=utf-8",
                    f"statistics-{table.by}-{table.period.start:%Y%m%d}-{table.period.end:%Y%m%d}.csv")


@action_required("oversight.view_statistics")
def statistics_xlsx(request):
    form, table = chosen_table(request)
    if table is None:
        return HttpResponse(_problems(form), status=400, content_type="text/plain; charset=utf-8")
    return download(xlsx_bytes(statistics_sheets(table, [str(d) for d in DEFINITIONS])), XLSX,
                    f"statistics-{table.by}-{table.period.start:%Y%m%d}-{table.period.end:%Y%m%d}.xlsx")


@action_required("oversight.view_statistics")
def breaches_page(request):
    found = breaches(departments=visible_departments(request.user))
    return render(request, "statistics/breaches.html", {
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "digests": Digest.objects.all()[:10], "office": office(),
    })


def _year(request):
    form = YearForm(request.GET)
    return form, (form.cleaned_data["year"] if form.is_valid() else None)


@action_required("oversight.view_statistics")
def evaluation_list(request):
    form, year = _year(request)
    reports = department_reports(year, visible_departments(request.user)) if year else []
    return render(request, "statistics/evaluation.html", {"form": form, "year": year, "reports": reports,
                                                         "rule": COMMENDATION_RULE.describe()})


def _department_for(request, year: int, pk: int):
    """The department whose report is asked for, or a refusal when it is outside the person's scope."""
    if not YearForm({"year": year}).is_valid():
        raise Http404(_("没有这个年度。"))
    department = get_object_or_404(Department, pk=pk)
    allowed = visible_departments(request.user)
    if allowed is not None and department.pk not in allowed:
        return None, refuse(request, _("科室负责人只能查看本部门的考评。"))
    return department, None


@action_required("oversight.view_statistics")
def evaluation_pdf(request, year: int, pk: int):
    department, refusal = _department_for(request, year, pk)
    if refusal:
        return refusal
    report = department_report(department, year)
    return download(report_pdf(report), "application/pdf", f"evaluation-{year}-{department.pk}.pdf")


@action_required("oversight.view_statistics")
def evaluation_xlsx(request, year: int, pk: int):
    department, refusal = _department_for(request, year, pk)
    if refusal:
        return refusal
    report = department_report(department, year)
    return download(report_xlsx(report), XLSX, f"evaluation-{year}-{department.pk}.xlsx")
