"""`sanshen rescreen`: re-screen every live published item with the rules in force, printing progress."""

from django.core.management.base import BaseCommand, CommandError

from sanshen.lexicons.models import RescreenRun
from sanshen.lexicons.rescreen import BATCH, OPEN, run_rescreen, start_rescreen


class Command(BaseCommand):
    help = ("Re-screen every live published revision with the current rules and flag new blocking findings "
            "(已发布信息复查). --resume continues the newest unfinished run (after a crash).")

    def add_arguments(self, parser):
        parser.add_argument("--resume", action="store_true", help="continue the newest unfinished run")
        parser.add_argument("--batch", type=int, default=BATCH, help=f"revisions per batch (default {BATCH})")

    def handle(self, *args, resume=False, batch=BATCH, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        if resume:
            run = RescreenRun.objects.filter(status__in=OPEN).first()
            if run is None:
                raise CommandError("no unfinished re-screening run to resume")
        else:
            run = start_rescreen(background=False)
        self.stdout.write(f"re-screening run #{run.pk}")
        shown = [-1]

        def progress(current: RescreenRun) -> None:
            if current.percent != shown[0] or current.done == current.total:
                shown[0] = current.percent
                self.stdout.write(f"  {current.done}/{current.total} ({current.percent}%), "
                                  f"{current.flagged} flagged")

        run = run_rescreen(run.pk, batch_size=batch, progress=progress)
        self.stdout.write(f"run #{run.pk} {run.status}: {run.done}/{run.total} revisions re-screened, "
                          f"{run.flagged} with new blocking findings")
        if run.status != RescreenRun.Status.DONE:
            self.stdout.write("some revisions are still held by another worker; it will finish the run")
