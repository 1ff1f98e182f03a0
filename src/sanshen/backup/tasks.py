"""Background jobs of backup (数据备份)."""

from django_tasks import task

from .services import create_backup


@task()
def make_backup(person_id: int | None = None) -> str:
    """Make a backup in the background (立即备份), recorded as made by `person_id`; returns the archive's name."""
    from sanshen.org.models import Person

    actor = Person.objects.filter(pk=person_id).first() if person_id else None
    return create_backup(actor=actor).name
