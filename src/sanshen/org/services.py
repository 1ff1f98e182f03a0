"""Use cases of the organisation: every change is made here and audited in the same transaction."""

from django.db import transaction
from django.forms import ModelForm
from django.utils.translation import gettext as _

from sanshen.oversight.audit import record

from .models import Department, Person, Pledge, RoleAssignment, TemporaryGrant


class OrgError(Exception):
    """A use case refused: the message is shown to the user as is."""


def _changes(form: ModelForm) -> dict:
    """Old and new values of the fields a form changed."""
    changes = {}
    for name in form.changed_data:
        if name in ("password", "password1", "password2"):
            continue
        old = form.initial.get(name)
        new = form.cleaned_data.get(name)
        changes[name] = {"old": _plain(old), "new": _plain(new)}
    return changes


def _plain(value):
    if hasattr(value, "all") and callable(value.all):
        return sorted(str(v) for v in value.all())
    if isinstance(value, (list, tuple, set)):
        return sorted(str(v.pk if hasattr(v, "pk") else v) for v in value)
    return None if value is None else str(value)


def save_form(form: ModelForm, *, action: str, acting_user: Person, request=None):
    """Save a validated model form and audit what it changed."""
    with transaction.atomic():
        creating = form.instance.pk is None
        obj = form.save()
        record(action, actor=acting_user, obj=obj, request=request,
               details={"created": creating, "changes": _changes(form)})
    return obj


def save_person(form, *, roles: dict[str, list[Department]], acting_user: Person, request=None,
                initial_password: str | None = None) -> Person:
    """Create or update a person with their roles, each scoped to departments (人员与角色)."""
    with transaction.atomic():
        creating = form.instance.pk is None
        person = form.save(commit=False)
        if initial_password:
            person.set_password(initial_password)
            person.must_change_password = True
        person.save()
        form.save_m2m()
        before = {a.role: sorted(d.name for d in a.departments.all()) for a in person.role_assignments.all()}
        set_roles(person, roles)
        after = {role: sorted(d.name for d in depts) for role, depts in roles.items()}
        record("org.person_saved", actor=acting_user, obj=person, request=request,
               details={"created": creating, "changes": _changes(form),
                        "roles": {"old": before, "new": after} if before != after else None})
    return person


def set_roles(person: Person, roles: dict[str, list[Department]]) -> None:
    person.role_assignments.exclude(role__in=roles.keys()).delete()
    for role, departments in roles.items():
        assignment, _created = RoleAssignment.objects.get_or_create(person=person, role=role)
        assignment.departments.set(departments)
    person.forget_roles()


def set_active(person: Person, active: bool, *, acting_user: Person, request=None) -> None:
    if person == acting_user and not active:
        raise OrgError(_("不能停用自己的账号。"))
    with transaction.atomic():
        person.is_active = active
        person.save(update_fields=["is_active"])
        record("org.person_activated" if active else "org.person_deactivated", actor=acting_user, obj=person,
               request=request)


def record_pledge(pledge: Pledge, *, acting_user: Person, request=None) -> Pledge:
    """Record a signed confidentiality pledge (保密承诺书). C5."""
    with transaction.atomic():
        pledge.recorded_by = acting_user
        pledge.save()
        record("org.pledge_recorded", actor=acting_user, obj=pledge, request=request,
               details={"person": pledge.person.username, "signed_on": pledge.signed_on.isoformat()})
    return pledge


def grant_temporary(grant: TemporaryGrant, *, acting_user: Person, request=None) -> TemporaryGrant:
    """Record a temporary grant to operate outside hours or the office network (临时授权)."""
    if grant.ends_at <= grant.starts_at:
        raise OrgError(_("结束时间必须晚于开始时间。"))
    with transaction.atomic():
        grant.granted_by = acting_user
        grant.save()
        record("org.grant_recorded", actor=acting_user, obj=grant, request=request,
               details={"person": grant.person.username, "from": grant.starts_at.isoformat(),
                        "to": grant.ends_at.isoformat(), "reason": grant.reason})
    return grant


def change_password(person: Person, new_password: str, *, request=None) -> None:
    with transaction.atomic():
        person.set_password(new_password)
        person.save()
        record("account.password_changed", actor=person, obj=person, request=request)


def record_otp_enabled(person: Person, *, request=None) -> None:
    record("account.otp_enabled", actor=person, obj=person, request=request)
