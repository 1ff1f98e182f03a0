"""`sanshen deliver`: attempt the deliveries that are due once (推送), e.g. from cron next to `sanshen worker`."""

from django.core.management.base import BaseCommand

from sanshen.deliveries import services


class Command(BaseCommand):
    help = ("Attempt once every delivery (webhook push) whose time has come, first tries and retries alike. "
            "--retry-failed also retries deliveries that ran out of automatic retries.")

    def add_arguments(self, parser):
        parser.add_argument("--retry-failed", action="store_true",
                            help="make failed deliveries that stopped retrying due again first (audited)")

    def handle(self, *args, retry_failed=False, **options):
        if retry_failed:
            reopened = services.reopen_exhausted()
            self.stdout.write(f"{reopened} failed deliveries made due again")

        def progress(delivery):
            publication = delivery.publication
            line = f"#{delivery.pk} {delivery.action} → {publication.channel.name}: {delivery.status}"
            if delivery.last_error:
                line += f" ({delivery.last_error})"
            self.stdout.write(line)

        result = services.attempt_due(progress=progress)
        self.stdout.write(f"{result.delivered} delivered, {result.failed} failed, "
                          f"{result.waiting} waiting to be posted by hand")
