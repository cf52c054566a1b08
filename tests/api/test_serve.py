"""``bienban serve``: uvicorn with the app factory, loopback only until API keys exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from analyzer.cli import app
from api.settings import get_settings


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []

    def fake_run(target: str, **kwargs: Any) -> None:
        calls.append({"target": target, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    for name in ("HOST", "PORT"):
        monkeypatch.delenv(f"BIENBAN_{name}", raising=False)
    get_settings.cache_clear()
    yield calls
    get_settings.cache_clear()


def test_serve_defaults(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert runs == [
        {
            "target": "api.app:create_app",
            "factory": True,
            "host": "127.0.0.1",
            "port": 8000,
            "workers": 1,
        }
    ]


def test_serve_options_and_environment(
    runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIENBAN_PORT", "9100")
    result = CliRunner().invoke(app, ["serve", "--host", "::1", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert (runs[0]["host"], runs[0]["port"], runs[0]["workers"]) == ("::1", 9100, 2)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "bienban.example"])
def test_serve_refuses_a_network_address_without_keys(
    runs: list[dict[str, Any]], host: str
) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", host])
    assert result.exit_code == 2
    assert runs == []
    assert "khóa API" in result.output and "--allow-insecure" in result.output


def test_serve_allow_insecure_warns_and_starts(runs: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--allow-insecure"])
    assert result.exit_code == 0, result.output
    assert "cảnh báo" in result.output
    assert runs[0]["host"] == "0.0.0.0"


def test_serve_bad_environment(runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIENBAN_PORT", "tám nghìn")
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "BIENBAN_PORT" in result.output
    assert runs == []
