"""Due dates in working days across the National Day holiday, and the overdue flag on the pages and dashboards."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from sanshen.interaction import services
from sanshen.interaction.models import Message

from .conftest import SHANGHAI, department

pytestmark = pytest.mark.django_db


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def before_the_holiday(leave, person):
    """Routed on Wednesday 30 September 2026: 1–7 October are holidays, Saturday 10 October a make-up workday."""
    with at(date(2026, 9, 30)):
        return services.accept(leave(), person("officer"), department=department())


def test_five_working_days_skip_the_holiday_and_count_the_make_up_day(before_the_holiday):
    assert before_the_holiday.due_on == date(2026, 10, 13)  # 8, 9, 10 (Sat, make-up), 12, 13 October
    assert before_the_holiday.due_warning == ""


def test_not_overdue_on_the_due_date_overdue_the_day_after(before_the_holiday, client_as):
    message = before_the_holiday
    for day, expected in ((date(2026, 10, 8), False), (date(2026, 10, 13), False), (date(2026, 10, 14), True)):
        with at(day):
            assert message.is_overdue() is expected
            officer_page = client_as("officer").get(reverse("dashboard")).content.decode()
            editor_page = client_as("editor").get(reverse("dashboard")).content.decode()
            detail = client_as("head").get(reverse("interaction:detail", args=[message.pk])).content.decode()
            listed = client_as("officer").get(reverse("interaction:list") + "?overdue=on").content.decode()
            assert ('data-testid="messages-overdue"' in officer_page) is expected
            assert (message.subject in listed) is expected
            assert ('data-testid="overdue"' in detail) is expected
            assert message.subject in editor_page and ("已超期" in editor_page) is expected


def test_a_published_answer_is_no_longer_overdue(before_the_holiday, person):
    message = services.submit_answer(before_the_holiday, person("editor"), text="已办理。")
    message = services.approve_answer(message, person("head"))
    with at(date(2026, 10, 14)):
        assert message.is_overdue()
        message.status = Message.Status.PUBLISHED
        assert not message.is_overdue()


def test_another_department_s_dashboard_does_not_show_it(before_the_holiday, client_as):
    with at(date(2026, 10, 14)):
        assert before_the_holiday.subject not in client_as("editor2").get(reverse("dashboard")).content.decode()


def test_an_overdue_message_is_a_breach_on_the_oversight_page_and_for_the_section_head(before_the_holiday, client_as,
                                                                                         person):
    from sanshen.statistics.thresholds import breaches

    with at(date(2026, 10, 13)):
        assert before_the_holiday.subject not in {b.subject for b in breaches()}
    with at(date(2026, 10, 15)):
        breach, = [b for b in breaches() if b.subject == before_the_holiday.subject]
        assert "已超期 2 天未答复" in breach.text and person("head").pk in breach.responsible_ids
        page = client_as("officer").get(reverse("statistics:breaches")).content.decode()
        assert "网上留言“技术改造项目申报咨询”" in page
