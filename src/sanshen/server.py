"""The production server behind `sanshen serve` (生产服务器): granian serving sanshen.wsgi.

Granian reads and writes HTTP in Rust and hands each request to one of `N` worker processes, each running
the application in `T` threads (default: one process per core, one thread — a page's work is Python
under one lock per process, so extra processes or threads only make pages wait on each other on a busy
server; measured with `bench/bench_load.py --workers N --threads T`, see docs/deploy.md). Raise `T`
where some requests wait long on something else (a slow network disk). Static files come from WhiteNoise
inside the application, indexed once at start and sent with caching headers, so no request for them
reaches a view. Signals to the master: HUP starts new workers with the code now installed, one by one,
each before its old one stops (an upgrade without a refused request); TERM stops after the requests in
flight.
"""

import os
from pathlib import Path

DEFAULT_THREADS = 1
GRACEFUL_SECONDS = 30
LARGEST_WORKER_MB = 1024  # a worker grown past this is replaced, gracefully: bounds any slow growth of memory


def default_workers() -> int:
    return os.cpu_count() or 1


def run(host: str, port: int, workers: int, threads: int, pidfile: str | None = None) -> None:
    """Serve until stopped (TERM or INT); returns in the master process only."""
    from granian.constants import Interfaces
    from granian.log import LogLevels
    from granian.server import Server

    Server("sanshen.wsgi:application", address=host, port=port, interface=Interfaces.WSGI,
           workers=workers, blocking_threads=threads, backlog=2048, log_level=LogLevels.warning,
           respawn_failed_workers=True, workers_kill_timeout=GRACEFUL_SECONDS, workers_max_rss=LARGEST_WORKER_MB,
           pid_file=Path(pidfile) if pidfile else None).serve()
