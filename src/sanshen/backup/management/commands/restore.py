"""`sanshen restore PATH`: check a backup's checksums, then restore it into an empty installation (恢复)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from sanshen.backup.services import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restore a backup made by `sanshen backup` into an empty installation: verify checksums, migrate, "
            "load, restore files, reset sequences, verify the audit chain (恢复).")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .tar.gz written by `sanshen backup`")

    def handle(self, *args, path, **options):
        try:
            verdict = restore_backup(path, progress=self.stderr.write)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        if verdict.ok:
            self.stdout.write(f"OK: restored; audit chain intact ({verdict.entries} entries)")
            return
        self.stderr.write(f"restored, but the audit chain is BROKEN at entry {verdict.bad_seq}: {verdict.reason}")
        sys.exit(1)
