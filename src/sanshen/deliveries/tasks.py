"""Background jobs of delivery (推送): one attempt of one delivery, enqueued at creation and for each retry.

`sanshen deliver` (from cron) makes a pass over everything due, which also picks up an attempt whose worker died.
"""

from django_tasks import task

from . import services


@task()
def attempt_delivery(delivery_id: int) -> str | None:
    """Attempt one delivery if it is due; returns its status afterwards (None when it was not due)."""
    delivery = services.attempt(delivery_id)
    return delivery.status if delivery else None

