"""The data's edition (数据版本): keep what is costly to compute until the data it comes from changes.

One row holds a random token, replaced inside the transaction of every save or delete of the models the
kept things are computed from (`watch`: publications, channels and departments for the public pages;
items, signatures, stages, roles and pledges for the review queues). What is kept in the cache is keyed
by the token read at the start (`kept`), so once a change commits, every app server asks a new key and
computes afresh, while unchanged data costs one primary-key query. One row, not one per kind: writers
then wait on a single lock and never on two in opposite orders. The cache is the configured one: local
memory per process, or Redis shared by all servers.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Edition

DATA = "data"
KEPT_SECONDS = 24 * 3600


def current() -> str | None:
    """The data's edition now; None when its row is missing (a database emptied by hand): keep nothing."""
    return Edition.objects.filter(name=DATA).values_list("token", flat=True).first()


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
