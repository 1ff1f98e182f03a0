"""`sanshen backup [--output PATH]`: the whole database and the uploaded files in one checked archive (备份)."""

from django.core.management.base import BaseCommand, CommandError

from sanshen.backup.services import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz with SHA-256 checksums (备份)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="archive to write (default: SANSHEN_VAR_DIR/backups/"
                                                   "sanshen-YYYYmmdd-HHMMSS.tar.gz)")

    def handle(self, *args, output=None, **options):
        try:
            path = create_backup(output, progress=self.stderr.write)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(str(path))
