"""Browser tests: the real server in a subprocess, driven through the system's Chromium.

Chromium is the Debian ``chromium`` package (``/usr/bin/chromium``, or ``BIENBAN_CHROMIUM``),
launched by Playwright with ``executable_path``: no browser is ever downloaded. Without it the
tests are skipped, unless ``BIENBAN_REQUIRE_BROWSER=1`` (then they fail). Deselect them all with
``-m "not browser"``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server import running_server

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


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """bienban's app under uvicorn on a free loopback port, with an empty database; yields its
    base URL and always stops it."""
    with running_server(tmp_path_factory.mktemp("server-data")) as running:
        yield running.url
