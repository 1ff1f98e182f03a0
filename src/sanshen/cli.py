"""The `sanshen` console script.

`sanshen screen ...` runs the screening engine without Django; `sanshen serve [ADDR] [--workers N] [--threads T]
[--no-worker]` serves the product with the production server (granian) and a background worker beside it;
everything else (`demo`, `worker`, `audit`, `migrate`, ...) is a Django management command.
"""

import argparse
import os
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
    """Serve the product with the production server; unless `--no-worker`, a background worker runs beside
    it (scheduled publishing, deliveries, re-screening, daily jobs) and stops with it."""
    from sanshen import server

    parser = OneLineParser(prog="sanshen serve", description="Serve Sanshen (granian).")
    parser.add_argument("address", nargs="?", type=host_and_port, default="127.0.0.1:8000",
                        help="host:port (default 127.0.0.1:8000)")
    parser.add_argument("--workers", type=positive, default=server.default_workers(),
                        help="server processes (default: one per core)")
    parser.add_argument("--threads", type=positive, default=server.DEFAULT_THREADS,
                        help=f"threads per process (default {server.DEFAULT_THREADS})")
    parser.add_argument("--pidfile", help="write the server's process id here (for kill -HUP on upgrade)")
    parser.add_argument("--no-worker", action="store_true", help="do not start a background worker beside it")
    options = parser.parse_args(args)
    host, port = options.address
    print(f"Sanshen 三审：http://{host}:{port}/ （{options.workers} 个进程；Ctrl-C 停止）", flush=True)
    master = os.getpid()
    worker = None if options.no_worker else subprocess.Popen([sys.executable, "-m", "sanshen.cli", "worker"])
    try:
        server.run(host, port, options.workers, options.threads, options.pidfile)
    finally:
        if worker is not None and os.getpid() == master:  # not in a forked server process leaving
            worker.terminate()
            worker.wait(10)
    return 0


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments: one line on stderr, exit 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message}\n")


def host_and_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"须为“地址:端口”，如 127.0.0.1:8000：{text}")
    return host or "127.0.0.1", int(port)


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"须为正整数：{text}")
    return int(text)


if __name__ == "__main__":
    sys.exit(main())
