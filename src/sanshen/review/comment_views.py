"""批注 pages: comment on a passage, reply, mark a thread resolved; the threads as the pages list them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sanshen.content.access import item_action
from sanshen.content.services import ContentError
from sanshen.org.permissions import reason_to_prevent
from sanshen.web.mixins import refuse, say_form_kept

from . import comments
from .forms import CommentForm, ReplyForm
from .models import PassageComment


def back(request, target: str, item) -> str:
    """Where a comment form came from — its `next`, when on this site — else the item's threads."""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target.split("#")[0] + "#comments"
    return reverse("content:item", args=[item.pk]) + "#comments"


def threads_context(request, item, comment_form: CommentForm | None = None) -> dict:
    """The item's threads and what `request.user` may do with them, for `review/_threads.html`."""
    user = request.user
    threads = comments.threads(item)
    for thread in threads:
        thread.may_resolve = reason_to_prevent("review.resolve_comment", user, thread) is None
    return {"threads": threads, "here": request.get_full_path(),
            "comment_form": comment_form or CommentForm(initial={"next": request.get_full_path()}),
            "may_comment": reason_to_prevent("review.comment", user, item) is None,
            "may_reply": reason_to_prevent("review.reply_comment", user, item) is None}


def _thread(item, pk) -> PassageComment:
    try:
        return comments.thread_of(item, pk)
    except PassageComment.DoesNotExist:
        raise Http404 from None


@item_action("review.comment")
def comment_new(request, item):
    """批注: quote a passage of the current revision and comment on it; what was typed stays on a refusal."""
    form = CommentForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            comments.start_thread(item, request.user, quote=data["quote"], body=data["body"], start=data["start"],
                                  request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已添加批注，稿件作者会收到提醒。"))
            return redirect(back(request, form.cleaned_data["next"], item))
    if request.method == "POST":
        say_form_kept(request)
    return render(request, "review/comment_form.html", {"item": item, "form": form},
                  status=400 if request.method == "POST" else 200)


@item_action("review.reply_comment")
def comment_reply(request, item, comment_pk):
    """回复批注: the thread and a reply to it; what was typed stays on a refusal."""
    thread = _thread(item, comment_pk)
    form = ReplyForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        try:
            comments.reply(thread, request.user, body=form.cleaned_data["body"], request=request)
        except ContentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已回复批注。"))
            return redirect(back(request, form.cleaned_data["next"], item))
    if request.method == "POST":
        say_form_kept(request)
    context = threads_context(request, item)
    context["threads"] = [t for t in context["threads"] if t.pk == thread.pk]
    return render(request, "review/comment_reply.html", {"item": item, "thread": thread, "form": form, **context},
                  status=400 if request.method == "POST" else 200)


@require_POST
@item_action("content.view_item")
def comment_resolve(request, item, comment_pk):
    """已解决: the item's author or the commenter closes a thread."""
    thread = _thread(item, comment_pk)
    try:
        comments.resolve(thread, request.user, request=request)
    except ContentError as error:
        return refuse(request, str(error))
    messages.success(request, _("已将批注“%(quote)s”标记为已解决。") % {"quote": thread.quote[:30]})
    return redirect(back(request, request.POST.get("next", "").strip(), item))
