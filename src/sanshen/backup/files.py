"""The backups on this installation's disk (备份文件), the one being made, and asking the worker for one."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from sanshen.content.services import ContentError
from sanshen.core import jobs
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record

BACKUP_TASK = "sanshen.backup.tasks.make_backup"


def backup_dir() -> Path:
    return Path(settings.VAR_DIR) / "backups"


@dataclass(frozen=True)
class BackupFile:
    name: str
    size: int
    made_at: datetime
    sha256: str  # from the .sha256 file written beside the archive; "" when it is missing

    @property
    def path(self) -> Path:
        return backup_dir() / self.name


def backup_files() -> list[BackupFile]:
    """Finished archives, newest first."""
    folder = backup_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.tar.gz"):
        checksum = path.with_name(path.name + ".sha256")
        sha = checksum.read_text(encoding="utf-8").split()[0] if checksum.is_file() else ""
        stat = path.stat()
        found.append(BackupFile(path.name, stat.st_size,
                                datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone()), sha))
    return sorted(found, key=lambda f: f.made_at, reverse=True)


def backup_named(name: str) -> BackupFile | None:
    """The archive called exactly `name` among the listed ones (never a path outside the backup folder)."""
    return next((f for f in backup_files() if f.name == name), None)


def backup_in_progress() -> DBTaskResult | None:
    """The backup waiting for or running in the worker, if any."""
    return DBTaskResult.objects.filter(task_path=BACKUP_TASK, status__in=["READY", "RUNNING"]).order_by(
        "enqueued_at").first()


def request_backup(person, *, request=None) -> None:
    """Ask the worker for a backup now (立即备份); one at a time."""
    reason = reason_to_prevent("oversight.manage_backups", person) or (
        _("已有一个备份正在进行，请稍候。") if backup_in_progress() else None)
    if reason:
        raise ContentError(reason)
    with transaction.atomic():
        record("oversight.backup_requested", actor=person, request=request)
        transaction.on_commit(lambda: jobs.enqueue(BACKUP_TASK, person.pk))
