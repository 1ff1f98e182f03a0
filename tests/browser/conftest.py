"""A real Sanshen server (its own database, the demo loaded) and Debian's chromium driven by Playwright."""

import base64
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django_otp.oath import totp

from tests.conftest import DEMO_PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sanshen(*args, env):
    result = subprocess.run([sys.executable, "-m", "sanshen.cli", *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def log_in(page, server_url, username, password=DEMO_PASSWORD):
    page.goto(f"{server_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """Serve a fresh installation on a free port; on PostgreSQL, in a database of its own."""
    env = {**os.environ, "SANSHEN_VAR_DIR": str(tmp_path_factory.mktemp("server-var"))}
    database_url = os.environ.get("DATABASE_URL", "")
    own_database = None
    if database_url.startswith("postgres"):
        base, _, _ = database_url.rpartition("/")
        own_database = f"sanshen_browser_{os.getpid()}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{own_database}"')
            conn.execute(f'CREATE DATABASE "{own_database}"')
        env["DATABASE_URL"] = f"{base}/{own_database}"
    sanshen("migrate", "-v0", env=env)
    sanshen("demo", "--password", DEMO_PASSWORD, env=env)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sanshen.cli", "serve", f"127.0.0.1:{port}", "--no-worker"],
                              env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(10)
    if own_database:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{own_database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: .ci/run should have installed it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def as_user(browser, server_url):
    """A fresh signed-in page per person, closed at the end of the test."""
    contexts = []

    def open_as(username):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        log_in(page, server_url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot for the README when SANSHEN_SCREENSHOTS=1."""

    def take(page, name: str):
        if os.environ.get("SANSHEN_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def pass_second_factor(page):
    """Administrators: set up TOTP from the secret the page shows, or enter the current code."""
    if "/account/otp/setup/" in page.url:
        secret = page.inner_text("[data-testid=otp-secret]").strip()
        page.fill("input[name=token]", f"{totp(base64.b32decode(secret)):06d}")
        page.click("main button[type=submit]")


@pytest.fixture(scope="session")
def admin_state(browser, server_url):
    """The administrator signs in once, setting up TOTP on the way (a code is good only once)."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    log_in(page, server_url, "admin")
    assert "/account/otp/setup/" in page.url
    pass_second_factor(page)
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def admin_page(browser, admin_state):
    """A page signed in as the administrator, second factor passed."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800}, storage_state=admin_state)
    yield context.new_page()
    context.close()
