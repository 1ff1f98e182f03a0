"""Timeliness (P5): out no later than the 3rd day after the event; late and at-risk items are flagged."""

from datetime import date

import pytest
from django.urls import reverse

from sanshen.publishing import services
from sanshen.publishing.timeliness import timeliness

from .conftest import channels, from_address

pytestmark = pytest.mark.django_db


def test_published_within_three_days_is_on_time_and_later_is_late(office_hours, approved, person):
    on_time = approved(title="按时", names=("要闻动态",), event_date=date(2026, 11, 22))
    late = approved(title="逾期", names=("要闻动态",), event_date=date(2026, 11, 21))
    for item in (on_time, late):
        services.publish(item, person("officer"), channels("要闻动态"), request=from_address())
    assert timeliness(on_time).state == "on_time" and timeliness(on_time).due == date(2026, 11, 25)
    assert timeliness(late).state == "late"


def test_unpublished_items_are_flagged_at_risk_then_overdue_on_the_overview(office_hours, approved, client_as):
    at_risk = approved(title="即将超期的会议稿", names=("要闻动态",), event_date=date(2026, 11, 23))
    overdue = approved(title="已超期的会议稿", names=("要闻动态",), event_date=date(2026, 11, 20))
    relaxed = approved(title="时间充裕的会议稿", names=("要闻动态",), event_date=date(2026, 11, 24))
    assert timeliness(at_risk).state == "at_risk" and timeliness(overdue).state == "overdue"
    assert timeliness(relaxed).state == "open"
    page = client_as("officer").get(reverse("publishing:overview")).content.decode()
    late_section = page.split('data-testid="late"')[1].split("</table>")[0]
    assert "即将超期的会议稿" in late_section and "已超期的会议稿" in late_section
    assert "时间充裕的会议稿" not in late_section


def test_items_without_an_event_date_have_no_deadline(approved):
    assert timeliness(approved()) is None
