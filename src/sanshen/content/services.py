"""Use cases of collection (信息采集): create, edit, attach, submit. The only code that changes items."""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.core.errors import Refused
from sanshen.org.models import Person, Role
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record
from sanshen.screening.extract import ExtractError, extract

from .models import Attachment, Item, Revision, ScreeningReport, Source
from .screening import screen_revision


class ContentError(Refused):
    """A use case on items refused; the message says which rule refused it, in Chinese."""


def refuse_if(reason: str | None, error: type[ContentError] = ContentError) -> None:
    """Raise `error` with `reason` when there is one: how every use case says no."""
    if reason:
        raise error(reason)


CONTENT_FIELDS = ("title", "body")
META_FIELDS = ("category", "event_date", "sensitivity", "is_repost", "source", "source_author")


@dataclass
class ItemInput:
    """What an editor fills in for an item (稿件信息)."""

    title: str
    body: str = ""
    category: str = Item.Category.WORK_NEWS
    channels: tuple = ()
    sensitivity: str = Item.Sensitivity.PUBLIC
    event_date: object = None
    is_repost: bool = False
    source: Source | None = None
    source_author: str = ""
    member_commitment: bool = False


def channel_refusal(sensitivity: str, channels) -> str | None:
    """涉密不上网: a classified item may only go to classified channels. R8."""
    if sensitivity == Item.Sensitivity.CLASSIFIED:
        public = [str(c) for c in channels if not c.is_classified]
        if public:
            return _("涉密稿件不得通过非涉密渠道发布（涉密不上网）：%(channels)s。") % {"channels": "、".join(public)}
    return None


def pledge_refusal(person: Person, sensitivity: str) -> str | None:
    """Only people with a recorded confidentiality pledge handle sensitive or classified items. C5."""
    if sensitivity in (Item.Sensitivity.SENSITIVE, Item.Sensitivity.CLASSIFIED) and not person.has_current_pledge():
        return _("%(name)s 尚未登记保密承诺书，不能经手敏感或涉密稿件。") % {"name": person}
    return None


def source_refusal(item: Item) -> str | None:
    """Reposts name their source unit and author, and the source is on the approved list. C3."""
    if not item.is_repost:
        return None
    if item.source is None or not item.source_author.strip():
        return _("转载稿件须注明原稿源单位和原作者。")
    if not item.source.is_approved:
        return _("“%(source)s”不在稿源单位白名单中，不得转载。") % {"source": item.source}
    return None


def _validate(person: Person, data: ItemInput) -> None:
    if not data.title.strip():
        raise ContentError(_("标题不能为空。"))
    closed = [str(c) for c in data.channels if not c.is_active]
    if closed:
        raise ContentError(_("渠道已停用，不能选择：%(channels)s。") % {"channels": "、".join(closed)})
    refuse_if(channel_refusal(data.sensitivity, data.channels))
    refuse_if(pledge_refusal(person, data.sensitivity))
    if person.has_role(Role.MEMBER) and not data.member_commitment:
        raise ContentError(_("会员单位报送信息须确认书面承诺（内容真实准确，已自行审核）。"))


def _new_revision(item: Item, person: Person) -> Revision:
    attachments = list(item.attachments.all())
    number = (item.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    revision = Revision.objects.create(
        item=item, number=number, title=item.title, body=item.body, created_by=person,
        content_hash=Revision.hash_content(item.title, item.body, [a.sha256 for a in attachments]))
    revision.attachments.set(attachments)
    item.current_revision = revision
    screen_revision(revision, ScreeningReport.Trigger.SAVE)  # the editor sees findings while still writing
    return revision


def create_item(person: Person, data: ItemInput, *, request=None) -> Item:
    """A new draft with its first revision (新建稿件)."""
    refuse_if(reason_to_prevent("content.create_item", person))
    _validate(person, data)
    if person.department is None:
        raise ContentError(_("您没有所在部门，请联系系统管理员。"))
    with transaction.atomic():
        item = Item.objects.create(
            title=data.title.strip(), body=data.body, category=data.category, department=person.department,
            author=person, sensitivity=data.sensitivity, event_date=data.event_date, is_repost=data.is_repost,
            source=data.source, source_author=data.source_author,
            member_commitment_at=timezone.now() if data.member_commitment else None)
        item.channels.set(data.channels)
        _new_revision(item, person)
        item.save(update_fields=["current_revision"])
        record("content.item_created", actor=person, obj=item, request=request,
               details={"revision": item.current_revision.content_hash, "sensitivity": item.sensitivity})
    return item


def _restart(item: Item, reason: str) -> int:
    """Void every standing signature: the content they approved is gone (R3)."""
    return item.decisions.filter(voided_at__isnull=True).update(voided_at=timezone.now(), void_reason=reason)


def edit_item(item: Item, person: Person, data: ItemInput, *, request=None) -> Item:
    """Change an item; any change makes a new revision, voids the approvals and restarts the flow."""
    refuse_if(reason_to_prevent("content.edit_item", person, item))
    _validate(person, data)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        before = {f: getattr(item, f) for f in CONTENT_FIELDS + META_FIELDS}
        before_channels = set(item.channels.values_list("pk", flat=True))
        item.title, item.body = data.title.strip(), data.body
        item.category, item.event_date, item.sensitivity = data.category, data.event_date, data.sensitivity
        item.is_repost, item.source, item.source_author = data.is_repost, data.source, data.source_author
        if data.member_commitment:
            item.member_commitment_at = timezone.now()
        changed = {f: {"old": str(before[f]), "new": str(getattr(item, f))}
                   for f in before if before[f] != getattr(item, f)}
        if before_channels != {c.pk for c in data.channels}:
            changed["channels"] = {"old": sorted(before_channels), "new": sorted(c.pk for c in data.channels)}
        if not changed:
            return item
        item.channels.set(data.channels)
        _new_revision(item, person)
        voided = _restart(item, _("稿件已修改"))
        item.status = Item.Status.DRAFT
        item.escalation_reasons = []
        item.save()
        record("content.item_edited", actor=person, obj=item, request=request,
               details={"changes": changed, "revision": item.current_revision.content_hash,
                        "voided_signatures": voided})
    return item


def attach_file(item: Item, person: Person, name: str, data: bytes, *, request=None) -> Attachment:
    """Import a .docx, .pdf or .txt file as an attachment; its text is screened with the item. C6."""
    refuse_if(reason_to_prevent("content.edit_item", person, item))
    try:
        text = extract(data, name).text
    except ExtractError as error:
        raise ContentError(_("无法读取文件“%(name)s”：%(error)s") % {"name": name, "error": error}) from None
    with transaction.atomic():
        attachment = Attachment(item=item, filename=name, sha256=hashlib.sha256(data).hexdigest(), text=text,
                                uploaded_by=person)
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.save()
        _new_revision(item, person)
        voided = _restart(item, _("稿件已修改"))
        item.status = Item.Status.DRAFT
        item.save()
        record("content.attachment_added", actor=person, obj=item, request=request,
               details={"file": name, "sha256": attachment.sha256, "voided_signatures": voided})
    return attachment


def import_body(name: str, data: bytes) -> str:
    """The text of a .docx, .pdf or .txt file, to use as an item's body. C6."""
    try:
        return extract(data, name).text
    except ExtractError as error:
        raise ContentError(_("无法读取文件“%(name)s”：%(error)s") % {"name": name, "error": error}) from None
