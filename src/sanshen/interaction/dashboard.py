"""The interactive column's panels of the dashboard (工作台): what the office must moderate, publish or chase,
and what the person's department owes, overdue ones flagged."""

from django.utils import timezone

from sanshen.org.models import Role
from sanshen.org.permissions import can, message_departments

from .models import Message
from .queries import overdue, visible_to, with_overdue_flag

PANEL_LIMIT = 5


def dashboard_panels(person) -> dict:
    panels = {}
    today = timezone.localdate()
    if can(person, "interaction.moderate"):
        messages = visible_to(person)
        panels["messages_office"] = {
            "new": messages.filter(status=Message.Status.NEW).count(),
            "to_publish": messages.filter(status=Message.Status.APPROVED).count(),
            "overdue": list(overdue(messages, today).order_by("due_on")),
        }
    if person.has_role(Role.EDITOR, Role.SECTION_HEAD):
        departments = message_departments(person, Role.EDITOR, Role.SECTION_HEAD)
        owed = Message.objects.filter(department_id__in=departments,
                                      status__in=[Message.Status.ROUTED, Message.Status.ANSWERED])
        panels["messages_owed"] = with_overdue_flag(owed.select_related("department").order_by("due_on"), today)
    return panels
