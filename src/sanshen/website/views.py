"""The public website's pages (门户网站): home, columns, items, search. No login; LIVE publications only. P4, P6."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from sanshen.publishing.models import Publication

from . import search
from .page_cache import kept_page
from .portal import Columns, live_in, one_per_item, paragraphs
from .responses import not_found, notice, public_view, render_public, under_maintenance

HOME_ITEMS = 8
COLUMN_PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 10


def public_date(moment) -> str:
    return format_date(timezone.localtime(moment), "Y年n月j日")


@public_view
@kept_page
def home(request):
    """首页: the latest items of each top-level column (its sub-columns included)."""
    columns = Columns.load()
    blocks = [(column, one_per_item(live_in(columns.family(column.pk))[:HOME_ITEMS * 2], HOME_ITEMS))
              for column in columns.menu]
    return render_public(request, "website/home.html", {"blocks": blocks}, columns=columns, current="home")


@public_view
@kept_page
def column(request, pk: int):
    """栏目页: the column's items and its sub-columns', newest first, paginated."""
    columns = Columns.load()
    channel = columns.visible(pk)
    if channel is None:
        return not_found(request, columns)
    if columns.is_offline(pk):
        return under_maintenance(request, columns, channel)
    page = Paginator(live_in(columns.family(pk)), COLUMN_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_public(request, "website/column.html", {
        "column": channel, "parent": columns.by_id.get(channel.parent_id), "page": page,
        "sub_columns": columns.open_children(pk)}, columns=columns, current=columns.top(pk).pk)


@public_view
@kept_page
def item(request, pk: int):
    """信息页: the published revision in an online column; 503 if only offline ones, 410 if retracted."""
    columns = Columns.load()
    publications = list(Publication.objects.filter(
        item_id=pk, channel_id__in=columns.visible_ids,
        status__in=[Publication.Status.LIVE, Publication.Status.RETRACTED]).select_related("revision")
        .order_by("-published_at", "-pk"))
    live = [p for p in publications if p.status == Publication.Status.LIVE]
    shown = next((p for p in live if columns.is_open(p.channel_id)), None)
    if shown is not None:
        channel = columns.by_id[shown.channel_id]
        return render_public(request, "website/item.html", {
            "publication": shown, "revision": shown.revision, "column": channel,
            "paragraphs": paragraphs(shown.revision.body)}, columns=columns, current=columns.top(channel.pk).pk)
    if live:
        return under_maintenance(request, columns, columns.by_id[live[0].channel_id])
    retracted = [p.retracted_at for p in publications if p.retracted_at]
    if retracted:
        return notice(request, columns, status=410, heading=_("该信息已撤回"),
                      message=_("该信息已于%(date)s撤回，不再公开。") % {"date": public_date(max(retracted))})
    return not_found(request, columns)


@public_view
def search_page(request):
    """站内搜索: every word of the query, title hits first, then the newest."""
    columns = Columns.load()
    query = request.GET.get("q", "").strip()
    problem = search.query_problem(query)
    page = results = None
    if problem is None:
        words = search.terms(query)
        open_ids = columns.open_ids
        page = Paginator(search.matching_items(words, open_ids), SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        results = search.results(page.object_list, words, open_ids)
    return render_public(request, "website/search.html", {
        "query": query, "problem": problem, "page": page, "results": results}, columns=columns)


@public_view
def missing(request, rest: str = ""):
    """Any other address under the site: the public 404 page."""
    return not_found(request)
