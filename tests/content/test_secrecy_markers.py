"""A secrecy marker (密级标志) in an item labelled 公开 makes it 敏感 at submission, so the pledge rule applies:
it reaches only reviewers with a confidentiality pledge, and a submitter without one may not send it."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ContentError, ItemInput, create_item
from sanshen.review.services import submit_item
from sanshen.web.models import Notification

pytestmark = pytest.mark.django_db

MARKED = "机密★1年\n关于全市工业企业技术改造项目的情况通报\n各科室：现将有关情况通报如下。"
CLEAN = "我局召开工业企业技术改造推进会，部署全年技术改造项目建设。"


def draft(author, body):
    return create_item(author, ItemInput(title="技术改造项目情况通报", body=body,
                                         channels=[Channel.objects.get(name="要闻动态")]))


def test_a_marked_public_item_becomes_sensitive_and_skips_reviewers_without_a_pledge(person, client_as):
    item = draft(person("editor"), MARKED)
    assert item.sensitivity == Item.Sensitivity.PUBLIC
    response = client_as("editor").post(reverse("content:submit", args=[item.pk]), follow=True)
    page = response.content.decode()
    assert "稿件密级已由“公开”调整为“敏感”" in page and "因密级标志调整密级" in page
    item.refresh_from_db()
    assert item.sensitivity == Item.Sensitivity.SENSITIVE and item.status == Item.Status.IN_REVIEW
    assert not person("editor2").has_current_pledge()
    assert not Notification.objects.filter(person=person("editor2"), message__contains=item.title).exists()
    assert client_as("editor2").get(reverse("content:item", args=[item.pk])).status_code == 403


def test_a_submitter_without_a_pledge_is_told_why_and_the_draft_stays_as_it_was(person):
    item = draft(person("editor2"), MARKED)
    with pytest.raises(ContentError, match="正文含密级标志“机密★1年”.*尚未登记保密承诺书"):
        submit_item(item, person("editor2"))
    item.refresh_from_db()
    assert item.status == Item.Status.DRAFT and item.sensitivity == Item.Sensitivity.PUBLIC
    assert item.current_revision.body == MARKED
    assert not item.current_revision.screenings.filter(trigger="submit").exists()


def test_text_without_markers_keeps_the_sensitivity_the_editor_chose(person):
    item = draft(person("editor"), CLEAN)
    submit_item(item, person("editor"))
    item.refresh_from_db()
    assert item.sensitivity == Item.Sensitivity.PUBLIC
