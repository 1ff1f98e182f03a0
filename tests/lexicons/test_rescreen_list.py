"""The re-screening runs page (复查任务) comes a page at a time and costs the same queries however many runs there are."""

import re

import pytest

from sanshen.lexicons.models import RescreenRun, RuleSetVersion
from tests.page_costs import queries

pytestmark = pytest.mark.django_db

URL = "/lexicons/rescreens/"


def add_runs(person, n: int) -> None:
    """`n` finished runs, each of its own version and started by someone (what each row shows)."""
    people = [person(name) for name in ("admin", "officer")]
    for i in range(n):
        starter = people[i % 2]
        version = RuleSetVersion.objects.create(ruleset_hash=f"{i:032x}", created_by=starter)
        RescreenRun.objects.create(version=version, started_by=starter, status=RescreenRun.Status.DONE)


def run_numbers(html: str) -> list[str]:
    table = html.split('data-testid="runs"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'href="/lexicons/rescreens/(\d+)/"', table)


def test_more_runs_cost_no_more_queries_and_come_a_page_at_a_time(client_as, person):
    client = client_as("admin")
    add_runs(person, 3)
    before = queries(client, URL)
    add_runs(person, 40)
    assert queries(client, URL) <= before
    first, second, third = (client.get(f"{URL}?page={n}").content.decode() for n in (1, 2, 3))
    shown = run_numbers(first) + run_numbers(second) + run_numbers(third)
    assert len(run_numbers(first)) == 20 and "下一页" in first and "1 / 3" in first
    assert len(shown) == len(set(shown)) == RescreenRun.objects.count() == 43
    assert shown[0] == str(RescreenRun.objects.order_by("-id").first().pk)  # newest first
