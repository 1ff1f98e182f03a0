"""Benchmark: `sanshen screen FILE` on a small file (about 200 characters), each run a new process:
cold (an empty cache directory: the run builds the rule data and writes the cache) and warm (the
next runs, reading it).  Prints seconds per run and the interpreter's own start for comparison,
and checks that every run prints the same.  Not part of the test run:

    .venv/bin/python bench/bench_startup.py [WARM_RUNS]

A temporary SANSHEN_CACHE_DIR is used, so the figures do not depend on what var/cache holds.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = ("我局召开安全生产工作会议，会议强调要不忘初心，各单位要认真部暑，一如继往地抓好落实。"
        "现将国家质检总局有关通知转发给你们，请于本周内完成设备按装调试。联系电话13812345678。\n") * 2


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, env=env)
    took = time.perf_counter() - t
    if r.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {r.stderr.decode()}")
    return took, r.stdout


def main() -> int:
    warm_runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as d:
        sample = Path(d) / "sample.txt"
        sample.write_text(TEXT, encoding="utf-8")
        env = {**os.environ, "SANSHEN_CACHE_DIR": str(Path(d) / "cache")}
        python = min(timed([sys.executable, "-c", "pass"], env)[0] for _ in range(3))
        print(f"file: {len(TEXT)} characters; interpreter start alone: {python:.3f} s")
        for args in (["--no-typos"], []):
            cmd = [sys.executable, "-m", "sanshen.cli", "screen", *args, str(sample)]
            for p in (Path(d) / "cache").glob("*"):
                p.unlink()
            cold, want = timed(cmd, env)
            warm = []
            for _ in range(warm_runs):
                took, out = timed(cmd, env)
                if out != want:
                    raise SystemExit("a warm run printed something else than the cold run")
                warm.append(took)
            label = "sanshen screen " + " ".join([*args, "FILE"])
            print(f"{label}: cold {cold:.2f} s; warm {statistics.median(warm):.2f} s median, "
                  f"{min(warm):.2f} s best of {warm_runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
