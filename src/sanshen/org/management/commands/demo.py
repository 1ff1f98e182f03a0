"""`sanshen demo [--password PASSWORD] [--if-empty]`: load the demo organisation and print its logins."""

from django.core.management.base import BaseCommand, CommandError

from sanshen.org.demo import BUREAU, DEMO_PEOPLE, DemoError, load_demo
from sanshen.org.models import Person


class Command(BaseCommand):
    help = "Load the demo organisation (演示单位) with one login per role, and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="one policy-compliant password for every demo login")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when people already exist")

    def handle(self, *args, password=None, if_empty=False, **options):
        if if_empty and Person.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has people. "
                              "Run `sanshen demo` to reset the demo logins' passwords.")
            return
        try:
            logins = load_demo(password)
        except DemoError as error:
            raise CommandError(f"password refused: {error}", returncode=2) from None
        labels = {spec.username: "、".join(str(role.label) for role in spec.roles) for spec in DEMO_PEOPLE}
        self.stdout.write(f"演示单位 {BUREAU} 已就绪。登录（密码只显示这一次）：")
        for username, secret in logins.items():
            self.stdout.write(f"  {username:<13} {secret:<16} {labels[username]}")
        self.stdout.write("admin 首次登录须启用动态口令（TOTP）。")
