"""The events panel of the dashboard (工作台): events waiting for this person's approval or filing."""

from django.utils import timezone

from sanshen.org.permissions import can

from .models import Event


def dashboard_panels(person) -> dict:
    upcoming = (Event.objects.filter(starts_at__gt=timezone.now()).select_related("organiser")
                .prefetch_related("speakers").order_by("starts_at"))
    waiting = [e for e in upcoming.filter(status=Event.Status.SUBMITTED) if can(person, "events.approve", e)]
    to_file = [e for e in upcoming.filter(status=Event.Status.APPROVED, filed_on__isnull=True)
               if can(person, "events.file", e)]
    if not (waiting or to_file):
        return {}
    return {"events_to_approve": waiting, "events_to_file": to_file, "events_count": len(waiting) + len(to_file)}
