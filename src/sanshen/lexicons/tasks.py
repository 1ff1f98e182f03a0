"""Background jobs of the lexicons: re-screening what is published after the rules change (复查)."""

from django_tasks import task

from .rescreen import run_rescreen


@task()
def rescreen(run_id: int) -> dict:
    """Re-screen every live published revision for run `run_id` (resumable; several workers may share it)."""
    run = run_rescreen(run_id)
    return {"status": run.status, "total": run.total, "done": run.done, "flagged": run.flagged}
