"""Keeping the search index in step with publishing (索引维护): called inside the publishing transaction."""

from .search import drop_publication, index_publication


def keep_search_index(sender, publication, action, **kwargs):
    """A website publication going live is indexed; a retracted or superseded one leaves the index."""
    if not publication.channel.is_website:
        return
    if action == "publish":
        index_publication(publication)
    elif action in ("retract", "supersede"):
        drop_publication(publication)
