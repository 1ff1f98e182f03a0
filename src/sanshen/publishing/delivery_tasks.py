"""Background jobs of delivery (推送): one attempt of one delivery, and a pass over all that are due."""

from django_tasks import task

from .adapters import services


@task()
def attempt_delivery(delivery_id: int) -> str | None:
    """Attempt one delivery if it is due; returns its status afterwards (None when it was not due)."""
    delivery = services.attempt(delivery_id)
    return delivery.status if delivery else None


@task()
def deliver_due() -> dict:
    """Attempt every due delivery once (what `sanshen deliver` does)."""
    result = services.attempt_due()
    return {"delivered": result.delivered, "failed": result.failed, "waiting": result.waiting}
