"""Changing the lexicons (词库维护): each change set is a new rule-set version — recorded, audited,
announced to staff (关键词提醒, 002§18) and followed by re-screening what is published. S4.

Entries and allow-list phrases are never deleted: disabling them is the deletion, so every version
can still say what it contained.
"""

from dataclasses import dataclass, fields

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.org.models import Person, Role
from sanshen.oversight.audit import record
from sanshen.screening.ruleset import RuleSet
from sanshen.web.notify import notify

from .importing import ImportLine
from .models import AllowPhrase, LexiconChange, LexiconEntry, RuleSetVersion
from .rescreen import start_rescreen
from .ruleset import build_ruleset

STAFF_ROLES = [r for r in Role.values if r != Role.MEMBER]
SHOWN_IN_AUDIT = 20


class LexiconError(Exception):
    """A refused lexicon change, with the reason in Chinese."""


@dataclass(frozen=True)
class EntryInput:
    """What an administrator fills in for a lexicon entry (词条)."""

    word: str
    category: str = "sensitive"
    severity: str = "block"
    suggestion: str = ""
    note: str = ""


ENTRY_FIELDS = [f.name for f in fields(EntryInput)]


def _refuse_clash(word: str, category: str, exclude: int | None = None) -> None:
    clash = LexiconEntry.objects.filter(word=word, category=category).exclude(pk=exclude).first()
    if clash is not None:
        raise LexiconError(_("词库中已有“%(word)s”（%(category)s）%(state)s，请直接编辑该词条。") % {
            "word": word, "category": clash.get_category_display(), "state": "" if clash.enabled else _("，已停用")})


def add_entry(person: Person, data: EntryInput, *, announcement: str = "", request=None) -> LexiconEntry:
    """Add one entry (新增词条)."""
    with transaction.atomic():
        _refuse_clash(data.word, data.category)
        entry = LexiconEntry.objects.create(**vars(data), created_by=person, updated_by=person)
        _new_version(person, [LexiconChange(kind=LexiconChange.Kind.ADDED, entry=entry, after=entry.snapshot())],
                     announcement, request)
    return entry


def edit_entry(entry: LexiconEntry, person: Person, data: EntryInput, *, announcement: str = "",
               request=None) -> RuleSetVersion | None:
    """Change an entry's word, category, severity, suggestion or note (修改词条); None when nothing changed."""
    with transaction.atomic():
        entry = LexiconEntry.objects.select_for_update().get(pk=entry.pk)
        _refuse_clash(data.word, data.category, exclude=entry.pk)
        before = entry.snapshot()
        for name in ENTRY_FIELDS:
            setattr(entry, name, getattr(data, name))
        if entry.snapshot() == before:
            return None
        entry.updated_by = person
        entry.save()
        return _new_version(person, [LexiconChange(kind=LexiconChange.Kind.CHANGED, entry=entry, before=before,
                                                   after=entry.snapshot())], announcement, request)


def add_allow(person: Person, phrase: str, note: str = "", *, announcement: str = "", request=None) -> AllowPhrase:
    """Add an allow-list phrase that silences findings overlapping it (新增白名单短语)."""
    phrase = phrase.strip()
    with transaction.atomic():
        existing = AllowPhrase.objects.filter(phrase=phrase).first()
        if existing is not None:
            raise LexiconError(_("白名单中已有“%(phrase)s”%(state)s。") % {
                "phrase": phrase, "state": "" if existing.enabled else _("（已停用，可重新启用）")})
        allow = AllowPhrase.objects.create(phrase=phrase, note=note, created_by=person, updated_by=person)
        _new_version(person, [LexiconChange(kind=LexiconChange.Kind.ADDED, allow=allow, after=allow.snapshot())],
                     announcement, request)
    return allow


def set_enabled(obj: LexiconEntry | AllowPhrase, person: Person, enabled: bool, *, announcement: str = "",
                request=None) -> RuleSetVersion | None:
    """Enable or disable an entry or allow-list phrase (启用/停用 — disabling is how one deletes)."""
    field = "entry" if isinstance(obj, LexiconEntry) else "allow"
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        if obj.enabled == enabled:
            return None
        before = obj.snapshot()
        obj.enabled, obj.updated_by = enabled, person
        obj.save(update_fields=["enabled", "updated_by", "updated_at"])
        kind = LexiconChange.Kind.ENABLED if enabled else LexiconChange.Kind.DISABLED
        return _new_version(person, [LexiconChange(kind=kind, before=before, after=obj.snapshot(), **{field: obj})],
                            announcement, request)


def import_entries(person: Person, lines: list[ImportLine], *, announcement: str = "",
                   request=None) -> RuleSetVersion | None:
    """Import parsed lines as one change set (批量导入): new words added, known ones updated and enabled.

    All or nothing: the lines were checked before (`importing.parse_import`); None when nothing changed.
    """
    now = timezone.now()
    with transaction.atomic():
        existing: dict[tuple[str, str], LexiconEntry] = {}
        words = sorted({ln.word for ln in lines})
        for start in range(0, len(words), 500):
            for entry in LexiconEntry.objects.select_for_update().filter(word__in=words[start:start + 500]):
                existing[(entry.word, entry.category)] = entry
        new, updated, changes = [], [], []
        for ln in lines:
            values = {"severity": ln.severity, "suggestion": ln.suggestion, "enabled": True}
            if ln.note:
                values["note"] = ln.note
            entry = existing.get((ln.word, ln.category))
            if entry is None:
                new.append(LexiconEntry(word=ln.word, category=ln.category, created_by=person, updated_by=person,
                                        **values))
                continue
            before = entry.snapshot()
            for name, value in values.items():
                setattr(entry, name, value)
            if entry.snapshot() == before:
                continue
            entry.updated_by, entry.updated_at = person, now
            updated.append(entry)
            kind = LexiconChange.Kind.CHANGED if before["enabled"] else LexiconChange.Kind.ENABLED
            changes.append(LexiconChange(kind=kind, entry=entry, before=before, after=entry.snapshot()))
        created = LexiconEntry.objects.bulk_create(new, batch_size=1000)
        changes += [LexiconChange(kind=LexiconChange.Kind.ADDED, entry=e, after=e.snapshot()) for e in created]
        LexiconEntry.objects.bulk_update(updated, ["severity", "suggestion", "note", "enabled", "updated_by",
                                                   "updated_at"], batch_size=1000)
        if not changes:
            return None
        return _new_version(person, changes, announcement, request, imported=len(lines))


def _new_version(person: Person, changes: list[LexiconChange], announcement: str, request,
                 **details) -> RuleSetVersion:
    """Record the change set as a new version; when the rules changed, announce it and re-screen."""
    ruleset = build_ruleset()
    previous = (RuleSetVersion.objects.order_by("-id").values_list("ruleset_hash", flat=True).first()
                or RuleSet.default().version)
    kinds = [c.kind for c in changes]
    version = RuleSetVersion.objects.create(
        ruleset_hash=ruleset.version, note=announcement.strip(), created_by=person,
        added=kinds.count(LexiconChange.Kind.ADDED) + kinds.count(LexiconChange.Kind.ENABLED),
        changed=kinds.count(LexiconChange.Kind.CHANGED), disabled=kinds.count(LexiconChange.Kind.DISABLED))
    for change in changes:
        change.version = version
    LexiconChange.objects.bulk_create(changes, batch_size=2000)
    record("lexicons.changed", actor=person, obj=version, request=request, details={
        **details, "ruleset": ruleset.version, "added": version.added, "changed": version.changed,
        "disabled": version.disabled, "texts": [f"{c.kind}:{c.text}" for c in changes[:SHOWN_IN_AUDIT]]})
    if ruleset.version != previous:
        announce(version)
        start_rescreen(person=person, version=version, request=request)
    return version


def announce(version: RuleSetVersion) -> None:
    """关键词提醒: tell every staff member that the rules changed, linking to the notice."""
    staff = Person.holding(*STAFF_ROLES)
    message = _("关键词提醒：筛查词库已更新（%(version)s：新增或启用%(added)d条，修改%(changed)d条，停用%(disabled)d条），"
                "撰稿和审核时请注意。") % {"version": version, "added": version.added, "changed": version.changed,
                                  "disabled": version.disabled}
    notify(list(staff), message, reverse("lexicons:notice", args=[version.pk]))
