"""The data's edition (数据版本): keep what is costly to compute until the data it comes from changes.

One row holds a random token, replaced inside the transaction of every save or delete of the models the
kept things are computed from (`watch`: publications, channels and departments for the public pages;
items, signatures, stages, roles and pledges for the review queues). What is kept in the cache is keyed
by the token read at the start (`kept`), so once a change commits, every app server asks a new key and
computes afresh, while unchanged data costs one indexed query. One row, not one per kind: writers
then wait on a single lock and never on two in opposite orders. The cache is the configured one: local
memory per process, or Redis shared by all servers; small things every page needs (the site's columns)
are also kept in the process's own memory (`kept_in_process`), still under the edition.

A read-only request may `pin` the edition it read first, so that everything it computes is kept under
that one token without asking again: what it computes is at least as new as the token says.
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Edition

DATA = "data"
KEPT_SECONDS = 24 * 3600
_pinned: ContextVar[str | None] = ContextVar("edition", default=None)
_in_process: dict[str, dict] = {}  # the edition's token → what this process computed for it


def current() -> str | None:
    """The data's edition now (the one pinned for this request, if any); None when its row is missing
    (a database emptied by hand): keep nothing. Plain SQL: it is asked on every public page."""
    token = _pinned.get()
    if token is not None:
        return token
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {Edition._meta.db_table} WHERE name = %s", [DATA])
        row = cursor.fetchone()
    return row[0] if row else None


@contextmanager
def pinned(token: str | None):
    """Within the block, `current()` answers `token` without a query (a read-only request's own edition)."""
    reset = _pinned.set(token)
    try:
        yield
    finally:
        _pinned.reset(reset)


def renew(**signal) -> None:
    """The data changed: everything kept for an earlier edition is stale."""
    token = uuid.uuid4().hex
    if not Edition.objects.filter(name=DATA).update(token=token):
        Edition.objects.update_or_create(name=DATA, defaults={"token": token})


def watch(*models, m2m=()) -> None:
    """Renew the edition on every save or delete of `models` and every change of the many-to-many `m2m`."""
    for model in models:
        label = model._meta.label
        post_save.connect(renew, sender=model, dispatch_uid=f"edition.save.{label}")
        post_delete.connect(renew, sender=model, dispatch_uid=f"edition.delete.{label}")
    for through in m2m:
        m2m_changed.connect(renew, sender=through, dispatch_uid=f"edition.m2m.{through._meta.label}")


def key(what: str) -> str | None:
    """The cache key of `what` in the current edition, or None when nothing may be kept."""
    token = current()
    return None if token is None else f"{token}:{what}"


def kept(what: str, compute):
    """`compute()`, computed once per edition and kept in the cache."""
    full = key(what)
    if full is None:
        return compute()
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, KEPT_SECONDS)
    return value


def kept_in_process(what: str, compute):
    """`compute()`, computed once per edition in this process and kept in its memory (what it returns must
    be small and never changed by its users). Only the latest edition's values are held."""
    token = current()
    if token is None:
        return compute()
    values = _in_process.get(token)
    if values is None:
        values = {}
        _in_process.clear()
        _in_process[token] = values
    if what not in values:
        values[what] = compute()
    return values[what]
