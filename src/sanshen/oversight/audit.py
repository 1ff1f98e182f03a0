"""Writing, verifying and exporting the audit log (操作日志).

`record()` must be called inside the transaction of the change it records: it joins that
transaction, so the entry and the change are committed — or rolled back — together.
"""

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import IO, Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEntry, AuditHead

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


@dataclass(frozen=True)
class ChainVerdict:
    """The result of checking the chain: `bad_seq` names the first entry that fails, if any."""

    entries: int
    bad_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.bad_seq is None


def verify_chain() -> ChainVerdict:
    """Recompute every hash in order; name the first entry that was edited, removed or reordered."""
    expected_prev, expected_seq, count = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return ChainVerdict(count, expected_seq, _("第 %(seq)s 条记录缺失（已被删除）") % {"seq": expected_seq})
        if entry.prev_hash != expected_prev:
            return ChainVerdict(count, entry.seq, _("第 %(seq)s 条记录与前一条的链接不符") % {"seq": entry.seq})
        actual = _entry_hash(entry.prev_hash, entry.seq, entry.at, entry.actor_username, entry.action,
                             entry.object_type, entry.object_id, entry.object_repr, entry.ip, entry.details)
        if actual != entry.entry_hash:
            return ChainVerdict(count, entry.seq, _("第 %(seq)s 条记录的内容已被改动") % {"seq": entry.seq})
        expected_prev, expected_seq, count = entry.entry_hash, expected_seq + 1, count + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.seq != count:
        return ChainVerdict(count, count + 1, _("第 %(seq)s 条及以后的记录缺失（已被删除）") % {"seq": count + 1})
    return ChainVerdict(count)


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
