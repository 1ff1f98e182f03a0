"""Inspection (监督检查, 000§8): the handling records of sensitive and classified items, and the package an
inspector takes away — the filtered audit log, those records, and the audit chain's verification result.

The handling records are the audit entries about each sensitive or classified item (敏感、涉密稿件): who wrote,
edited, submitted, signed, overrode a finding, asked for or gave a secrecy determination, published or
retracted it, when, from where. They come from the hash-chained log, so the verification result vouches for them.
"""

import csv
import json
import zipfile
from dataclasses import dataclass
from io import BytesIO, StringIO

from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.models import Item
from sanshen.oversight.action_names import action_name
from sanshen.oversight.audit import ChainVerdict, export_csv
from sanshen.oversight.models import AuditEntry

SENSITIVE = (Item.Sensitivity.SENSITIVE, Item.Sensitivity.CLASSIFIED)


@dataclass
class HandlingRecord:
    """A sensitive or classified item and the audit entries about it, oldest first."""

    item: Item
    entries: list[AuditEntry]

    @property
    def labelled(self) -> list[tuple[AuditEntry, str]]:
        return [(entry, action_name(entry.action)) for entry in self.entries]


def sensitive_items() -> QuerySet[Item]:
    return Item.objects.filter(sensitivity__in=SENSITIVE).select_related("department", "author").order_by("pk")


def _about_items(entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    return entries.filter(object_type="content.item")


def handled_items(entries: QuerySet[AuditEntry]) -> QuerySet[Item]:
    """The sensitive and classified items with entries among `entries` (already filtered), by number."""
    about = _about_items(entries).filter(object_id=Cast(OuterRef("pk"), CharField()))
    return sensitive_items().filter(Exists(about))


def handling_records(entries: QuerySet[AuditEntry], items=None) -> list[HandlingRecord]:
    """For each of `items` (all `handled_items` unless given, e.g. one page of them), its entries among `entries`."""
    items = {str(item.pk): item for item in (handled_items(entries) if items is None else items)}
    found: dict[str, list[AuditEntry]] = {}
    for entry in _about_items(entries).filter(object_id__in=list(items)).order_by("seq"):
        found.setdefault(entry.object_id, []).append(entry)
    return [HandlingRecord(item, found[pk]) for pk, item in items.items() if pk in found]


HANDLING_COLUMNS = ["item_id", "title", "sensitivity", "department", "seq", "at", "actor", "action", "action_label",
                    "ip", "details"]


def handling_csv(records: list[HandlingRecord]) -> str:
    out = StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HANDLING_COLUMNS)
    for record in records:
        item = record.item
        for e in record.entries:
            writer.writerow([item.pk, item.title, item.get_sensitivity_display(), str(item.department), e.seq,
                             timezone.localtime(e.at).isoformat(), e.actor_username, e.action, action_name(e.action),
                             e.ip or "", json.dumps(e.details, ensure_ascii=False, sort_keys=True)])
    return out.getvalue()


def verdict_text(verdict: ChainVerdict, filters: dict, exported_by: str) -> str:
    """The chain's verification result in words, with what the package holds and who took it."""
    lines = [_("操作日志哈希链校验结果"), _("校验时间：%(at)s") % {"at": timezone.localtime().isoformat(timespec="seconds")},
             _("导出人：%(who)s") % {"who": exported_by}]
    if verdict.ok:
        lines.append(_("结论：校验通过，共 %(n)s 条记录，哈希链完整。") % {"n": verdict.entries})
    else:
        lines.append(_("结论：校验失败，%(reason)s（已校验 %(n)s 条）。") % {"reason": verdict.reason, "n": verdict.entries})
    shown = {name: value for name, value in filters.items() if value}
    lines.append(_("筛选条件：%(filters)s") % {"filters": json.dumps(shown, ensure_ascii=False) if shown else _("无")})
    return "\n".join(lines) + "\n"


def inspection_zip(entries: QuerySet[AuditEntry], verdict: ChainVerdict, filters: dict, exported_by: str) -> bytes:
    """audit.csv (the filtered log), sensitive-items.csv (their handling records), chain-verification.txt."""
    audit = StringIO()
    audit.write("\ufeff")
    export_csv(audit, entries.order_by("seq").iterator())
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("audit.csv", audit.getvalue())
        package.writestr("sensitive-items.csv", handling_csv(handling_records(entries)))
        package.writestr("chain-verification.txt", verdict_text(verdict, filters, exported_by))
    return out.getvalue()
