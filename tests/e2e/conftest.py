"""Browser tests: the real server in a subprocess, driven through the system's Chromium.

Chromium is the Debian ``chromium`` package (``/usr/bin/chromium``, or ``BIENBAN_CHROMIUM``),
launched by Playwright with ``executable_path``: no browser is ever downloaded. Without it the
tests are skipped, unless ``BIENBAN_REQUIRE_BROWSER=1`` (then they fail). Deselect them all with
``-m "not browser"``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY_DEADLINE_S = 120.0


def _unavailable(reason: str) -> None:
    if os.environ.get("BIENBAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (BIENBAN_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("BIENBAN_CHROMIUM") or DEFAULT_CHROMIUM
    if not Path(path).is_file():
        _unavailable(f"no Chromium at {path} (install the Debian chromium package)")
    return path


@pytest.fixture(scope="session")
def playwright(chromium_path: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Any, chromium_path: str) -> Iterator[Any]:
    launched = playwright.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield launched
    finally:
        launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``bienban``'s app under uvicorn on a free loopback port, with an empty database; yields
    its base URL and always stops it."""
    data = tmp_path_factory.mktemp("server-data")
    log = data / "server.log"
    env = {
        **os.environ,
        "BIENBAN_DATA_DIR": str(data),
        "BIENBAN_DATABASE_URL": "",
        "BIENBAN_REQUIRE_API_KEY": "false",
        "HF_HUB_OFFLINE": "1",
    }
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + READY_DEADLINE_S
        while not _ready(base + "/readyz"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                pytest.fail(f"the server did not become ready:\n{tail}", pytrace=False)
            time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
