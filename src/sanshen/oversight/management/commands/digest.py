"""`sanshen digest`: send today's digest of breaches (超期未更新日报); run it once a day (e.g. from cron)."""

from django.core.management.base import BaseCommand

from sanshen.oversight.digest import send_digest


class Command(BaseCommand):
    help = ("Tell the office about every column, account or other item past its update threshold, and each "
            "responsible person about theirs; at most once a day (超期未更新日报). Run daily.")

    def handle(self, *args, **options):
        result = send_digest()
        if not result.sent:
            self.stdout.write(f"{result.day}: already sent today ({result.breaches} breaches, "
                              f"{result.recipients} people); nothing sent")
            return
        self.stdout.write(f"{result.day}: {result.breaches} breaches, {result.recipients} people notified")
