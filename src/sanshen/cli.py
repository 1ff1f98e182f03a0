"""The `sanshen` console script.

`sanshen screen ...` runs the screening engine without Django; `sanshen serve [ADDR] [--no-worker]` serves
the product with a background worker beside it; everything else (`demo`, `worker`, `audit`, `migrate`, ...) is a Django management command.
"""

import os
import signal
import subprocess
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["screen"]:
        from sanshen.screening.cli import main as screen_main

        return screen_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanshen.settings")
    from django.core.management import execute_from_command_line

    if argv[:1] == ["serve"]:
        return serve(argv[1:])
    execute_from_command_line(["sanshen", *argv])
    return 0


def serve(args: list[str]) -> int:
    """Serve the product; unless `--no-worker`, a background worker runs beside it (scheduled publishing,
    deliveries, re-screening, daily jobs) and stops with it."""
    from django.core.management import execute_from_command_line

    with_worker = "--no-worker" not in args
    args = [a for a in args if a != "--no-worker"]
    address = args[0] if args else "127.0.0.1:8000"
    worker = subprocess.Popen([sys.executable, "-m", "sanshen.cli", "worker"]) if with_worker else None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that stopping the server stops its worker too
    try:
        execute_from_command_line(["sanshen", "runserver", "--noreload", address])
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
