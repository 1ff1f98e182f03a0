"""Chinese site search (站内搜索): jieba segmentation, an index of live website publications, highlights.

Titles and bodies are segmented with `jieba.lcut_for_search` and each distinct word is stored once per
entry; a query is segmented the same way and finds the items holding every word (AND), ranked by how
many of the words are in the title, then by recency. Plain ORM: the same on SQLite and PostgreSQL.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.db.models import Count, Max, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sanshen.publishing.models import Publication

from .models import TERM_MAX_LENGTH, SearchEntry, SearchTerm

QUERY_MAX_LENGTH = 50
SNIPPET_LENGTH = 120
SNIPPET_BEFORE = 30


@cache
def _jieba():
    """jieba with its dictionary loaded: on first use, once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def terms(text: str) -> list[str]:
    """The distinct search words of `text`, in order: NFKC-normalised, lower case, punctuation dropped."""
    found = {}
    for word in _jieba().lcut_for_search(text):
        word = unicodedata.normalize("NFKC", word).strip().lower()[:TERM_MAX_LENGTH]
        if any(ch.isalnum() for ch in word):
            found.setdefault(word, None)
    return list(found)


def index_publication(publication: Publication) -> SearchEntry:
    """(Re)write the entry of a live website publication from its published revision."""
    SearchEntry.objects.filter(publication=publication).delete()
    entry = SearchEntry.objects.create(publication=publication, item_id=publication.item_id,
                                       channel_id=publication.channel_id, published_at=publication.published_at)
    revision = publication.revision
    in_title = set(terms(revision.title))
    words = dict.fromkeys([*in_title, *terms(revision.body)])
    SearchTerm.objects.bulk_create([SearchTerm(entry=entry, term=w, in_title=w in in_title) for w in words])
    return entry


def drop_publication(publication: Publication) -> None:
    SearchEntry.objects.filter(publication=publication).delete()


def query_problem(query: str) -> str | None:
    """Why this query cannot be searched, as a friendly sentence, or None."""
    if not query:
        return _("请输入要搜索的词语。")
    if len(query) > QUERY_MAX_LENGTH:
        return _("搜索词太长了，请控制在%(n)d个字以内。") % {"n": QUERY_MAX_LENGTH}
    if not terms(query):
        return _("搜索词中没有可以查找的文字或数字。")
    return None


def matching_items(words: list[str], channel_ids) -> QuerySet:
    """Items with an entry in these columns holding every word: dicts of item id, title hits, latest date."""
    return (SearchTerm.objects.filter(term__in=words, entry__channel_id__in=list(channel_ids))
            .values("entry__item_id")
            .annotate(hits=Count("term", distinct=True),
                      title_hits=Count("term", distinct=True, filter=Q(in_title=True)),
                      latest=Max("entry__published_at"))
            .filter(hits=len(words))
            .order_by("-title_hits", "-latest", "-entry__item_id"))


@dataclass
class Result:
    item_id: int
    title: SafeString
    snippet: SafeString
    entry: SearchEntry


def results(rows, words: list[str], channel_ids) -> list[Result]:
    """The page of `matching_items` rows as results: the newest entry of each item, highlighted."""
    ids = [row["entry__item_id"] for row in rows]
    newest = {}
    for entry in (SearchEntry.objects.filter(item_id__in=ids, channel_id__in=list(channel_ids))
                  .select_related("publication__revision", "channel").order_by("-published_at", "-pk")):
        newest.setdefault(entry.item_id, entry)
    pattern = word_pattern(words)
    return [Result(pk, highlight(newest[pk].publication.revision.title, pattern),
                   highlight(snippet(newest[pk].publication.revision.body, pattern), pattern), newest[pk])
            for pk in ids if pk in newest]


def word_pattern(words: list[str]) -> re.Pattern:
    """Any of the words, longest first, ignoring case."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def snippet(body: str, pattern: re.Pattern) -> str:
    """A short window of the body around the first match (or its beginning)."""
    text = " ".join(body.split())
    found = pattern.search(text)
    start = max(0, found.start() - SNIPPET_BEFORE) if found else 0
    window = text[start:start + SNIPPET_LENGTH]
    return ("…" if start else "") + window + ("…" if start + SNIPPET_LENGTH < len(text) else "")


def highlight(text: str, pattern: re.Pattern) -> SafeString:
    """The text escaped, with each match wrapped in <mark> (the escaped pieces are joined, never the raw text)."""
    out, at = [], 0
    for found in pattern.finditer(text):
        out += [escape(text[at:found.start()]), "<mark>", escape(found.group()), "</mark>"]
        at = found.end()
    out.append(escape(text[at:]))
    return mark_safe("".join(out).replace("</mark><mark>", ""))  # neighbouring words read as one
