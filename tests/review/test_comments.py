"""Issue 13.4, 批注 through the pages: a reviewer quotes a passage on the decision form and comments, others reply,
the author or the commenter marks it 已解决; who may do which, refusals included; the 退回 notice on the item
page; every step in the item's 操作记录."""

import pytest
from django.urls import reverse

from sanshen.channels.models import Channel
from sanshen.content.models import Item
from sanshen.content.services import ItemInput, create_item
from sanshen.oversight.models import AuditEntry
from sanshen.review import comments
from sanshen.review.models import PassageComment
from sanshen.review.services import submit_item
from sanshen.web.models import Notification
from tests.conftest import ROLE_USERS

from .conftest import BODY, refresh, sign

pytestmark = pytest.mark.django_db

QUOTE = "共检查企业32家"


def decide_url(item):
    return reverse("review:decide", args=[item.pk])


def new_url(item):
    return reverse("review:comment_new", args=[item.pk])


def comment(client, item, quote=QUOTE, body="企业数量请与统计台账核对。", **extra):
    return client.post(new_url(item), {"quote": quote, "body": body, "next": decide_url(item), **extra})


def thread(item) -> PassageComment:
    return PassageComment.objects.get(item=item, parent=None)


def test_a_reviewer_comments_on_a_selected_passage_and_the_author_is_told(client_as, submitted):
    item = submitted()
    reviewer = client_as("editor2")
    form = reviewer.get(decide_url(item)).content.decode()
    assert 'data-testid="comment-form"' in form and "review/passage.js" in form
    response = comment(reviewer, item, start=BODY.index(QUOTE))
    assert response.status_code == 302 and response.url == decide_url(item) + "#comments"
    saved = thread(item)
    assert (saved.quote, saved.start, saved.end) == (QUOTE, BODY.index(QUOTE), BODY.index(QUOTE) + len(QUOTE))
    assert saved.revision == item.current_revision
    note = Notification.objects.filter(person__username="editor").latest("id")
    assert "李采编 批注了稿件" in note.message and QUOTE in note.message
    page = reviewer.get(decide_url(item)).content.decode()
    threads = page[page.index('data-testid="threads"'):]
    assert f'<mark class="passage">{QUOTE}</mark>' in threads and "企业数量请与统计台账核对。" in threads
    history = client_as("editor").get(reverse("content:item", args=[item.pk])).content.decode()
    assert "批注" in history[history.index('data-testid="history"'):]


def test_without_a_selection_the_pasted_quote_is_found_in_the_text(client_as, submitted):
    item = submitted()
    comment(client_as("editor2"), item, quote="  发现并督促整改问题15项 ")
    saved = thread(item)
    assert saved.start == BODY.index("发现并督促整改问题15项") and saved.quote == "发现并督促整改问题15项"


def test_a_wrong_offset_is_corrected_to_where_the_quote_is(client_as, submitted):
    item = submitted()
    comment(client_as("editor2"), item, start=0)
    assert thread(item).start == BODY.index(QUOTE)


@pytest.mark.parametrize("fields, message", [
    ({"quote": "共检查企业99家"}, "不在当前版本的正文中"),
    ({"quote": ""}, "请在正文中选择或粘贴要批注的原文"),
    ({"body": "  "}, "请填写批注内容"),
])
def test_a_refused_comment_says_why_and_keeps_what_was_typed(client_as, submitted, fields, message):
    item = submitted()
    typed = {"quote": QUOTE, "body": "我写下的批注。", **fields}
    response = comment(client_as("editor2"), item, **typed)
    page = response.content.decode()
    assert response.status_code == 400 and message in page and "您填写的内容已保留" in page
    for value in typed.values():
        assert value.strip() in page
    assert not PassageComment.objects.filter(item=item).exists()


def test_replies_are_threaded_and_the_author_resolves_the_thread(client_as, submitted):
    item = submitted()
    comment(client_as("editor2"), item)
    editor = client_as("editor")
    reply_url = reverse("review:comment_reply", args=[item.pk, thread(item).pk])
    refused = editor.post(reply_url, {"body": " "})
    assert refused.status_code == 400 and "请填写批注内容" in refused.content.decode()
    editor.post(reply_url, {"body": "已核对台账，32家无误。", "next": reverse("content:item", args=[item.pk])})
    assert "张采编 回复了" in Notification.objects.filter(person__username="editor2").latest("id").message
    client_as("head").post(reply_url, {"body": "同意。"})
    page = editor.get(reverse("content:item", args=[item.pk])).content.decode()
    section = page[page.index('id="comments"'):page.index("附件")]
    assert section.index("企业数量请与统计台账核对。") < section.index("已核对台账，32家无误。") < section.index("同意。")
    assert "1 条待解决" in section and 'data-testid="resolve"' in section

    response = editor.post(reverse("review:comment_resolve", args=[item.pk, thread(item).pk]),
                           {"next": reverse("content:item", args=[item.pk])})
    assert response.status_code == 302 and response.url.endswith("#comments")
    assert thread(item).resolved_by.username == "editor"
    assert "标记为已解决" in Notification.objects.filter(person__username="editor2").latest("id").message
    page = editor.get(reverse("content:item", args=[item.pk])).content.decode()
    assert 'data-testid="resolved"' in page and 'data-testid="resolve"' not in page
    again = editor.post(reply_url, {"body": "再补充一句。"})
    assert again.status_code == 400 and "该批注已解决，不能再回复" in again.content.decode()
    actions = set(AuditEntry.objects.filter(object_type="content.item", object_id=str(item.pk))
                  .values_list("action", flat=True))
    assert {"review.comment_added", "review.comment_replied", "review.comment_resolved"} <= actions


def test_only_the_author_or_the_commenter_resolves_and_only_once(client_as, submitted):
    item = submitted()
    comment(client_as("editor2"), item)
    url = reverse("review:comment_resolve", args=[item.pk, thread(item).pk])
    for other in ("head", "leader", "officer", "admin"):
        refused = client_as(other).post(url)
        assert refused.status_code == 403 and "只有稿件作者或批注人可以将批注标记为已解决" in refused.content.decode()
    assert client_as("editor2").post(url).status_code == 302  # the commenter may close it too
    again = client_as("editor").post(url)
    assert again.status_code == 403 and "该批注已标记为已解决" in again.content.decode()


@pytest.mark.parametrize("username", ROLE_USERS)
def test_every_role_on_a_public_item(client_as, person, submitted, username):
    """Staff comment; everyone who may see the item replies; a member unit sees only its own items."""
    item = submitted()
    first = comments.start_thread(item, person("head"), quote=QUOTE, body="请核对。")
    client = client_as(username)
    started = comment(client, item, body=f"{username} 的批注")
    replied = client.post(reverse("review:comment_reply", args=[item.pk, first.pk]), {"body": "回复"})
    if username == "member":
        assert started.status_code == replied.status_code == 403
        assert "会员单位不能批注稿件" in started.content.decode()
        assert "会员单位只能查看本单位报送的稿件" in replied.content.decode()
    else:
        assert started.status_code == replied.status_code == 302
        assert PassageComment.objects.filter(item=item, body=f"{username} 的批注").exists()


def test_a_member_unit_replies_on_its_own_item_but_does_not_start_threads(client_as, person):
    member = person("member")
    item = create_item(member, ItemInput(title="会员单位动态", body=BODY, channels=[Channel.objects.get(name="要闻动态")],
                                         member_commitment=True))
    submit_item(item, member)
    comments.start_thread(refresh(item), person("head"), quote=QUOTE, body="请补充来源。")
    client = client_as("member")
    refused = comment(client, item)
    assert refused.status_code == 403 and "会员单位不能批注稿件" in refused.content.decode()
    page = client.get(reverse("content:item", args=[item.pk])).content.decode()
    assert "请补充来源。" in page and 'data-testid="new-comment"' not in page
    client.post(reverse("review:comment_reply", args=[item.pk, thread(item).pk]), {"body": "来源为本单位统计。"})
    assert client.post(reverse("review:comment_resolve", args=[item.pk, thread(item).pk])).status_code == 302


def test_a_sensitive_item_is_commented_on_only_by_pledged_staff(client_as, person, submitted):
    item = submitted(sensitivity=Item.Sensitivity.SENSITIVE)
    refused = comment(client_as("editor2"), item)  # 李采编 has no confidentiality pledge
    assert refused.status_code == 403 and "保密承诺书" in refused.content.decode()
    assert comment(client_as("head"), item).status_code == 302


def test_an_unknown_thread_is_not_found(client_as, submitted):
    item = submitted()
    assert client_as("editor").post(reverse("review:comment_resolve", args=[item.pk, 999999])).status_code == 404
    assert client_as("editor").get(reverse("review:comment_reply", args=[item.pk, 999999])).status_code == 404


def test_a_rejection_is_shown_at_the_top_of_the_item_page_with_the_open_threads(client_as, person, submitted):
    item = submitted()
    comment(client_as("editor2"), item)
    comments.start_thread(refresh(item), person("editor2"), quote="整改问题15项", body="请列出主要问题。")
    sign(client_as("editor2"), item, verdict="reject", opinion="请补充整改情况和时限。", checklist=False, proofread=False)
    page = client_as("editor").get(reverse("content:item", args=[item.pk])).content.decode()
    notice = page[page.index('data-testid="returned-notice"'):]
    notice = notice[:notice.index("</div>")]
    assert page.index("<h1>") < page.index('data-testid="returned-notice"') < page.index('class="actions"')
    for shown in ("李采编", "初审", "退回了本稿件", "请补充整改情况和时限。", "另有 2 条批注待解决"):
        assert shown in notice, shown


def test_no_notice_while_nothing_was_sent_back(client_as, submitted):
    item = submitted()
    sign(client_as("editor2"), item)
    assert 'data-testid="returned-notice"' not in client_as("editor").get(
        reverse("content:item", args=[item.pk])).content.decode()
