"""The statistics API (统计与超期接口): `GET /api/statistics` and `GET /api/breaches`.

403 when the permission module refuses (`oversight.view_statistics`), 400 for a period that cannot be
(from after to, longer than the pages allow), 422 for malformed input. Section heads get their own
departments' figures only, as on the pages.
"""

from datetime import date
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sanshen.core.api import REFUSALS, forbid
from sanshen.core.api_paging import Paging, page_of, paged
from sanshen.org.permissions import reason_to_prevent

from .exports import shown
from .figures import DEFINITIONS, GROUPINGS, MEASURES, PRESETS, statistics
from .forms import StatisticsForm
from .scope import visible_departments
from .thresholds import breaches

statistics_router = Router(tags=["统计 Statistics"])


class MeasureOut(Schema):
    key: str
    label: str
    kind: str = Field(description="count 计数 · rate 比率（百分数） · density 每千字")


class RowOut(Schema):
    key: int | str | None = Field(description="部门、渠道或人员编号；合计为 total")
    label: str
    figures: dict[str, float | int | None] = Field(description="各指标数值，与统计页面显示的一致（比率为百分数）")


class MonthOut(Schema):
    month: str
    published: int


class StatisticsOut(Schema):
    start: date
    end: date
    by: str
    measures: list[MeasureOut]
    definitions: list[str]
    rows: list[RowOut]
    total: RowOut
    months: list[MonthOut]


class BreachOut(Schema):
    kind: str
    kind_label: str
    subject: str
    department: str
    since: date | None = Field(description="最近更新（或开设）日期；从未更新且开设日期不详时为空")
    limit_days: int
    overdue_days: int | None
    text: str


def _row(row) -> dict:
    return {"key": row.key, "label": row.label,
            "figures": {m.key: (None if (value := shown(m, row.figures[m.key])) == "—" else value) for m in MEASURES}}


@statistics_router.get("/statistics", response={200: StatisticsOut, **REFUSALS},
                      summary="信息发布统计 Statistics per department, channel or person")
def get_statistics(request, by: Literal[tuple(GROUPINGS)] = "department",
                   start: date | None = Query(None, alias="from", description="起始日期 YYYY-MM-DD"),
                   end: date | None = Query(None, alias="to", description="截止日期 YYYY-MM-DD"),
                   preset: Literal[tuple(PRESETS)] | None = Query(None, description="本月、本季度、本年、上年")):
    """统计期间内按部门、栏目/渠道或人员分组的各项数字（口径见 definitions）；不给期间时为本年。"""
    forbid(reason_to_prevent("oversight.view_statistics", request.user))
    form = StatisticsForm({"by": by, "preset": preset or "", "start": start or "", "end": end or ""})
    if not form.is_valid():
        raise HttpError(400, "；".join(m for errors in form.errors.values() for m in errors))
    table = statistics(form.cleaned_data["period"], by, visible_departments(request.user))
    return {"start": table.period.start, "end": table.period.end, "by": by,
            "measures": [{"key": m.key, "label": str(m.label), "kind": m.kind} for m in MEASURES],
            "definitions": [str(d) for d in DEFINITIONS], "rows": [_row(r) for r in table.rows],
            "total": _row(table.total),
            "months": [{"month": f"{m:%Y-%m}", "published": n} for m, n in table.months]}


@statistics_router.get("/breaches", response={200: list[BreachOut], **REFUSALS},
                      summary="超期未更新 Columns and accounts past their update threshold",
                      description=paged("今天超过更新期限的栏目、账号（及其他登记的超期事项），超期最久的在前。"))
def get_breaches(request, response: HttpResponse, paging: Query[Paging]):
    forbid(reason_to_prevent("oversight.view_statistics", request.user))
    found = breaches(departments=visible_departments(request.user))
    return [{"kind": b.kind, "kind_label": b.kind_label, "subject": b.subject, "department": b.department,
             "since": b.since, "limit_days": b.limit_days, "overdue_days": b.overdue_days, "text": b.text}
            for b in page_of(response, found, paging)]
