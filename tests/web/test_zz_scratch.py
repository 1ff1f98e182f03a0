import collections, os, re
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.web.test_page_costs import more, DASHBOARD_ROLES, PAGES  # noqa
import pytest
pytestmark = pytest.mark.django_db

def shapes(client, url):
    with CaptureQueriesContext(connection) as c:
        client.get(url)
    return collections.Counter(re.sub(r"\b\d+\b|'[^']*'", "N", q["sql"])[:300] for q in c.captured_queries)

def test_scratch(client_as, more):
    pages = [tuple(p.split(" ", 1)) for p in os.environ["PAGES"].split(";")]
    more(2)
    before = {p: shapes(client_as(p[0]), p[1]) for p in pages}
    more(int(os.environ.get("N", "5")))
    for p in pages:
        after = shapes(client_as(p[0]), p[1])
        print("\n=====", p, sum(before[p].values()), sum(after.values()))
        for q, n in after.items():
            if n > before[p].get(q, 0):
                print(before[p].get(q, 0), "->", n, q)
