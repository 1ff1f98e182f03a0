"""The demo organisation (演示单位): a city bureau, its sections, and one person per role."""

import secrets
import string
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.db import transaction
from django.utils import timezone

from sanshen.content.demo import load_demo_content
from sanshen.events.demo import load_demo_events
from sanshen.publishing.demo import load_demo_publications
from sanshen.oversight.audit import record

from .models import Department, Person, Pledge, Role
from .services import set_roles

BUREAU = "江城市工业和信息化局"
OFFICE, COORDINATION, INDUSTRY, MARKET = "办公室", "综合协调科", "产业发展科", "市场运行科"
MEMBER_UNIT = "江城市软件行业协会（会员单位）"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    department: str
    roles: dict[str, tuple[str, ...]]
    pledge: bool


DEMO_PEOPLE = [
    DemoPerson("editor", "张采编", INDUSTRY, {Role.EDITOR: (INDUSTRY,)}, True),
    DemoPerson("editor2", "李采编", MARKET, {Role.EDITOR: (MARKET,)}, False),
    DemoPerson("head", "王科长", INDUSTRY, {Role.SECTION_HEAD: (INDUSTRY,)}, True),
    DemoPerson("leader", "赵副局长", OFFICE, {Role.LEADER: (INDUSTRY, MARKET)}, True),
    DemoPerson("chief", "陈局长", OFFICE, {Role.MAIN_LEADER: (OFFICE, COORDINATION, INDUSTRY, MARKET)}, True),
    DemoPerson("officer", "刘专管员", OFFICE, {Role.OFFICER: (OFFICE, COORDINATION, INDUSTRY, MARKET)}, True),
    DemoPerson("spokesperson", "周发言人", OFFICE, {Role.SPOKESPERSON: (OFFICE,)}, True),
    DemoPerson("secrecy", "吴保密员", COORDINATION, {Role.SECRECY: (OFFICE, COORDINATION, INDUSTRY, MARKET)}, True),
    DemoPerson("admin", "孙管理员", OFFICE, {Role.ADMIN: (OFFICE,)}, True),
    DemoPerson("member", "钱联络员", MEMBER_UNIT, {Role.MEMBER: (MEMBER_UNIT,)}, False),
]


class DemoError(Exception):
    """The demo could not be loaded as asked (e.g. the given password breaks the policy)."""


def generate_password() -> str:
    """A random password that satisfies every rule of the policy."""
    alphabet = string.ascii_letters + string.digits
    core = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{core[:5]}-{secrets.randbelow(90) + 10}{core[5:]}#"


def check_password_for_all(password: str) -> None:
    for spec in DEMO_PEOPLE:
        try:
            password_validation.validate_password(password, Person(username=spec.username, full_name=spec.full_name))
        except password_validation.ValidationError as error:
            raise DemoError(f"{spec.username}: {' '.join(error.messages)}") from None


def load_demo(password: str | None = None) -> dict[str, str]:
    """Create (or reset) the demo organisation; return each demo login with its password."""
    if password is not None:
        check_password_for_all(password)
    logins = {}
    with transaction.atomic():
        bureau, _ = Department.objects.get_or_create(name=BUREAU)
        departments = {}
        for name in (OFFICE, COORDINATION, INDUSTRY, MARKET):
            departments[name], _ = Department.objects.get_or_create(name=name, defaults={"parent": bureau})
        departments[MEMBER_UNIT], _ = Department.objects.get_or_create(
            name=MEMBER_UNIT, defaults={"kind": Department.Kind.MEMBER_UNIT})
        admin = None
        for spec in DEMO_PEOPLE:
            person, _ = Person.objects.get_or_create(username=spec.username)
            person.full_name = spec.full_name
            person.department = departments[spec.department]
            person.is_active = True
            person.is_staff = person.is_superuser = Role.ADMIN in spec.roles
            logins[spec.username] = password or generate_password()
            person.set_password(logins[spec.username])
            person.save()
            set_roles(person, {role: [departments[d] for d in scope] for role, scope in spec.roles.items()})
            if Role.ADMIN in spec.roles:
                admin = person
        for spec in DEMO_PEOPLE:
            person = Person.objects.get(username=spec.username)
            if spec.pledge and not person.pledges.exists():
                Pledge.objects.create(person=person, signed_on=timezone.localdate(), recorded_by=admin,
                                      note="演示数据")
        people = {p.username: p for p in Person.objects.filter(username__in=logins)}
        load_demo_content(people)
        load_demo_publications(people)
        load_demo_events(people)
        record("org.demo_loaded", actor=admin, details={"bureau": BUREAU, "people": sorted(logins)})
    return logins
