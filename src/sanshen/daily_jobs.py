"""The daily jobs (每日任务) the workers enqueue by themselves: reminders, the breach digest, the audit chain check.

Each is enqueued at most once per local day, however many workers look at once: a worker claims the job's
`DailyJobRun` row for the day and enqueues it in the same transaction; a worker that finds the row taken
leaves the job alone. Scheduled publishing and delivery retries need no clock — they are deferred tasks.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from sanshen.web.models import DailyJobRun


def daily_jobs():
    from sanshen.oversight.tasks import check_audit_chain, send_daily_digest
    from sanshen.review.tasks import remind

    return [remind, send_daily_digest, check_audit_chain]


def enqueue_due_daily_jobs(now=None) -> list[str]:
    """Enqueue today's daily jobs that are not enqueued yet; return the paths of those enqueued now."""
    today = timezone.localdate(now or timezone.now())
    enqueued = []
    for job in daily_jobs():
        try:
            with transaction.atomic():
                DailyJobRun.objects.create(job=job.module_path, day=today)
                job.enqueue()
        except IntegrityError:
            continue  # another worker claimed it today
        enqueued.append(job.module_path)
    return enqueued
