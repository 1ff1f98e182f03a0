"""Chinese working days (工作日): official holidays and make-up workdays.

Order of authority: the administrators' holiday table (`CalendarDay`), then the chinese-calendar
package (which knows years up to 2026), then plain weekends — with a warning, never a crash.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from django.utils.translation import gettext as _

from .models import CalendarDay


@dataclass(frozen=True)
class WorkingDeadline:
    """A due date counted in working days; `warning` says when the count had to guess."""

    due: date
    warning: str = ""


def _package_verdict(day: date) -> bool | None:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def is_workday(day: date, overrides: dict[date, bool] | None = None) -> tuple[bool, bool]:
    """Return (is it a working day, was the answer known rather than guessed from weekends)."""
    if overrides is None:
        overrides = dict(CalendarDay.objects.filter(date=day).values_list("date", "is_workday"))
    if day in overrides:
        return overrides[day], True
    known = _package_verdict(day)
    if known is not None:
        return known, True
    return day.weekday() < 5, False


def add_working_days(start: date, days: int) -> WorkingDeadline:
    """The date `days` working days after `start` (start itself not counted)."""
    horizon = start + timedelta(days=days * 3 + 30)
    overrides = dict(CalendarDay.objects.filter(date__gt=start, date__lte=horizon).values_list("date", "is_workday"))
    day, counted, guessed = start, 0, False
    while counted < days:
        day += timedelta(days=1)
        workday, known = is_workday(day, overrides)
        guessed = guessed or not known
        counted += workday
    warning = _("%(year)s 年的节假日安排尚未录入，期限按周末推算，请系统管理员补录节假日表。") % {"year": day.year} if guessed else ""
    return WorkingDeadline(due=day, warning=warning)
