"""One word and one colour per severity (筛查级别) on every page that shows findings: the item page, the
decision form, the review sheet (page and PDF) and the lexicon list — 须修改, 警告, 提示."""

import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sanshen.channels.models import Channel
from sanshen.content.services import ItemInput, create_item
from sanshen.lexicons.services import EntryInput, add_entry
from sanshen.review.services import submit_item

pytestmark = pytest.mark.django_db

TITLE = "关于申请安全生产专项资金的请示"  # 请示 may not be published: a blocking finding
BODY = "我局召开安全生产工作会议，联系电话13812345678。"  # a personal mobile number: a warning
OTHER_WORDS = ("建议修改", "参考 ", "阻断")


@pytest.fixture
def screened(person):
    item = create_item(person("editor"), ItemInput(title=TITLE, body=BODY,
                                                   channels=[Channel.objects.get(name="要闻动态")]))
    submit_item(item, person("editor"))
    return item


def counts_in(page: str) -> list[str]:
    counts = page[page.index('data-testid="severity-counts"'):]
    return re.findall(r'<span class="tag (\w+)">([^<]+)</span>', counts[:counts.index("</span></span>") + 7])


@pytest.mark.parametrize("who, url", [("editor", "content:item"), ("editor2", "review:decide"), ("head", "review:sheet")])
def test_each_page_counts_findings_in_the_same_words_and_colours(client_as, screened, who, url):
    page = client_as(who).get(reverse(url, args=[screened.pk])).content.decode()
    if url == "review:sheet":
        assert "须修改 1，警告 1，提示 0" in page
    else:
        assert counts_in(page) == [("block", "须修改 1"), ("warn", "警告 1"), ("info", "提示 0")]
    assert not any(word in page for word in OTHER_WORDS)


def test_each_finding_row_on_the_item_page_carries_its_severity_word(client_as, screened):
    page = client_as("editor").get(reverse("content:item", args=[screened.pk])).content.decode()
    assert '<span class="tag block">须修改</span>' in page and '<span class="tag warn">警告</span>' in page


def test_the_review_sheet_pdf_uses_the_same_words(client_as, screened, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(client_as("head").get(reverse("review:sheet_pdf", args=[screened.pk])).content)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "须修改 1，警告 1，提示 0" in text.replace("\n", "")


def test_the_lexicon_list_names_severities_the_same_way(client_as, person):
    add_entry(person("admin"), EntryInput(word="违规集资"))
    page = client_as("admin").get(reverse("lexicons:entries")).content.decode()
    assert '<span class="tag block">须修改</span>' in page
