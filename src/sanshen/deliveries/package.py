"""The export package (发布包): a ZIP for channels posted by hand (WeChat copy-paste, 上级门户报送).

Inside: `index.html` — the published revision in the 001 website§14 format (black text, 四号仿宋_GB2312,
line height 28 pt); `metadata.json` — see `document.metadata`; `attachments/` — the revision's files.
"""

import io
import json
import zipfile

from django.template.loader import render_to_string

from .document import attachment_name, metadata
from .models import Delivery


def filename(delivery: Delivery) -> str:
    publication = delivery.publication
    return f"sanshen-{publication.item_id}-{publication.revision.short_hash}-{delivery.action}-{delivery.pk}.zip"


def paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def build(delivery: Delivery) -> bytes:
    """The ZIP's bytes for `delivery`."""
    revision = delivery.publication.revision
    meta = metadata(delivery)
    index = render_to_string("deliveries/export_index.html", {
        "revision": revision, "paragraphs": paragraphs(revision.body), "meta": meta,
        "retracting": delivery.action == Delivery.Action.RETRACT})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index)
        archive.writestr("metadata.json", json.dumps(meta, ensure_ascii=False, indent=2))
        for position, attachment in enumerate(revision.attachments.order_by("uploaded_at", "id"), start=1):
            with attachment.file.open("rb") as source:
                archive.writestr(attachment_name(position, attachment), source.read())
    return buffer.getvalue()
