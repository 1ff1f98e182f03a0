"""Background jobs of review."""

from django_tasks import task

from .reminders import send_reminders


@task()
def remind() -> dict:
    """Send the daily reminders (催办提醒): stages owed after emergency approvals, overdue secrecy determinations."""
    return send_reminders()
