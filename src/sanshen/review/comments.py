"""Passage comments (批注): a reviewer quotes a passage of the current revision and comments; others reply;
the item's author or the commenter marks the thread resolved (已解决). Each step is audited on the item."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshen.content.highlight import in_context
from sanshen.content.models import Item
from sanshen.content.services import ContentError, refuse_if
from sanshen.org.models import Person
from sanshen.org.permissions import reason_to_prevent
from sanshen.oversight.audit import record
from sanshen.web.notify import notify

from .models import PassageComment
from .services import item_url

CommentError = ContentError


def locate(body: str, quote: str, start: int | None = None) -> tuple[int, int]:
    """Where `quote` sits in `body`: at `start` when it is there, else its occurrence nearest `start`."""
    quote = quote.strip()
    if not quote:
        raise CommentError(_("请在正文中选择或粘贴要批注的原文。"))
    spots, at = [], body.find(quote)
    while at != -1:
        spots.append(at)
        at = body.find(quote, at + 1)
    if not spots:
        raise CommentError(_("所引原文“%(quote)s”不在当前版本的正文中，请从正文中复制原文。") % {"quote": quote[:40]})
    best = min(spots, key=lambda s: abs(s - start)) if start is not None else spots[0]
    return best, best + len(quote)


def _text(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise CommentError(_("请填写批注内容。"))
    return body


def _thread_url(item: Item) -> str:
    return item_url(item) + "#comments"


def start_thread(item: Item, person: Person, *, quote: str, body: str, start: int | None = None,
                 request=None) -> PassageComment:
    """批注: comment on a passage of the item's current revision; the author is told."""
    refuse_if(reason_to_prevent("review.comment", person, item))
    body = _text(body)
    revision = item.current_revision
    if revision is None:
        raise CommentError(_("稿件还没有正文，不能批注。"))
    begin, end = locate(revision.body, quote, start)
    with transaction.atomic():
        comment = PassageComment.objects.create(item=item, revision=revision, quote=revision.body[begin:end],
                                                start=begin, end=end, body=body, author=person)
        record("review.comment_added", actor=person, obj=item, request=request,
               details={"quote": comment.quote, "text": body, "revision": revision.number})
        if item.author_id != person.pk:
            notify([item.author], _("%(who)s 批注了稿件“%(title)s”：“%(quote)s” %(text)s") % {
                "who": person, "title": item.title, "quote": comment.quote[:30], "text": body}, _thread_url(item))
    return comment


def reply(thread: PassageComment, person: Person, *, body: str, request=None) -> PassageComment:
    """回复: answer a thread; the commenter (and the item's author) are told."""
    item = thread.item
    refuse_if(reason_to_prevent("review.reply_comment", person, item))
    if thread.is_resolved:
        raise CommentError(_("该批注已解决，不能再回复。"))
    body = _text(body)
    with transaction.atomic():
        answer = PassageComment.objects.create(item=item, revision=item.current_revision, parent=thread,
                                               body=body, author=person)
        record("review.comment_replied", actor=person, obj=item, request=request,
               details={"quote": thread.quote, "text": body})
        told = {p.pk: p for p in (thread.author, item.author) if p.pk != person.pk}
        notify(told.values(), _("%(who)s 回复了稿件“%(title)s”的批注“%(quote)s”：%(text)s") % {
            "who": person, "title": item.title, "quote": thread.quote[:30], "text": body}, _thread_url(item))
    return answer


def resolve(thread: PassageComment, person: Person, *, request=None) -> PassageComment:
    """已解决: the item's author or the commenter closes the thread; the commenter is told."""
    with transaction.atomic():
        thread = PassageComment.objects.select_for_update().select_related("item", "author").get(pk=thread.pk)
        refuse_if(reason_to_prevent("review.resolve_comment", person, thread))
        thread.resolved_by, thread.resolved_at = person, timezone.now()
        thread.save(update_fields=["resolved_by", "resolved_at"])
        record("review.comment_resolved", actor=person, obj=thread.item, request=request,
               details={"quote": thread.quote})
        if thread.author_id != person.pk:
            notify([thread.author], _("%(who)s 已将稿件“%(title)s”的批注“%(quote)s”标记为已解决") % {
                "who": person, "title": thread.item.title, "quote": thread.quote[:30]}, _thread_url(thread.item))
    return thread


def threads(item: Item) -> list[PassageComment]:
    """The item's threads, oldest first, each with its replies and the quoted passage in context (.passage)."""
    roots = list(PassageComment.objects.filter(item=item, parent=None)
                 .select_related("author", "resolved_by", "revision")
                 .prefetch_related(Prefetch("replies", PassageComment.objects.select_related("author"))))
    for thread in roots:
        thread.item = item
        thread.passage = in_context(thread.revision.body, thread.start, thread.end, width=30)
    return roots


def thread_of(item: Item, pk: int) -> PassageComment:
    """One thread of `item` (a reply's id names its thread)."""
    comment = PassageComment.objects.select_related("author", "item__author").get(item=item, pk=pk)
    if comment.parent_id is not None:
        comment = PassageComment.objects.select_related("author", "item__author").get(pk=comment.parent_id)
    return comment
