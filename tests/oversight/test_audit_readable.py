"""The audit log reads as people speak (操作日志): names not usernames, each step by its Chinese name,
details in words — no Python dicts, True/None or full content fingerprints."""

import re

import pytest

from sanshen.content.models import Item
from sanshen.review.services import decide

pytestmark = pytest.mark.django_db


def test_the_audit_log_names_people_steps_and_details_in_words(client_as, person):
    waiting = Item.objects.get(title="全市中小企业数字化转型培训班开班")
    decide(waiting, person("head"), verdict="reject", opinion="数据须注明来源。")
    page = client_as("chief").get("/oversight/audit/").content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if "审核意见：数据须注明来源" in r)
    assert "王科长" in row and "审核签字" in row and "review.decision_signed" not in re.sub(r'title="[^"]*"', "", row)
    assert "意见：退回" in row and "审核意见：数据须注明来源。" in row and "已校对：否" in row
    details = " ".join(re.findall(r'data-testid="audit-details">(.*?)</td>', page, re.S))
    assert not re.search(r"[{}]|\bTrue\b|\bFalse\b|\bNone\b|[0-9a-f]{64}", details)


def test_the_inspection_page_lists_entries_the_same_way(client_as):
    page = client_as("chief").get("/oversight/inspection/").content.decode()
    details = " ".join(re.findall(r'data-testid="audit-details">(.*?)</td>', page, re.S))
    assert details and not re.search(r"[{}]|\bTrue\b|\bFalse\b|\bNone\b|[0-9a-f]{64}", details)
