"""The publishing panels of the dashboard (工作台): what waits to go out, what is late, which 回头看 are owed."""

from django.utils import timezone

from sanshen.org.permissions import can

from .models import FollowUp
from .queries import awaiting_publication
from .timeliness import timeliness, unpublished_due_soon

PANEL_LIMIT = 5


def dashboard_panels(person) -> dict:
    panels = {}
    if can(person, "publishing.publish"):
        panels["awaiting_publication"] = list(awaiting_publication())
        panels["late_items"] = [{"item": item, "timeliness": timeliness(item)}
                                for item in unpublished_due_soon()[:PANEL_LIMIT]]
    if can(person, "publishing.answer_follow_up", None) and person.department_id:
        owed = FollowUp.objects.filter(department=person.department_id, answered_at__isnull=True).select_related("item")
        today = timezone.localdate()
        panels["owed_follow_ups"] = [{"follow_up": f, "overdue": f.due_on < today} for f in owed.order_by("due_on")]
    return panels
