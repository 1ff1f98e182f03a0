"""The 批注 API: an item's passage comment threads — list, comment on a passage, reply, mark resolved.

404 no such item or thread; 403 the permission module refuses (seeing the item, commenting, replying,
resolving); 400 a service refusal (empty comment, a quote not in the text, a reply to a resolved thread); 422
malformed input."""

from datetime import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from sanshen.content.api import ItemId, visible_item
from sanshen.core.api import DB_MAX_ID, PersonOut, REFUSALS, forbid, person_out, service_refusals
from sanshen.org.permissions import reason_to_prevent

from . import comments
from .models import PassageComment

comments_router = Router(tags=["批注 Passage comments"])
CommentId = Annotated[int, Path(ge=1, le=DB_MAX_ID, description="批注编号 Comment thread id")]


class CommentIn(Schema):
    """批注 A comment on a passage of the current revision."""

    quote: str = Field(description="所引原文 The passage, exactly as in the body")
    start: int | None = Field(None, ge=0, description="原文在正文中的起始位置 Offset of the passage (optional)")
    body: str = Field(description="批注内容 The comment")


class ReplyIn(Schema):
    body: str = Field(description="回复内容 The reply")


class ReplyOut(Schema):
    id: int
    author: PersonOut
    body: str
    created_at: datetime


class ThreadOut(Schema):
    id: int
    revision: int = Field(description="批注时的版本号 Revision commented on")
    quote: str
    start: int
    end: int
    body: str
    author: PersonOut
    created_at: datetime
    resolved: bool
    resolved_by: PersonOut | None
    resolved_at: datetime | None
    replies: list[ReplyOut]


def reply_out(comment: PassageComment) -> dict:
    return {"id": comment.pk, "author": person_out(comment.author), "body": comment.body,
            "created_at": comment.created_at}


def thread_out(thread: PassageComment) -> dict:
    return {**reply_out(thread), "revision": thread.revision.number, "quote": thread.quote, "start": thread.start,
            "end": thread.end, "resolved": thread.is_resolved, "resolved_by": person_out(thread.resolved_by),
            "resolved_at": thread.resolved_at, "replies": [reply_out(r) for r in thread.replies.all()]}


def shown(item, pk: int) -> dict:
    return thread_out(next(t for t in comments.threads(item) if t.pk == pk))


def thread_or_404(item, pk: int) -> PassageComment:
    try:
        return comments.thread_of(item, pk)
    except PassageComment.DoesNotExist:
        raise HttpError(404, _("稿件没有编号为 %(id)s 的批注。") % {"id": pk}) from None


@comments_router.get("/{item_id}/comments", response={200: list[ThreadOut], **REFUSALS},
                     summary="批注列表 An item's comment threads")
def list_threads(request, item_id: ItemId):
    return [thread_out(t) for t in comments.threads(visible_item(request, item_id))]


@comments_router.post("/{item_id}/comments", response={201: ThreadOut, **REFUSALS},
                      summary="批注 Comment on a passage")
def create(request, item_id: ItemId, payload: CommentIn):
    item = visible_item(request, item_id, "review.comment")
    with service_refusals():
        thread = comments.start_thread(item, request.user, quote=payload.quote, body=payload.body,
                                       start=payload.start, request=request)
    return Status(201, shown(item, thread.pk))


@comments_router.post("/{item_id}/comments/{comment_id}/replies", response={201: ThreadOut, **REFUSALS},
                      summary="回复批注 Reply to a thread")
def reply(request, item_id: ItemId, comment_id: CommentId, payload: ReplyIn):
    item = visible_item(request, item_id, "review.reply_comment")
    thread = thread_or_404(item, comment_id)
    with service_refusals():
        comments.reply(thread, request.user, body=payload.body, request=request)
    return Status(201, shown(item, thread.pk))


@comments_router.post("/{item_id}/comments/{comment_id}/resolve", response={200: ThreadOut, **REFUSALS},
                      summary="批注已解决 Mark a thread resolved")
def resolve(request, item_id: ItemId, comment_id: CommentId):
    item = visible_item(request, item_id)
    thread = thread_or_404(item, comment_id)
    forbid(reason_to_prevent("review.resolve_comment", request.user, thread))
    with service_refusals():
        comments.resolve(thread, request.user, request=request)
    return shown(item, thread.pk)
