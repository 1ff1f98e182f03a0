"""Background jobs asked for by name (后台任务).

A task module imports the use cases it runs (`tasks.py` → `services.py`); a use case that hands work on to
the worker asks for the task by its dotted path instead of importing the task module, so tasks stay above
services and the two never import each other.
"""

from datetime import datetime

from django.utils.module_loading import import_string


def enqueue(path: str, *args, run_after: datetime | None = None):
    """Enqueue the task at `path` (e.g. ``sanshen.lexicons.tasks.rescreen``) with `args`, at `run_after` if given."""
    task = import_string(path)
    return (task.using(run_after=run_after) if run_after else task).enqueue(*args)
