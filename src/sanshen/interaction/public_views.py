"""Public pages of the interactive column (网上互动) in the public website's layout: leave a message, follow it
with its query code, and read the answered ones. No login. Name and contact details are never shown, and
nothing of a message appears before the office has moderated it and its answer is published (§22)."""

from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sanshen.website.portal import Columns
from sanshen.website.responses import not_found, public_context, public_view, render_public

from . import services
from .forms import MessageForm, QueryForm
from .models import Message

PAGE_SIZE = 10
CURRENT = "messages"


def public_form(view):
    """A public page that takes a form: Chinese, never cached (each form carries its own captcha)."""

    @require_http_methods(["GET", "HEAD", "POST"])
    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return view(request, *args, **kwargs)

    return wrapper


def render_form_page(request, template: str, context: dict, *, status: int):
    """The public layout with the request in the context (unlike `render_public`): a form needs its CSRF token."""
    return render(request, template, {**public_context(Columns.load(), CURRENT), **context}, status=status)


@public_view
def answered(request):
    """网上互动: published questions with their answers, newest answer first."""
    published = (Message.objects.filter(status=Message.Status.PUBLISHED).select_related("department")
                 .only("subject", "text", "topic", "submitted_at", "answer", "published_at", "department__name")
                 .order_by("-published_at", "-pk"))
    page = Paginator(published, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_public(request, "interaction/public/list.html", {"page": page, "query_form": QueryForm()},
                         columns=Columns.load(), current=CURRENT)


@public_form
def leave(request):
    """我要留言: the form, its captcha, and the limits per address; a refusal keeps what was typed."""
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message = services.leave_message(form.message_input(), captcha_nonce=form.captcha_nonce,
                                                 request=request)
            except services.InteractionError as error:
                form.add_error(None, str(error))
                status = 429 if isinstance(error, services.TooManyMessages) else 400
            else:
                return redirect(reverse("messages:status", args=[message.code]) + "?sent=1")
        else:
            status = 400
        form.renew_challenge()
    return render_form_page(request, "interaction/public/form.html", {"form": form}, status=status)


@public_form
def query(request):
    """查询: the query code typed in, taken to its status page."""
    form = QueryForm(request.GET or None)
    if form.is_valid():
        return redirect("messages:status", services.normalise_code(form.cleaned_data["code"]))
    return redirect("messages:list")


@public_view
def status(request, code: str):
    """留言办理情况: the status; the question and answer once the answer is published."""
    columns = Columns.load()
    message = Message.objects.select_related("department").filter(code=services.normalise_code(code)).first()
    if message is None:
        return not_found(request, columns)
    return render_public(request, "interaction/public/status.html", {
        "message": message, "sent": request.GET.get("sent") == "1",
        "published": message.status == Message.Status.PUBLISHED, "public_status": public_status(message)}, columns=columns, current=CURRENT)


def public_status(message: Message) -> str:
    """The status in the public's words (the back office's steps after moderation are all 办理中)."""
    if message.status == Message.Status.NEW:
        return _("待审核")
    if message.status == Message.Status.UNSUITABLE:
        return _("不予公开")
    if message.status == Message.Status.PUBLISHED:
        return _("已答复")
    return _("办理中")
