"""`sanshen lexicon import FILE --as ADMIN` and `sanshen lexicon export [-o FILE]`: the lexicon from the shell."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sanshen.lexicons.exporting import export_text
from sanshen.lexicons.importing import ImportRefused, parse_import, read_file_text
from sanshen.lexicons.services import import_entries
from sanshen.org.models import Person
from sanshen.org.permissions import reason_to_prevent


class Command(BaseCommand):
    help = ("Import a lexicon file (word or word<TAB>category<TAB>severity[<TAB>suggestion[<TAB>note]], UTF-8 or "
            "GB18030) as one new rule version, or export the enabled entries in the same format.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        imp = sub.add_parser("import", help="import FILE as one change set (all or nothing)")
        imp.add_argument("path")
        imp.add_argument("--as", dest="username", required=True, help="the administrator who makes the change")
        imp.add_argument("--note", default="", help="the 关键词提醒 text sent to staff")
        exp = sub.add_parser("export", help="write the enabled entries")
        exp.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, what, **options):
        if what == "export":
            text = export_text()
            if options["output"]:
                Path(options["output"]).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text, ending="")
            return
        person = Person.objects.filter(username=options["username"]).first()
        if person is None:
            raise CommandError(f"unknown user {options['username']!r}")
        reason = reason_to_prevent("lexicons.manage", person)
        if reason:
            raise CommandError(reason)
        try:
            lines = parse_import(read_file_text(options["path"]))
        except ImportRefused as exc:
            raise CommandError("nothing imported: " + "; ".join(exc.problems)) from None
        version = import_entries(person, lines, announcement=options["note"])
        if version is None:
            self.stdout.write(f"{len(lines)} entries, all already in the lexicon: no new version")
        else:
            self.stdout.write(f"{version.pk}: {version.added} added or enabled, {version.changed} changed "
                              f"(rules {version.ruleset_hash})")
