"""Working days on the Chinese calendar, working hours, office networks and temporary grants (P3)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sanshen.org.models import CalendarDay, TemporaryGrant
from sanshen.org.workdays import add_working_days, is_workday
from sanshen.org.worktime import operation_refusal

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def test_national_day_is_a_holiday_and_its_makeup_saturday_a_workday():
    assert is_workday(date(2025, 10, 1)) == (False, True)
    assert is_workday(date(2025, 9, 28)) == (True, True)  # 调休上班 (a Sunday)


def test_seven_working_days_skip_the_national_day_week():
    # Thursday 2025-09-25: the 26th, 28th (make-up Sunday), 29th, 30th, then 10-09 ... after the holiday
    deadline = add_working_days(date(2025, 9, 25), 7)
    assert deadline.due == date(2025, 10, 11)  # 26, 28, 29, 30, 9, 10, 11 (10-11 is a make-up Saturday)
    assert deadline.warning == ""


def test_years_the_package_does_not_know_fall_back_to_weekends_with_a_warning():
    deadline = add_working_days(date(2027, 3, 1), 7)
    assert deadline.due == date(2027, 3, 10)
    assert "2027" in deadline.warning


def test_the_administrators_table_overrides_and_extends_the_calendar():
    CalendarDay.objects.create(date=date(2027, 3, 2), is_workday=False, name="示例假日")
    CalendarDay.objects.create(date=date(2027, 3, 3), is_workday=False, name="示例假日")
    assert add_working_days(date(2027, 3, 1), 7).due == date(2027, 3, 12)
    CalendarDay.objects.create(date=date(2027, 3, 6), is_workday=True, name="示例调休")
    assert add_working_days(date(2027, 3, 1), 7).due == date(2027, 3, 11)


def test_within_hours_and_from_the_office_nobody_is_refused(person):
    assert operation_refusal(person("officer"), address="10.1.2.3", moment=at(2025, 11, 26, 10, 0)) is None


def test_evenings_weekends_and_holidays_are_refused(person):
    officer = person("officer")
    assert "不是工作时间" in operation_refusal(officer, address="10.1.2.3", moment=at(2025, 11, 26, 20, 0))
    assert "不是工作时间" in operation_refusal(officer, address="10.1.2.3", moment=at(2025, 11, 29, 10, 0))
    assert "不是工作时间" in operation_refusal(officer, address="10.1.2.3", moment=at(2025, 10, 2, 10, 0))


def test_outside_addresses_are_refused(person):
    reason = operation_refusal(person("officer"), address="203.0.113.9", moment=at(2025, 11, 26, 10, 0))
    assert "不在办公网络内" in reason and "203.0.113.9" in reason


def test_a_temporary_grant_opens_exactly_its_window(person):
    officer, leader = person("officer"), person("leader")
    TemporaryGrant.objects.create(person=officer, granted_by=leader, starts_at=at(2025, 11, 29, 9, 0),
                                  ends_at=at(2025, 11, 29, 12, 0), reason="周末发布应急通告")
    assert operation_refusal(officer, address="203.0.113.9", moment=at(2025, 11, 29, 10, 0)) is None
    assert operation_refusal(officer, address="203.0.113.9", moment=at(2025, 11, 29, 12, 0))
    assert operation_refusal(person("editor"), address="10.0.0.1", moment=at(2025, 11, 29, 10, 0))


def test_grant_page_refuses_an_end_before_the_start_and_keeps_the_form(client_as, person):
    response = client_as("leader").post("/org/grants/", {
        "person": person("officer").pk, "starts_at": "2026-12-01T18:00", "ends_at": "2026-12-01T09:00",
        "reason": "夜间发布"})
    page = response.content.decode()
    assert "结束时间必须晚于开始时间" in page and "夜间发布" in page
    assert not TemporaryGrant.objects.filter(reason="夜间发布").exists()


def test_grant_page_records_who_granted(client_as, person):
    client_as("leader").post("/org/grants/", {
        "person": person("officer").pk, "starts_at": "2026-12-01T18:00", "ends_at": "2026-12-01T21:00",
        "reason": "夜间发布"})
    grant = TemporaryGrant.objects.get(reason="夜间发布")
    assert grant.granted_by == person("leader") and grant.person == person("officer")


def test_worktime_page_rejects_bad_network_ranges(client_as):
    response = client_as("admin").post("/org/worktime/", {
        "workday_start": "08:30", "workday_end": "17:30", "office_networks": "10.0.0.0/8\n300.1.1.1/24"})
    page = response.content.decode()
    assert "“300.1.1.1/24”不是有效的 IP 地址段" in page and "10.0.0.0/8" in page
