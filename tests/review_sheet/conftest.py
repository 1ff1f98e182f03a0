"""What the review sheet tests share: a fully signed item and the text a reader would get out of a PDF."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from sanshen.channels.models import Channel
from sanshen.content.demo import CHECKS
from sanshen.content.services import ItemInput, create_item
from sanshen.review.services import decide, submit_item

TITLE = "关于举办2026年工业设计大赛的通知"
BODY = "各有关单位：为提升我市工业设计水平，经研究，决定举办2026年工业设计大赛。报名材料请于3月31日前报送产业发展科。"
OPINIONS = {"editor2": "文字已校对，同意。", "head": "数据核实无误，同意报分管领导。", "leader": "同意发布。"}
SIGNERS = {"editor2": "李采编", "head": "王科长", "leader": "赵副局长"}


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def compact(data: bytes) -> str:
    """The PDF's text without the spaces and line breaks wrapping puts in."""
    return "".join(pdf_text(data).split())


@pytest.fixture
def signed_item(person):
    """An item through all three reviews, built only through the services."""
    channel = Channel.objects.get(name="通知公告")
    item = create_item(person("editor"), ItemInput(title=TITLE, body=BODY, channels=[channel]))
    submit_item(item, person("editor"))
    for who, checklist in (("editor2", "initial"), ("head", "standard"), ("leader", "standard")):
        decide(item, person(who), verdict="approve", opinion=OPINIONS[who], checklist=CHECKS[checklist],
               proofread=True)
    item.refresh_from_db()
    return item
