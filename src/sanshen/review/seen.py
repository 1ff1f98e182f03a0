"""What a reviewer has already read (审核人已阅版本): the revisions they looked at on the decision form, and the
changes since the last of them (自上次查看以来的修改)."""

from django.utils import timezone

from sanshen.content.diff import char_diff
from sanshen.content.models import Item, Revision
from sanshen.org.models import Person

from .models import ReviewerSeen


def mark_seen(person: Person, item: Item) -> None:
    """Remember that `person` has looked at (or signed) the item's current revision."""
    if item.current_revision_id is not None:
        ReviewerSeen.objects.update_or_create(person=person, revision_id=item.current_revision_id,
                                              defaults={"item": item, "at": timezone.now()})


def last_seen_before(person: Person, item: Item) -> Revision | None:
    """The newest older revision `person` saw, or None when they have seen no older one."""
    current = item.current_revision
    if current is None:
        return None
    seen = (ReviewerSeen.objects.filter(person=person, item=item, revision__number__lt=current.number)
            .select_related("revision").order_by("-revision__number").first())
    return seen.revision if seen else None


def changes_since_seen(person: Person, item: Item) -> dict | None:
    """The character diff from the last older revision `person` saw to the current one, as `content/_diff.html`
    shows it; None when there is nothing older they saw."""
    old, new = last_seen_before(person, item), item.current_revision
    if old is None:
        return None
    return {"old": old, "new": new, "title_diff": char_diff(old.title, new.title),
            "body_diff": char_diff(old.body, new.body), "same": old.content_hash == new.content_hash}
