"""`sanshen worker`: run background jobs (re-screening, deliveries, scheduled publishing, daily jobs)."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sanshen.daily_jobs import enqueue_due_daily_jobs

DAILY_CHECK_SECONDS = 600


def keep_enqueuing_daily_jobs(stop: threading.Event) -> None:
    """Every ten minutes, enqueue the daily jobs not yet enqueued today (每日任务)."""
    while not stop.is_set():
        close_old_connections()
        enqueue_due_daily_jobs()
        close_old_connections()
        stop.wait(DAILY_CHECK_SECONDS)


class Command(BaseCommand):
    help = "Run the background job worker (django-tasks database backend) and enqueue the daily jobs."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="process the queue once and exit")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--no-daily", action="store_true",
                            help="do not enqueue the daily jobs (reminders, digest, audit chain check)")

    def handle(self, *args, batch=False, interval=1.0, no_daily=False, **options):
        worker_args = ["--interval", str(interval)]
        if batch:
            worker_args.append("--batch")
        stop = threading.Event()
        if not no_daily:
            if batch:
                enqueue_due_daily_jobs()
            else:
                threading.Thread(target=keep_enqueuing_daily_jobs, args=(stop,), daemon=True,
                                 name="daily-jobs").start()
        try:
            call_command("db_worker", *worker_args)
        finally:
            stop.set()
