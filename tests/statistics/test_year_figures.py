"""A generated year: the statistics page, its CSV and XLSX, the API and the annual evaluation PDF/XLSX show
exactly the figures counted independently from the generation plan."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from sanshen.channels.models import Channel
from sanshen.org.models import Department, Person
from sanshen.screening.findings import CATEGORIES
from sanshen.statistics.figures import BY_CHANNEL, BY_DEPARTMENT, BY_PERSON, statistics, year_period

from .activity import YEAR, expected, shown_figures
from .conftest import csv_table, page_figures, xlsx_table

pytestmark = pytest.mark.django_db

COLUMNS = ["drafted", "submitted", "published", "on_time", "late", "rejected", "retracted", "follow_up_fine",
           "follow_up_correction", "follow_up_retract", "error_rate", *(f"findings_{c}" for c in CATEGORIES)]
QUERY = f"start={YEAR}-01-01&end={YEAR}-12-31"


def numbers(rows: list[list[str]]) -> list[list]:
    def value(cell: str):
        try:
            return float(cell)
        except ValueError:
            return cell

    return [[value(cell) for cell in row] for row in rows]


def group_key(by: str):
    """From a row label on the page to the plan's group name."""
    if by == BY_DEPARTMENT:
        return lambda label: label
    if by == BY_CHANNEL:
        names = {str(c): c.name for c in Channel.objects.all()}
        return lambda label: names[label]
    names = {p.display_name: p.username for p in Person.objects.all()}
    return lambda label: names[label]


def expected_rows(plan, by: str, labels: list[str]) -> list[list[str]]:
    counted = expected(plan, by)
    key = group_key(by)
    rows = []
    for label in labels:
        group = "total" if label == "合计" else key(label)
        figures = shown_figures(counted.get(group, {}))
        rows.append([label] + [str(figures[c]) for c in COLUMNS])
    return rows


@pytest.mark.parametrize("by", [BY_DEPARTMENT, BY_CHANNEL, BY_PERSON])
def test_page_csv_and_xlsx_show_the_independent_count(year_activity, client_as, by):
    client = client_as("officer")
    page = page_figures(client.get(f"/oversight/statistics/?by={by}&{QUERY}").content)
    header, rows = page[0], page[1:]
    assert rows[-1][0] == "合计"
    assert rows == expected_rows(year_activity, by, [row[0] for row in rows])
    assert sum(int(row[3]) for row in rows[:-1]) >= int(rows[-1][3]) > 100  # a busy year, counted per group

    exported_csv = csv_table(client.get(f"/oversight/statistics/export.csv?by={by}&{QUERY}").content)
    assert exported_csv[1:] == rows and len(exported_csv[0]) == len(header)  # one sheet, the page's figures
    exported_xlsx = xlsx_table(client.get(f"/oversight/statistics/export.xlsx?by={by}&{QUERY}").content)
    assert numbers(exported_xlsx) == numbers(exported_csv)  # a spreadsheet keeps 1.0 as the number 1


def test_the_department_totals_add_up_and_the_definitions_are_on_the_page(year_activity, client_as):
    content = client_as("leader").get(f"/oversight/statistics/?{QUERY}").content.decode()
    rows = page_figures(content.encode())[1:]
    for column in range(1, 11):  # counts: each item belongs to one department
        assert sum(int(row[column]) for row in rows[:-1]) == int(rows[-1][column])
    assert "差错率 =（退回次数 + 撤回稿件数 + 回头看“需要更正”数）÷ 提交次数" in content
    assert "每千字筛查发现" in content and "<svg" in content and "<title" in content


def test_monthly_published_add_up_to_the_year(year_activity, client_as):
    content = client_as("officer").get(f"/oversight/statistics/?{QUERY}").content
    months = {}
    for p in year_activity:
        first = p.first_published
        if first and first.year == YEAR:
            months[first.month] = months.get(first.month, 0) + 1
    table = page_figures(content)
    assert sum(months.values()) == int(table[-1][3])
    chart_table = statistics(year_period(YEAR)).months
    assert [n for _m, n in chart_table] == [months.get(m, 0) for m in range(1, 13)]


def test_the_api_gives_the_same_figures(year_activity, client_as):
    body = client_as("chief").get(f"/api/statistics?by=department&from={YEAR}-01-01&to={YEAR}-12-31").json()
    counted = expected(year_activity, BY_DEPARTMENT)
    for row in body["rows"]:
        figures = shown_figures(counted.get(row["label"], {}))
        assert {k: ("—" if v is None else v) for k, v in row["figures"].items()} == figures
    assert body["total"]["figures"]["published"] == counted["total"]["published"]


def test_statistics_take_a_bounded_number_of_queries(year_activity):
    with CaptureQueriesContext(connection) as queries:
        statistics(year_period(YEAR), BY_PERSON)
    assert len(queries) < 30  # aggregated in the database, not one query per item


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_annual_pdf_and_xlsx_show_the_department_figures(year_activity, client_as):
    department = Department.objects.get(name="产业发展科")
    figures = shown_figures(expected(year_activity, BY_DEPARTMENT)["产业发展科"])
    client = client_as("officer")
    text = pdf_text(client.get(f"/oversight/evaluation/{YEAR}/{department.pk}.pdf").content)
    assert f"产业发展科 {YEAR} 年度信息发布工作考评" in text
    lines = [line.strip() for line in text.split("一、统计", 1)[1].splitlines()]
    values = dict(zip(lines, lines[1:]))  # each label is followed by its value
    for label, key in [("起草", "drafted"), ("提交次数", "submitted"), ("发布", "published"), ("按时发布", "on_time"),
                       ("逾期发布", "late"), ("退回次数", "rejected"), ("撤回", "retracted"),
                       ("回头看需更正", "follow_up_correction"), ("差错率（%）", "error_rate")]:
        assert values[label] == str(figures[key]), label
    sheet = xlsx_table(client.get(f"/oversight/evaluation/{YEAR}/{department.pk}.xlsx").content)
    assert ["发布", str(figures["published"])] in sheet
    assert ["差错率（%）", str(figures["error_rate"])] in sheet
