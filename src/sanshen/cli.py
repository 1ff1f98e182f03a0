"""The `sanshen` console script.

`sanshen screen ...` runs the screening engine without Django; `sanshen serve [ADDR]` serves the
product; everything else (`demo`, `worker`, `audit`, `migrate`, ...) is a Django management command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["screen"]:
        from sanshen.screening.cli import main as screen_main

        return screen_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanshen.settings")
    from django.core.management import execute_from_command_line

    if argv[:1] == ["serve"]:
        address = argv[1] if len(argv) > 1 else "127.0.0.1:8000"
        argv = ["runserver", "--noreload", address]
    execute_from_command_line(["sanshen", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
