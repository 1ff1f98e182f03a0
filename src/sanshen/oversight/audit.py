"""Writing, verifying and exporting the audit log (操作日志).

`record()` must be called inside the transaction of the change it records: it joins that
transaction, so the entry and the change are committed — or rolled back — together.
"""

import csv
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import IO, Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import AuditCheckpoint, AuditEntry, AuditHead

GENESIS = "0" * 64


def client_address(request) -> str | None:
    """The caller's address as the server saw it (REMOTE_ADDR; a proxy must be configured to set it)."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _entry_hash(prev_hash: str, seq: int, at: datetime, actor_username: str, action: str,
                object_type: str, object_id: str, object_repr: str, ip: str | None, details: dict) -> str:
    payload = json.dumps(
        [seq, at.astimezone(dt_timezone.utc).isoformat(timespec="microseconds"), actor_username, action,
         object_type, object_id, object_repr, ip or "", details],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


# Entries keep the object type they were written with (the chain hashes it); a model that moved app is found
# under its former label too.
FORMER_TYPES = {"channels.channel": ("publishing.channel",), "channels.account": ("publishing.account",),
                "deliveries.delivery": ("publishing.delivery",), "accountability.suspension": ("org.suspension",),
                "accountability.criticism": ("org.criticism",)}


def object_types(model) -> list[str]:
    """The object types of the entries about records of `model`: its label, and any it had before it moved."""
    label = model._meta.label_lower
    return [label, *FORMER_TYPES.get(label, ())]


def record(action: str, *, actor=None, obj=None, request=None, details: dict | None = None,
           actor_username: str = "", ip: str | None = None) -> AuditEntry:
    """Append one entry to the chain (who did `action` to `obj`, from where, with `details`)."""
    if actor is None and request is not None and getattr(request, "user", None) and request.user.is_authenticated:
        actor = request.user
    actor_username = actor.get_username() if actor is not None else actor_username
    ip = ip or client_address(request)
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    object_repr = str(obj)[:200] if obj is not None else ""
    at = timezone.now()
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
        seq = head.seq + 1
        entry_hash = _entry_hash(head.entry_hash, seq, at, actor_username, action, object_type, object_id,
                                 object_repr, ip, details)
        entry = AuditEntry.objects.create(
            seq=seq, at=at, actor=actor, actor_username=actor_username, action=action,
            object_type=object_type, object_id=object_id, object_repr=object_repr, ip=ip,
            details=details, prev_hash=head.entry_hash, entry_hash=entry_hash,
        )
        head.seq, head.entry_hash = seq, entry_hash
        head.save(update_fields=["seq", "entry_hash"])
    return entry


PROBLEMS = {
    "missing": gettext_lazy("第 %(seq)s 条记录缺失（已被删除）"),
    "link": gettext_lazy("第 %(seq)s 条记录与前一条的链接不符"),
    "changed": gettext_lazy("第 %(seq)s 条记录的内容已被改动"),
    "tail": gettext_lazy("第 %(seq)s 条及以后的记录缺失（已被删除）"),
}


@dataclass(frozen=True)
class ChainVerdict:
    """The result of checking the chain: `bad_seq` names the first entry that fails, `kind` how (`PROBLEMS`).

    `full`: every entry was checked now; otherwise only those after the checkpoint (`verify_new_entries`), and
    `full_checked_at` says when a full check last passed (None: not yet).
    """

    entries: int
    bad_seq: int | None = None
    kind: str = ""
    full: bool = True
    full_checked_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.bad_seq is None

    @property
    def reason(self) -> str:
        return str(PROBLEMS[self.kind]) % {"seq": self.bad_seq} if self.kind else ""


def _hash_of(entry: AuditEntry) -> str:
    return _entry_hash(entry.prev_hash, entry.seq, entry.at, entry.actor_username, entry.action, entry.object_type,
                       entry.object_id, entry.object_repr, entry.ip, entry.details)


def _problem(entry: AuditEntry, seq: int, prev_hash: str) -> str:
    """How `entry`, expected as number `seq` after an entry hashed `prev_hash`, fails; "" when it is sound."""
    if entry.seq != seq:
        return "missing"
    if entry.prev_hash != prev_hash:
        return "link"
    return "changed" if _hash_of(entry) != entry.entry_hash else ""


def _walk(after_seq: int, after_hash: str) -> tuple[ChainVerdict, int, str]:
    """Check, in order, the entries after number `after_seq` (hashed `after_hash`) up to the head.

    Returns the verdict and the last entry found sound (its number and hash).
    """
    seq, last_hash = after_seq, after_hash
    for entry in AuditEntry.objects.filter(seq__gt=after_seq).order_by("seq").iterator(chunk_size=2000):
        kind = _problem(entry, seq + 1, last_hash)
        if kind:
            return ChainVerdict(seq, seq + 1, kind), seq, last_hash
        seq, last_hash = entry.seq, entry.entry_hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.seq != seq:
        return ChainVerdict(seq, seq + 1, "tail"), seq, last_hash
    return ChainVerdict(seq), seq, last_hash


def _checkpoint() -> AuditCheckpoint:
    found = AuditCheckpoint.objects.filter(pk=1).first()
    if found is None:
        try:
            with transaction.atomic():
                found = AuditCheckpoint.objects.create(pk=1)
        except IntegrityError:  # another request made it first
            found = AuditCheckpoint.objects.get(pk=1)
    return found


def verify_chain() -> ChainVerdict:
    """完整校验: recompute every hash in order; name the first entry that was edited, removed or reordered.

    The checkpoint moves to the last sound entry and keeps what was found, so the pages show it until a later
    full check passes. Run by the daily job, `sanshen audit verify`, the audit page's button, inspection exports
    and restores.
    """
    verdict, seq, last_hash = _walk(0, GENESIS)
    now = timezone.now()
    fields = {"seq": seq, "entry_hash": last_hash, "verified_at": now, "broken_seq": verdict.bad_seq,
              "broken_kind": verdict.kind, **({"full_checked_at": now} if verdict.ok else {})}
    _checkpoint()
    AuditCheckpoint.objects.filter(pk=1).update(**fields)
    return replace(verdict, full_checked_at=AuditCheckpoint.objects.get(pk=1).full_checked_at)


def verify_new_entries() -> ChainVerdict:
    """校验新增记录: what the audit and inspection pages show on each load, at a cost that does not grow with the log.

    Checks the checkpoint's entry (still there, same hash, content matching it) and the entries after it, then
    moves the checkpoint to the newest. The trade-off: an old entry (before the checkpoint) edited in the database
    together with a recomputed hash is not seen here until the next full check (`verify_chain`, daily) — which
    then records it in the checkpoint, so from then on every page shows the failure. Editing a newer entry, or
    removing the newest ones, shows on the next load. Without a checkpoint yet, this is the full check.
    """
    checkpoint = _checkpoint()
    if checkpoint.seq == 0 and checkpoint.broken_seq is None:
        return verify_chain()
    partial = {"full": False, "full_checked_at": checkpoint.full_checked_at}
    if checkpoint.broken_seq is not None:
        return ChainVerdict(checkpoint.broken_seq - 1, checkpoint.broken_seq, checkpoint.broken_kind, **partial)
    anchor = AuditEntry.objects.filter(seq=checkpoint.seq).first()
    if anchor is None or anchor.entry_hash != checkpoint.entry_hash or _hash_of(anchor) != anchor.entry_hash:
        return ChainVerdict(checkpoint.seq - 1, checkpoint.seq, "missing" if anchor is None else "changed", **partial)
    verdict, seq, last_hash = _walk(checkpoint.seq, checkpoint.entry_hash)
    if verdict.ok and seq > checkpoint.seq:
        AuditCheckpoint.objects.filter(pk=1, seq__lt=seq, broken_seq__isnull=True).update(
            seq=seq, entry_hash=last_hash, verified_at=timezone.now())
    return replace(verdict, **partial)


def check_in_full(*, actor=None, request=None) -> ChainVerdict:
    """日志完整性校验: the full check, its result recorded in the chain itself."""
    verdict = verify_chain()
    record("oversight.chain_checked", actor=actor, request=request,
           details={"ok": verdict.ok, "entries": verdict.entries, "bad_seq": verdict.bad_seq, "reason": verdict.reason})
    return verdict


EXPORT_COLUMNS = ["seq", "at", "actor_username", "action", "object_type", "object_id", "object_repr", "ip",
                  "details", "prev_hash", "entry_hash"]


def export_csv(out: IO[str], entries: Iterable[AuditEntry] | None = None) -> int:
    """Write entries (all, oldest first, by default) as CSV; return how many were written."""
    entries = AuditEntry.objects.order_by("seq").iterator() if entries is None else entries
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for e in entries:
        writer.writerow([e.seq, timezone.localtime(e.at).isoformat(), e.actor_username, e.action, e.object_type,
                         e.object_id, e.object_repr, e.ip or "", json.dumps(e.details, ensure_ascii=False,
                                                                             sort_keys=True), e.prev_hash,
                         e.entry_hash])
        count += 1
    return count
