"""Background jobs of publishing (定时发布)."""

from django_tasks import task

from . import services


@task()
def publish_due() -> int:
    """Put scheduled publications whose time has come online; returns how many went live."""
    return services.publish_due()
