"""Load benchmark: a year's data served by the production command to 50 people at once.

Builds a database with the demo organisation, 20,000 published items and 3,000 items waiting in review
(PostgreSQL when one answers on 127.0.0.1:5432, in a database of its own; SQLite otherwise), serves it
with `sanshen serve` (granian), signs in as the section head over HTTP, and drives each page with wrk
(Debian's, `apt-get install wrk`): 50 connections for 15 s a page — "(500)" picks one of 500 different
items per request, "(one)" asks one item as issue 10 measured it — loopback only — back to back (the
server saturated), or with `--think MS`, each connection pausing about that long between requests like a
person reading. Prints one request alone (rendered afresh, and asked again: a signed-in page asked again
while nothing has committed is served as kept, web/personal_pages.py), then under load median / p90 / p99
latency, requests per second, errors (any answer but 200, timeouts, socket errors) per page, and the resident memory of each server process. Not part of the test run:
    .venv/bin/python bench/bench_load.py [--published N] [--in-review N] [--seconds S] [--connections C]
                                          [--workers N] [--threads T] [--think MS] [--sqlite] [--only NAME]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

PASSWORD = "Demo-2026!pass"
PG_BASE = "postgres://postgres@127.0.0.1:5432"
DATABASE = "sanshen_bench_load"
WRK_SCRIPT = """
local paths, n = {}, 0
for line in io.lines(os.getenv("BENCH_PATHS")) do n = n + 1; paths[n] = line end
math.randomseed(7)
local think = tonumber(os.getenv("BENCH_THINK_MS") or "0")
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() not_ok = 0 end
request = function() return wrk.format("GET", paths[math.random(n)]) end
response = function(status) if status ~= 200 then not_ok = not_ok + 1 end end
if think > 0 then delay = function() return math.random(math.floor(think / 2), math.floor(think * 3 / 2)) end end
done = function(summary, latency, requests)
  local e, refused = summary.errors, 0
  for _, thread in ipairs(threads) do refused = refused + thread:get("not_ok") end
  io.write(string.format("JSON {\\"p50\\": %f, \\"p90\\": %f, \\"p99\\": %f, \\"requests\\": %d, "
    .. "\\"seconds\\": %f, \\"not200\\": %d, \\"timeouts\\": %d, \\"socket\\": %d}\\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, refused, e.timeout, e.connect + e.read + e.write))
end
"""


def postgres_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def fresh_database(var: str, use_postgres: bool) -> str:
    if not use_postgres:
        return f"sqlite:///{var}/bench.sqlite3"
    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"{PG_BASE}/{DATABASE}"


def build(published: int, in_review: int) -> dict:
    import django

    django.setup()
    from django.db import connection

    from bench_site import setup_database

    start = time.perf_counter()
    made = setup_database(published, in_review)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connection.close()
    print(f"built {published:,} published + {in_review:,} in review on {connection.vendor} "
          f"in {time.perf_counter() - start:.0f} s")
    return made


class Session:
    """A signed-in browser session over plain HTTP (the login form, its CSRF token and cookies)."""

    def __init__(self, port: int):
        self.port, self.cookies, self.last_headers = port, {}, {}

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent = {"Cookie": cookie, "Referer": f"http://127.0.0.1:{self.port}/login/", **(headers or {})}
        data = None
        if body is not None:
            data = urlencode(body) if not sent.get("Content-Type") else json.dumps(body)
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        self.last_headers = {header.lower(): value for header, value in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def log_in(self, username: str) -> None:
        _, page = self.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request("POST", "/login/", {"username": username, "password": PASSWORD,
                                                     "csrfmiddlewaretoken": token})
        assert status == 302 and "sessionid" in self.cookies, f"login as {username} failed ({status})"

    def api_token(self, username: str) -> str:
        status, body = self.request("POST", "/api/auth/token", {"username": username, "password": PASSWORD},
                                    headers={"Content-Type": "application/json"})
        assert status == 200, body
        return json.loads(body)["token"]


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "sanshen.cli", "serve", f"127.0.0.1:{port}", "--no-worker",
                               "--workers", str(workers), "--threads", str(threads)], env=env,
                              start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not answer within 60 s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def process_tree(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            todo += [int(c) for c in children.read_text().split()]
    return found


def drive(port: int, paths: list[str], headers: dict, connections: int, seconds: int, workdir: str,
          think_ms: int = 0) -> dict:
    """One wrk run over `paths` (picked at random per request), each connection pausing about `think_ms`
    between requests (0: none, the server saturated); the figures it prints."""
    path_file = Path(workdir) / "paths.txt"
    path_file.write_text("\n".join(paths) + "\n")
    script = Path(workdir) / "bench.lua"
    script.write_text(WRK_SCRIPT)
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "2s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run([*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True,
                            env={**os.environ, "BENCH_PATHS": str(path_file), "BENCH_THINK_MS": str(think_ms)},
                            timeout=seconds + 60)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no figures: {result.stdout}{result.stderr}")
    return json.loads(line[5:])


def one_alone(session: Session, path: str, headers: dict, workers: int) -> tuple[float, float]:
    """Requests made one at a time, after each worker process has answered a few (ms, median of five):
    rendered afresh (each with a query string of its own, so no kept page answers) and asked again."""
    for _ in range(4 * workers):
        session.request("GET", path, headers=headers)

    def median(paths):
        times = []
        for asked in paths:
            start = time.perf_counter()
            status, _ = session.request("GET", asked, headers=headers)
            times.append((time.perf_counter() - start) * 1000)
            assert status == 200, (asked, status)
        return sorted(times)[len(times) // 2]

    fresh = [f"{path}{'&' if '?' in path else '?'}alone={time.time_ns()}-{n}" for n in range(5)]
    return median(fresh), median([path] * 5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--published", type=int, default=20000)
    parser.add_argument("--in-review", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--sqlite", action="store_true", help="use SQLite even when PostgreSQL answers")
    parser.add_argument("--only", help="only the pages whose name contains this")
    parser.add_argument("--think", type=int, default=0, metavar="MS",
                        help="each connection pauses about MS between requests, like a person reading (default 0: "
                             "back to back, the server saturated)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2

    from sanshen import server as production

    workers = options.workers or production.default_workers()
    threads = options.threads or production.DEFAULT_THREADS
    var = tempfile.mkdtemp(prefix="sanshen-bench-load-")
    use_postgres = postgres_reachable() and not options.sqlite
    env = {**os.environ, "SANSHEN_VAR_DIR": var, "DATABASE_URL": fresh_database(var, use_postgres),
           "DJANGO_SETTINGS_MODULE": "sanshen.settings"}
    os.environ.update(env)
    made = build(options.published, options.in_review)

    port = 18000 + os.getpid() % 1000
    server = serve(env, port, workers, threads)
    try:
        head = Session(port)
        head.log_in("head")
        token = Session(port).api_token("head")
        rnd = random.Random(11)
        published = rnd.sample(made["items"], min(500, len(made["items"])))
        waiting = rnd.sample(made["in_review"], min(500, len(made["in_review"])))
        cookie = {"Cookie": "; ".join(f"{k}={v}" for k, v in head.cookies.items())}
        pages = [
            ("public item /site/items/<id>/ (500)", [f"/site/items/{pk}/" for pk in published], {}),
            ("public home /site/", ["/site/"], {}),
            ("review queue /review/", ["/review/"], cookie),
            ("staff item /items/<id>/ (one)", [f"/items/{waiting[0]}/"], cookie),
            ("staff item /items/<id>/ (500)", [f"/items/{pk}/" for pk in waiting], cookie),
            ("dashboard /", ["/"], cookie),
            ("API item /api/items/<id> (500)", [f"/api/items/{pk}" for pk in waiting],
             {"Authorization": f"Bearer {token}"}),
        ]
        pause = f", each pausing ~{options.think} ms between requests" if options.think else ", back to back"
        print(f"\nsanshen serve: {workers} processes × {threads} threads; wrk {options.connections} connections"
              f"{pause}, {options.seconds} s a page\n")
        print(f"{'page':<34} {'alone':>8} {'again':>8} {'median':>8} {'p90':>8} {'p99':>8} {'req/s':>8} {'errors':>7}")
        failed = False
        for name, paths, headers in pages:
            if options.only and options.only not in name:
                continue
            alone, again = one_alone(head, paths[0], headers, workers)
            figures = drive(port, paths, headers, options.connections, options.seconds, var, options.think)
            errors = figures["not200"] + figures["timeouts"] + figures["socket"]  # a redirect to sign-in counts
            failed |= errors > 0
            print(f"{name:<34} {alone:6.1f}ms {again:6.1f}ms {figures['p50']:6.1f}ms {figures['p90']:6.1f}ms "
                  f"{figures['p99']:6.1f}ms {figures['requests'] / figures['seconds']:8.0f} {errors:7d}")
        print("\nresident memory per server process:")
        for pid in process_tree(server.pid):
            name = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")[:60]
            print(f"  pid {pid:<7} {rss_mb(pid):6.0f} MB   {name}")
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
