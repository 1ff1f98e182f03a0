"""Telling people that something waits for them (提醒): in the app, and by e-mail when configured."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Notification


def notify(people, message: str, url: str = "") -> None:
    """Leave `message` for each person; e-mail them after the transaction commits."""
    people = [p for p in people if p is not None]
    Notification.objects.bulk_create([Notification(person=p, message=message[:300], url=url) for p in people])
    if settings.EMAIL_HOST:
        addresses = [p.email for p in people if p.email]
        if addresses:
            transaction.on_commit(lambda: send_mail("三审提醒", f"{message}\n{url}", None, addresses,
                                                    fail_silently=True))


def unread_count(person) -> int:
    return Notification.objects.filter(person=person, read_at__isnull=True).count()
