"""The production server behind `sanshen serve` (生产服务器): gunicorn serving sanshen.wsgi.

`N` worker processes of `T` threads each (default: two processes per core, four threads); static files
come from WhiteNoise inside the application, indexed once at start and sent with caching headers, so no
request for them reaches a view. Signals are gunicorn's: HUP restarts the workers gracefully with the code now installed
(an upgrade), TERM stops after the requests in flight, TTIN/TTOU add or remove a worker.
"""

import os
import sys

from gunicorn.app.base import BaseApplication

DEFAULT_THREADS = 4
GRACEFUL_SECONDS = 30


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1)


class SanshenServer(BaseApplication):
    """gunicorn configured from our own arguments instead of its command line."""

    def __init__(self, address: str, workers: int, threads: int, pidfile: str | None = None):
        self.options = {
            "bind": address, "workers": workers, "threads": threads, "worker_class": "gthread",
            "graceful_timeout": GRACEFUL_SECONDS, "timeout": 60, "keepalive": 5, "backlog": 2048,
            "max_requests": 20000, "max_requests_jitter": 2000,  # bound any slow growth of a worker's memory
            "accesslog": None, "errorlog": "-", "loglevel": "warning", "proc_name": "sanshen",
            "pidfile": pidfile, "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        }
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self):
        from sanshen.wsgi import application

        return application


def run(address: str, workers: int, threads: int, pidfile: str | None = None) -> None:
    """Serve until stopped; returns in the master process only."""
    sys.argv = sys.argv[:1]  # gunicorn reads sys.argv for its own options; ours are already parsed
    SanshenServer(address, workers, threads, pidfile).run()
