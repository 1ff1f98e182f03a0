"""`sanshen worker`: run background jobs (re-screening, reminders, scheduled publishing)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background job worker (django-tasks database backend)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="process the queue once and exit")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args, batch=False, interval=1.0, **options):
        worker_args = ["--interval", str(interval)]
        if batch:
            worker_args.append("--batch")
        call_command("db_worker", *worker_args)
