"""The daily jobs (每日任务) the worker enqueues by itself: reminders, the breach digest, the audit chain check.

Each is enqueued at most once per local day: before enqueuing, the worker looks for a task result of that
job enqueued today. Scheduled publishing and delivery retries need no clock — they are deferred tasks.
"""

from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def daily_jobs():
    from sanshen.oversight.tasks import check_audit_chain, send_daily_digest
    from sanshen.review.tasks import remind

    return [remind, send_daily_digest, check_audit_chain]


def enqueue_due_daily_jobs(now=None) -> list[str]:
    """Enqueue today's daily jobs that are not enqueued yet; return the paths of those enqueued now."""
    now = now or timezone.now()
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    done_today = set(DBTaskResult.objects.filter(enqueued_at__gte=midnight).values_list("task_path", flat=True))
    enqueued = []
    for job in daily_jobs():
        if job.module_path not in done_today:
            job.enqueue()
            enqueued.append(job.module_path)
    return enqueued
