"""`sanshen remind`: send the daily reminders; run it once a day (e.g. from cron)."""

from django.core.management.base import BaseCommand

from sanshen.review.reminders import send_reminders


class Command(BaseCommand):
    help = ("Remind reviewers of stages still owed after an emergency approval and of overdue secrecy "
            "determinations, at most once a day per person and item (催办提醒). Run daily.")

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sum(sent.values())} reminders sent ({sent['emergency']} emergency completions, "
                          f"{sent['secrecy']} overdue secrecy determinations)")
