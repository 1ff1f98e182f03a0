"""Every login, logout and failed login goes into the audit log (登录日志). A2."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sanshen.oversight.audit import record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record("account.login", actor=user, obj=user, request=request)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record("account.logout", actor=user, obj=user, request=request)


@receiver(user_login_failed)
def audit_login_failure(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record("account.login_failed", request=request, actor_username=username, details={"username": username})
