"""Who sees statistics, breaches, evaluations and the inspection pages — every role, refusals included — and
what a section head's scope leaves out; bad periods keep what was typed."""

import re

import pytest
import time_machine

from sanshen.org.models import Department
from sanshen.org.permissions import ACTIONS
from sanshen.statistics.figures import PRESETS
from sanshen.statistics.scope import visible_departments
from tests.conftest import ROLE_USERS
from tests.role_matrix import EXPECTED

from .conftest import html_table

pytestmark = pytest.mark.django_db

PAGES = {
    "oversight.view_statistics": ["/oversight/statistics/", "/oversight/statistics/export.csv",
                                  "/oversight/statistics/export.xlsx", "/oversight/breaches/",
                                  "/oversight/evaluation/", "/api/statistics", "/api/breaches"],
    "oversight.inspect": ["/oversight/inspection/", "/oversight/inspection/export.zip"],
}


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize("action", sorted(PAGES))
def test_pages_agree_with_the_matrix(client_as, username, action):
    client = client_as(username)
    for url in PAGES[action]:
        response = client.get(url)
        if username in EXPECTED[action]:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
            said = response.json()["detail"] if url.startswith("/api/") else response.content.decode()
            assert str(ACTIONS[action].refusal) in said, url


def test_anonymous_visitors_are_sent_to_login(client):
    for url in PAGES["oversight.view_statistics"][:5] + PAGES["oversight.inspect"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")
    assert client.get("/api/statistics").status_code == 401


def test_a_section_head_sees_only_their_department(client_as, person):
    own = Department.objects.get(name="产业发展科")
    assert visible_departments(person("head")) == {own.pk}
    assert visible_departments(person("leader")) is None
    rows = html_table(client_as("head").get("/oversight/statistics/").content, "statistics-work")
    assert [row[0] for row in rows[1:]] == ["产业发展科", "合计"]
    assert [row["label"] for row in client_as("head").get("/api/statistics").json()["rows"]] == ["产业发展科"]
    other = Department.objects.get(name="市场运行科")
    refused = client_as("head").get(f"/oversight/evaluation/2026/{other.pk}.pdf")
    assert refused.status_code == 403 and "科室负责人只能查看本部门的考评。" in refused.content.decode()
    assert client_as("head").get(f"/oversight/evaluation/2026/{own.pk}.pdf").status_code == 200
    listed = html_table(client_as("head").get("/oversight/evaluation/?year=2026").content, "evaluation")
    assert [row[0] for row in listed[1:]] == ["产业发展科"]


def test_a_bad_period_keeps_what_was_typed(client_as):
    page = client_as("officer").get("/oversight/statistics/?by=channel&start=2026-12-01&end=2026-01-01").content
    text = page.decode()
    assert "起始日期不能晚于截止日期。" in text and 'value="2026-12-01"' in text
    assert 'data-testid="statistics-work"' not in text
    assert "日期格式不对" in client_as("officer").get("/oversight/statistics/?start=2026-13-01").content.decode()
    refused = client_as("officer").get("/oversight/statistics/export.csv?start=2026-12-01&end=2026-01-01")
    assert refused.status_code == 400 and "起始日期不能晚于截止日期。" in refused.content.decode()
    api = client_as("officer").get("/api/statistics?from=2026-12-01&to=2026-01-01")
    assert api.status_code == 400 and api.json() == {"detail": "起始日期不能晚于截止日期。"}
    assert client_as("officer").get("/api/statistics?from=soon").status_code == 422
    assert client_as("officer").get("/api/statistics?by=everyone").status_code == 422
    assert "年度应为四位数字。" in client_as("officer").get("/oversight/evaluation/?year=abc").content.decode()
    assert client_as("officer").get("/oversight/evaluation/1900/1.pdf").status_code == 404


def test_presets_choose_the_period(client_as):
    with time_machine.travel("2026-05-20 10:00 +0800", tick=False):
        client = client_as("officer")
        for preset, period in [("this_month", "2026-05-01 — 2026-05-31"), ("this_quarter", "2026-04-01 — 2026-06-30"),
                               ("this_year", "2026-01-01 — 2026-12-31"), ("last_year", "2025-01-01 — 2025-12-31")]:
            page = client.get(f"/oversight/statistics/?preset={preset}").content.decode()
            start, end = period.split(" — ")
            assert f"统计期间：{period}" in page
            assert f'name="start" value="{start}"' in page and f'name="end" value="{end}"' in page  # shown as chosen
            presets = re.search(r'data-testid="presets">(.*?)</p>', page).group(1)
            assert re.findall(r'<strong class="tag ok">(.*?)</strong>', presets) == [str(PRESETS[preset])]


def test_the_page_reads_at_a_glance_three_narrow_tables_and_charts_on_request(client_as):
    page = client_as("officer").get("/oversight/statistics/?by=department").content
    for slug in ("work", "follow-ups", "findings"):
        header = html_table(page, f"statistics-{slug}")[0]
        assert len(header) <= 9, header  # not twenty columns wrapping one character per line
    assert html_table(page, "statistics-findings")[0][1:4] == ["敏感词", "涉密标识", "个人信息"]
    text = page.decode()
    assert re.search(r'<details class="card" data-testid="bar-charts-box">', text)  # closed until asked for
    assert 'data-testid="monthly-chart"' in text
