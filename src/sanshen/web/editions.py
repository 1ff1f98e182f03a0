"""Editions (数据版本): keep what is costly to compute until the data it comes from changes.

Each kind of data — "site" (what the public pages show), "review" (what waits for whom) — has one row
whose random token is replaced, inside the transaction of the change, by a receiver connected to every
save and delete of the models it reads (`watch`). What is kept in the cache is keyed by the token read
at the start (`kept`), so once a change commits, every app server asks a new key and computes afresh,
while unchanged data costs one primary-key query. The cache is the configured one: local memory per
process, or Redis shared by all servers.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Edition

KEPT_SECONDS = 24 * 3600


def current(name: str) -> str | None:
    """The data's edition now; None when its row is missing (a database emptied by hand): keep nothing."""
    return Edition.objects.filter(name=name).values_list("token", flat=True).first()


def renew(name: str) -> None:
    """The data changed: everything kept for an earlier edition is stale."""
    token = uuid.uuid4().hex
    if not Edition.objects.filter(name=name).update(token=token):
        Edition.objects.update_or_create(name=name, defaults={"token": token})


def watch(name: str, *models, m2m=()) -> None:
    """Renew `name` on every save or delete of `models` and every change of the many-to-many `m2m`."""

    def changed(sender, **kwargs):
        renew(name)

    for model in models:
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"edition.{name}.save.{model._meta.label}")
        post_delete.connect(changed, sender=model, weak=False,
                            dispatch_uid=f"edition.{name}.delete.{model._meta.label}")
    for through in m2m:
        m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"edition.{name}.m2m.{through._meta.label}")


def key(name: str, what: str) -> str | None:
    """The cache key of `what` in the current edition of `name`, or None when nothing may be kept."""
    token = current(name)
    return None if token is None else f"{name}:{token}:{what}"


def kept(name: str, what: str, compute):
    """`compute()`, computed once per edition of `name` and kept in the cache."""
    full = key(name, what)
    if full is None:
        return compute()
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, KEPT_SECONDS)
    return value
