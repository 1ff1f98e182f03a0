"""What the public website (门户网站) is made of: the body's name and the website columns (网站栏目).

A column is visible to the public when it and every column above it is an active, non-classified
website column (涉密不上网); it is offline (熔断) when it or a column above it is offline. Everything
the public pages list comes from LIVE publications in open columns, read from the published revision.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sanshen.channels.models import Channel
from sanshen.org.models import Department
from sanshen.publishing.models import Publication
from sanshen.web import editions


def site_title() -> str:
    """The name of the body that runs the site: its top internal department (e.g. 江城市工业和信息化局)."""
    return editions.kept_in_process("website.title", _read_site_title)


def _read_site_title() -> str:
    name = (Department.objects.filter(kind=Department.Kind.INTERNAL, parent__isnull=True, is_active=True)
            .order_by("pk").values_list("name", flat=True).first())
    return name or _("门户网站")


@dataclass
class Columns:
    """All website columns, loaded in one query, with their public state."""

    by_id: dict[int, Channel]
    children: dict[int | None, list[Channel]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Columns":
        """The columns as the data's edition has them (read once per edition in each process)."""
        return editions.kept_in_process("website.columns", cls._read)

    @classmethod
    def _read(cls) -> "Columns":
        channels = Channel.objects.filter(kind=Channel.Kind.WEBSITE_COLUMN).only(
            "name", "parent", "is_active", "is_classified", "is_offline", "kind").order_by("pk")
        columns = cls({channel.pk: channel for channel in channels})
        for channel in columns.by_id.values():
            columns.children.setdefault(channel.parent_id, []).append(channel)
        return columns

    def _line(self, pk: int) -> list[Channel]:
        """The column and the columns above it; empty when one of them is not a website column."""
        line, seen = [], set()
        while pk is not None and pk not in seen:
            channel = self.by_id.get(pk)
            if channel is None:
                return []
            line.append(channel)
            seen.add(pk)
            pk = channel.parent_id
        return line

    def top(self, pk: int) -> Channel:
        """The top-level column above (or being) a visible column: the one the menu marks."""
        return self._line(pk)[-1]

    def visible(self, pk: int) -> Channel | None:
        """The column if the public may know it (online or offline), else None."""
        line = self._line(pk)
        if line and all(c.is_active and not c.is_classified for c in line):
            return line[0]
        return None

    def is_offline(self, pk: int) -> bool:
        return any(c.is_offline for c in self._line(pk))

    def is_open(self, pk: int) -> bool:
        return self.visible(pk) is not None and not self.is_offline(pk)

    @property
    def visible_ids(self) -> list[int]:
        return [pk for pk in self.by_id if self.visible(pk)]

    @property
    def open_ids(self) -> list[int]:
        return [pk for pk in self.by_id if self.is_open(pk)]

    def open_children(self, pk: int | None) -> list[Channel]:
        return [c for c in self.children.get(pk, []) if self.is_open(c.pk)]

    @property
    def menu(self) -> list[Channel]:
        """The top-level open columns, in the order they were set up."""
        return self.open_children(None)

    def family(self, pk: int) -> list[int]:
        """The open column and its open sub-columns at every depth."""
        found, todo = [], [pk]
        while todo:
            current = todo.pop()
            if current not in found and self.is_open(current):
                found.append(current)
                todo.extend(c.pk for c in self.children.get(current, []))
        return found


def live_in(channel_ids) -> QuerySet:
    """LIVE publications in these columns, newest first, with the title of the published revision."""
    return (Publication.objects.filter(status=Publication.Status.LIVE, channel_id__in=list(channel_ids))
            .select_related("revision", "channel")
            .only("item_id", "published_at", "revision__title", "channel__name")
            .order_by("-published_at", "-pk"))


def one_per_item(publications, limit: int) -> list[Publication]:
    """The first publication of each item (an item may be live in several columns), at most `limit`."""
    seen, kept = set(), []
    for publication in publications:
        if publication.item_id not in seen:
            seen.add(publication.item_id)
            kept.append(publication)
            if len(kept) == limit:
                break
    return kept


def paragraphs(text: str) -> list[str]:
    """The body's paragraphs: one per non-empty line (leading full-width spaces dropped; CSS indents)."""
    return [line.strip(" \t\u3000") for line in text.splitlines() if line.strip(" \t\u3000")]
