"""API bearer tokens (接口令牌): issued after a password (and second-factor) check, stored hashed."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import ApiToken, Person

TOKEN_LIFETIME = timedelta(hours=12)
LAST_USE_PRECISION = timedelta(minutes=1)  # a read through the API writes at most once a minute per token


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(person: Person) -> tuple[str, ApiToken]:
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(person=person, key_hash=_digest(key), expires_at=timezone.now() + TOKEN_LIFETIME)
    return key, token


def person_for_token(key: str) -> Person | None:
    now = timezone.now()
    token = ApiToken.objects.select_related("person").filter(key_hash=_digest(key), expires_at__gt=now).first()
    if token is None or not token.person.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.person
