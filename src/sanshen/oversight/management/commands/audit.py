"""`sanshen audit verify` and `sanshen audit export [--output FILE]`."""

import sys

from django.core.management.base import BaseCommand, CommandError

from sanshen.oversight.audit import export_csv, verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain, or export it as CSV (操作日志校验与导出)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("verify", help="check the chain; exit 1 naming the first bad entry")
        export = sub.add_parser("export", help="write the log as CSV")
        export.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")

    def handle(self, *args, verb, **options):
        if verb == "verify":
            verdict = verify_chain()
            if verdict.ok:
                self.stdout.write(f"OK: {verdict.entries} entries, chain intact")
                return
            self.stderr.write(f"BROKEN at entry {verdict.bad_seq}: {verdict.reason}")
            sys.exit(1)
        output = options["output"]
        if output == "-":
            count = export_csv(self.stdout)
        else:
            try:
                with open(output, "w", newline="", encoding="utf-8-sig") as fh:
                    count = export_csv(fh)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror}", returncode=2) from None
            self.stderr.write(f"{count} entries written to {output}")
