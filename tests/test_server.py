"""`sanshen serve`, the production server (生产服务器): pages and static files from granian's worker processes, a
graceful restart on HUP (how an upgrade is rolled out) and a clean stop on TERM."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def wait_until(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@pytest.fixture
def server(tmp_path):
    env = {**os.environ, "SANSHEN_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "sanshen.cli", "migrate", "-v0"], env=env, check=True)
    port, pidfile = free_port(), tmp_path / "sanshen.pid"
    process = subprocess.Popen([sys.executable, "-m", "sanshen.cli", "serve", f"127.0.0.1:{port}", "--workers", "2",
                                "--threads", "2", "--pidfile", str(pidfile), "--no-worker"], env=env,
                               stdout=(tmp_path / "out.txt").open("w"), start_new_session=True)
    try:
        assert wait_until(lambda: get(port, "/login/").status == 200), "the server did not start"
        yield port, int(pidfile.read_text()), process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_the_server_answers_pages_and_static_files_from_its_worker_processes(server, tmp_path):
    port, master, _process = server
    assert f"http://127.0.0.1:{port}/" in (tmp_path / "out.txt").read_text()  # where to point the browser
    assert get(port, "/login/").status == 200
    css = get(port, "/static/sanshen/sanshen.css")
    assert css.status == 200 and "text/css" in css.getheader("Content-Type")
    assert css.getheader("Cache-Control") and css.getheader("Content-Length")
    assert len(worker_pids(master)) == 2


def test_hup_replaces_the_workers_without_refusing_requests_and_term_stops_cleanly(server):
    port, master, process = server
    before = worker_pids(master)
    os.kill(master, signal.SIGHUP)
    answers, deadline = [], time.monotonic() + 30
    while not (len(worker_pids(master)) == 2 and not worker_pids(master) & before):
        assert time.monotonic() < deadline, "the workers were not replaced"
        answers.append(get(port, "/login/").status)  # a refused connection fails the test here
    assert set(answers) <= {200}
    os.kill(master, signal.SIGTERM)
    assert process.wait(30) == 0


@pytest.mark.parametrize("arguments, named", [(["127.0.0.1:99999"], "地址:端口"), (["--workers", "0"], "正整数")])
def test_a_bad_address_or_count_is_one_line_and_exit_2(arguments, named):
    result = subprocess.run([sys.executable, "-m", "sanshen.cli", "serve", *arguments], capture_output=True, text=True)
    assert result.returncode == 2 and named in result.stderr and len(result.stderr.strip().splitlines()) == 1
