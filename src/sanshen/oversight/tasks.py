"""Background jobs of oversight."""

from django_tasks import task

from .audit import check_in_full
from .digest import send_digest


@task()
def check_audit_chain() -> dict:
    """Verify the audit chain and record the result in the chain itself (日志完整性校验)."""
    verdict = check_in_full()
    return {"ok": verdict.ok, "entries": verdict.entries, "bad_seq": verdict.bad_seq}


@task()
def send_daily_digest() -> dict:
    """Send today's digest of breaches (超期未更新日报), once a day."""
    result = send_digest()
    return {"day": str(result.day), "sent": result.sent, "breaches": result.breaches, "recipients": result.recipients}
