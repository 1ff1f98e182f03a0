"""Which messages a person sees, and which are overdue (超期) — for the pages, the dashboard and the API."""

from django.db.models import QuerySet
from django.utils import timezone

from sanshen.org.models import Role
from sanshen.org.permissions import message_departments, sees_all_messages

from .models import Message


def visible_to(person) -> QuerySet:
    """Every message for the office; for others, those routed to their departments (as `may_see_message`)."""
    messages = Message.objects.select_related("department", "answered_by")
    if sees_all_messages(person):
        return messages
    return messages.filter(department_id__in=message_departments(person, *Role.values) | {person.department_id})


def overdue(messages: QuerySet, today=None) -> QuerySet:
    """Routed, not yet answered in public, and past the due date."""
    return messages.filter(status__in=Message.OPEN, due_on__lt=today or timezone.localdate())


def with_overdue_flag(messages, today=None) -> list[dict]:
    today = today or timezone.localdate()
    return [{"message": m, "overdue": m.is_overdue(today)} for m in messages]
